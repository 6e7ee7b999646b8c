import { builtProvider } from "../support/built";
import { emulatorEnv, startEmulatorProcess } from "../support/emulatorProcess";
import { benchChain } from "../support/fixtures";
import { maxTarget, type Figure } from "../support/results";
import { median, timeOnce } from "../support/stats";

type Provider = {
    check(olds: object, news: object): Promise<{ inputs: Record<string, unknown> }>;
    create(inputs: object): Promise<{ id: string; outs?: Record<string, unknown> }>;
    delete(id: string, props: object): Promise<void>;
};

/**
 * One TencentCertificate created and deleted, again and again, against the emulator in its own
 * process with rate limits off: the provider's own work per create (check excluded), which the
 * documented rates hide in the bulk figure. Sequential, so the client's pacing (20 uploads a
 * second) never waits.
 */
export async function lifecycleFigure(rounds = 15): Promise<Figure> {
    const emulator = await startEmulatorProcess({ rateLimits: false });
    const env = emulatorEnv(emulator);
    try {
        Object.assign(process.env, env);
        const provider = builtProvider().providers.TencentCertificate as unknown as Provider;
        const chain = benchChain("lifecycle.bench.example.com");
        const { inputs } = await provider.check({}, { certificatePublicKey: chain.fullChainPem, certificatePrivateKey: chain.leaf.privateKeyPem, __name: "web" });
        const samples: number[] = [];
        for (let i = 0; i < rounds; i++) {
            samples.push(
                await timeOnce(async () => {
                    const created = await provider.create(inputs);
                    await provider.delete(created.id, created.outs!);
                }),
            );
            // One upload per 50 ms at most: a pause keeps the client's pacing out of the figure.
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const value = median(samples);
        return { group: "lifecycle", name: "TencentCertificate create + delete", note: "emulator in its own process, rate limits off; median of sequential rounds", value, unit: "ms", targets: [maxTarget(value, 100, "ms")] };
    } finally {
        for (const key of Object.keys(env)) delete process.env[key];
        await emulator.stop();
    }
}
