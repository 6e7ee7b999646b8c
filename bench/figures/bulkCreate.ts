import { performance } from "node:perf_hooks";
import { builtProvider } from "../support/built";
import { emulatorEnv, startEmulatorProcess } from "../support/emulatorProcess";
import { manyCertificates } from "../support/fixtures";
import { runPool } from "../support/pool";
import { ratioTarget, type Figure } from "../support/results";

const COUNT = 200;
/** UploadCertificate's documented rate (reference/seeds/004). */
const UPLOADS_PER_SECOND = 20;
const LATENCY_MS = 50;
/** `pulumi up`'s default --parallel on this CLI, i.e. how many creates the engine has in flight at once. */
export const ENGINE_PARALLELISM = 8;
const MAX_RATIO = 1.1;

type CreateFn = (inputs: Record<string, unknown>) => Promise<{ id: string }>;
type CheckFn = (olds: Record<string, unknown>, news: Record<string, unknown>) => Promise<{ inputs: Record<string, unknown>; failures?: unknown[] }>;

/**
 * 200 TencentCertificates created the way the engine drives a dynamic provider (check, then create,
 * ENGINE_PARALLELISM at a time, all in one provider process), against the emulator in its own
 * process with its documented rate limits on and 50 ms added to every request. The floor is what
 * the documented upload rate allows: 200 / 20 per second = 10 s.
 */
export async function bulkCreateFigure(): Promise<Figure> {
    const emulator = await startEmulatorProcess({ rateLimits: true });
    const env = emulatorEnv(emulator);
    try {
        Object.assign(process.env, env);
        await emulator.setFaults([{ vendor: "tencent", kind: "latency", latencyMs: LATENCY_MS, count: 1_000_000 }]);
        const provider = builtProvider().providers.TencentCertificate as unknown as { check: CheckFn; create: CreateFn };
        const checked = await Promise.all(
            manyCertificates(COUNT, "bulk").map(async (news, i) => {
                const result = await provider.check({}, { ...news, __name: `site-${i + 1}` });
                if ((result.failures ?? []).length > 0) throw new Error(`bulk inputs fail check: ${JSON.stringify(result.failures)}`);
                return result.inputs;
            }),
        );

        const start = performance.now();
        const ids = await runPool(checked, ENGINE_PARALLELISM, async (inputs) => (await provider.create(inputs)).id);
        const seconds = (performance.now() - start) / 1000;

        const inventory = await emulator.admin<{ tencent: { certificates: Array<{ CertificateId: string }> } }>("GET", "/_emulator/inventory");
        const stored = inventory.tencent.certificates.length;
        if (new Set(ids).size !== COUNT || stored !== COUNT) throw new Error(`bulk create made ${stored} certificates for ${new Set(ids).size} distinct ids; expected ${COUNT} of each`);
        const refused = await emulator.refusals();
        const throttled = Object.values(refused).reduce((a, b) => a + b, 0);
        const byAction = Object.entries(refused).map(([key, n]) => `${key.split("/").pop()} ${n}`);

        const floor = COUNT / UPLOADS_PER_SECOND;
        const ratio = seconds / floor;
        return {
            group: "bulk create",
            name: `${COUNT} TencentCertificates, ${ENGINE_PARALLELISM} at a time`,
            note: `emulator in its own process, rate limits on (UploadCertificate ${UPLOADS_PER_SECOND}/s), ${LATENCY_MS} ms added to every request; throttling errors the emulator returned: ${throttled}${byAction.length > 0 ? ` (${byAction.join(", ")})` : ""}`,
            value: seconds,
            unit: "s",
            detail: `${throttled} throttled`,
            floor: { name: `${COUNT} / ${UPLOADS_PER_SECOND} per s`, value: floor },
            ratio,
            targets: [ratioTarget(ratio, MAX_RATIO), { what: "0 throttling errors", ok: throttled === 0 }],
        };
    } finally {
        for (const key of Object.keys(env)) delete process.env[key];
        await emulator.stop();
    }
}
