import { builtProviderModule } from "../support/built";
import { benchChain } from "../support/fixtures";
import { maxTarget, type Figure } from "../support/results";
import { timePerOp } from "../support/stats";

/** Hostile PEM of `size` characters, one per shape the PEM parser must stay linear on. */
function hostilePem(size: number, certificatePem: string): Record<string, string> {
    const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    return {
        "random bytes": Buffer.from(Array.from({ length: size }, (_, i) => (i * 7919) % 256)).toString("latin1"),
        "one base64 block": `-----BEGIN CERTIFICATE-----\n${"A".repeat(size - 60)}\n-----END CERTIFICATE-----`,
        "BEGIN lines without END": fill("-----BEGIN CERTIFICATE-----\n"),
        "BEGIN closed by the next BEGIN": fill("-----BEGIN CERTIFICATE"),
        dashes: "-".repeat(size),
        "labels that never close": Array.from({ length: Math.floor(size / 24) }, (_, i) => `-----BEGIN L${i}-----\n`).join("").slice(0, size),
        "a certificate repeated": fill(`${certificatePem}\n`),
    };
}

/** The slowest shape, in ms per call. */
async function worstMs(inputs: Record<string, string>, op: (text: string) => unknown): Promise<number> {
    let worst = 0;
    for (const text of Object.values(inputs)) {
        const ms = await timePerOp(5, () => {
            try {
                op(text);
            } catch {
                // Rejections are the expected outcome; only their cost is measured.
            }
        });
        worst = Math.max(worst, ms);
    }
    return worst;
}

/** Figures without a floor: hostile PEM stays linear and cheap; request signing is not a bottleneck. */
export async function pemAndSigningFigures(): Promise<Figure[]> {
    const { checkCertificateBundle, MAX_PEM_INPUT_BYTES, normalizePem, splitPemBlocks } = builtProviderModule<typeof import("../../provider/core/pem")>("core/pem");
    const { signTc3 } = builtProviderModule<typeof import("../../provider/tencent/sign")>("tencent/sign");
    const chain = benchChain("hostile.bench.example.com");
    const figures: Figure[] = [];
    const hostile = (name: string, size: number, op: (text: string) => unknown, max: number) => async () => {
        const ms = await worstMs(hostilePem(size, chain.leaf.certificatePem), op);
        figures.push({ group: "hostile PEM", name, note: "slowest of 7 shapes (random bytes, one huge block, unclosed BEGINs, …)", value: ms, unit: "ms", targets: [maxTarget(ms, max, "ms")] });
    };
    const check = (text: string) => checkCertificateBundle({ certificate: { property: "c", value: text }, privateKey: { property: "k", value: text }, requireKey: true, now: new Date() });
    await hostile("checkCertificateBundle of 5 MiB", 5 * 1024 * 1024, check, 100)();
    await hostile("normalizePem of 5 MiB", 5 * 1024 * 1024, normalizePem, 100)();
    await hostile(`splitPemBlocks of ${MAX_PEM_INPUT_BYTES / 1024} KiB (the input limit)`, MAX_PEM_INPUT_BYTES, splitPemBlocks, 20)();
    await hostile(`normalizePem of ${MAX_PEM_INPUT_BYTES / 1024} KiB (the input limit)`, MAX_PEM_INPUT_BYTES, normalizePem, 20)();

    const request = { method: "POST", host: "ssl.tencentcloudapi.com", path: "/", query: "", headers: { "content-type": "application/json" }, body: JSON.stringify({ CertificatePublicKey: chain.chainPem }) };
    const signMs = await timePerOp(5000, () => signTc3(request, { secretId: "AKIDEXAMPLE", secretKey: "SECRETEXAMPLE" }, { service: "ssl", now: new Date() }));
    const perSecond = 1000 / signMs;
    figures.push({ group: "signing", name: "TC3 signatures of an upload-sized body", value: perSecond, unit: "/s", targets: [{ what: ">= 5000 /s", ok: perSecond >= 5000 }] });
    return figures;
}
