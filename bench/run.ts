// Speed and size figures beside their targets. Run with `npm run bench`; never part of the tests.
import { performance } from "node:perf_hooks";
import { startEmulator } from "../emulator";
import { generateKey, makeCertificateChain } from "../emulator/pki";
import { tencentCertificateProvider as provider, type TencentCertificateInputs } from "../provider/tencent/certificate";
import { checkCertificateBundle, MAX_PEM_INPUT_BYTES, normalizePem, splitPemBlocks } from "../provider/core/pem";
import { resetRateLimits } from "../provider/core/rateLimit";
import { signTc3 } from "../provider/tencent/sign";
import { installPackedPackage } from "../tests/support/packedPackage";

interface Figure {
    name: string;
    value: number;
    unit: string;
    target: number;
    /** "max": the figure must stay at or below the target; "min": at or above. */
    kind: "max" | "min";
}

async function timePerOp(n: number, op: () => unknown): Promise<number> {
    for (let i = 0; i < Math.min(5, n); i++) await op();
    const start = performance.now();
    for (let i = 0; i < n; i++) await op();
    return (performance.now() - start) / n;
}

/** Hostile PEM of `size` characters, one per shape the PEM parser must stay linear on. */
function hostilePem(size: number, certificatePem: string): Record<string, string> {
    const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    return {
        "random bytes": Buffer.from(Array.from({ length: size }, (_, i) => (i * 7919) % 256)).toString("latin1"),
        "one base64 block": `-----BEGIN CERTIFICATE-----\n${"A".repeat(size - 60)}\n-----END CERTIFICATE-----`,
        "BEGIN lines without END": fill("-----BEGIN CERTIFICATE-----\n"),
        "BEGIN closed by the next BEGIN": fill("-----BEGIN CERTIFICATE"),
        "dashes": "-".repeat(size),
        "labels that never close": Array.from({ length: Math.floor(size / 24) }, (_, i) => `-----BEGIN L${i}-----\n`).join("").slice(0, size),
        "a certificate repeated": fill(`${certificatePem}\n`),
    };
}

/** The slowest shape, in ms per call. */
async function worstMs(inputs: Record<string, string>, op: (text: string) => unknown): Promise<number> {
    let worst = 0;
    for (const text of Object.values(inputs)) {
        worst = Math.max(
            worst,
            await timePerOp(5, () => {
                try {
                    op(text);
                } catch {
                    // Rejections are the expected outcome; only their cost is measured.
                }
            }),
        );
    }
    return worst;
}

async function main(): Promise<void> {
    const figures: Figure[] = [];
    const keys = { root: generateKey(), intermediate: generateKey(), leaf: generateKey() };
    const chain = makeCertificateChain({ commonName: "bench.example.com", keys });
    const news = { certificatePublicKey: chain.chainPem, certificatePrivateKey: chain.leaf.privateKeyPem } as unknown as TencentCertificateInputs;

    figures.push({ name: "check() of an RSA-2048 leaf+intermediate bundle with its key", value: await timePerOp(200, () => provider.check({} as TencentCertificateInputs, news)), unit: "ms/op", target: 20, kind: "max" });

    const huge = hostilePem(5 * 1024 * 1024, chain.leaf.certificatePem);
    const check5mb = (text: string) => checkCertificateBundle({ certificate: { property: "c", value: text }, privateKey: { property: "k", value: text }, requireKey: true, now: new Date() });
    figures.push({ name: "checkCertificateBundle of a 5 MB hostile input, slowest shape", value: await worstMs(huge, check5mb), unit: "ms/op", target: 100, kind: "max" });
    figures.push({ name: "normalizePem of a 5 MB hostile input, slowest shape", value: await worstMs(huge, normalizePem), unit: "ms/op", target: 100, kind: "max" });
    const atLimit = hostilePem(MAX_PEM_INPUT_BYTES, chain.leaf.certificatePem);
    figures.push({ name: "splitPemBlocks of a 64 KiB hostile input, slowest shape", value: await worstMs(atLimit, splitPemBlocks), unit: "ms/op", target: 20, kind: "max" });
    figures.push({ name: "normalizePem of a 64 KiB hostile input, slowest shape", value: await worstMs(atLimit, normalizePem), unit: "ms/op", target: 20, kind: "max" });

    const req = { method: "POST", host: "ssl.tencentcloudapi.com", path: "/", query: "", headers: { "content-type": "application/json" }, body: JSON.stringify({ CertificatePublicKey: chain.chainPem }) };
    const signMs = await timePerOp(5000, () => signTc3(req, { secretId: "AKIDEXAMPLE", secretKey: "SECRETEXAMPLE" }, { service: "ssl", now: new Date() }));
    figures.push({ name: "TC3 signatures of an upload-sized body", value: Math.round(1000 / signMs), unit: "signatures/s", target: 5000, kind: "min" });

    const emulator = await startEmulator({ port: 0, rateLimits: false });
    process.env.CLOUDCERTS_TENCENT_ENDPOINT = emulator.endpoints.tencent;
    process.env.TENCENTCLOUD_SECRET_ID = emulator.credentials.tencent.secretId;
    process.env.TENCENTCLOUD_SECRET_KEY = emulator.credentials.tencent.secretKey;
    const inputs = (await provider.check({} as TencentCertificateInputs, news)).inputs as TencentCertificateInputs;
    // The client paces UploadCertificate at its documented 20/s; measure the work, not the pacing.
    const lifecycleMs = await timePerOp(50, async () => {
        resetRateLimits();
        const created = await provider.create(inputs);
        await provider.delete(created.id, created.outs!);
    });
    figures.push({ name: "create + delete of a certificate against the local emulator", value: lifecycleMs, unit: "ms/op", target: 100, kind: "max" });
    await emulator.close();

    const { consumer } = installPackedPackage();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require(`${consumer}/node_modules/pulumi-cloudcerts`) as { providers: Record<string, object> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { serializeFunction } = require("@pulumi/pulumi").runtime as { serializeFunction: (f: () => unknown, o: object) => Promise<{ text: string }> };
    for (const [name, p] of Object.entries(pkg.providers)) {
        const sf = await serializeFunction(() => p, { allowSecrets: true });
        figures.push({ name: `serialized ${name} provider (stored twice per resource in state)`, value: sf.text.length / 1024, unit: "KiB", target: 4, kind: "max" });
    }

    let failed = 0;
    for (const f of figures) {
        const ok = f.kind === "max" ? f.value <= f.target : f.value >= f.target;
        if (!ok) failed += 1;
        console.log(`${ok ? "ok  " : "MISS"} ${f.name}: ${f.value.toFixed(2)} ${f.unit} (target ${f.kind === "max" ? "<=" : ">="} ${f.target})`);
    }
    process.exitCode = failed ? 1 : 0;
}

main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
});
