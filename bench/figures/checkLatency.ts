import type { providers as ProviderTable } from "../../provider";
import { builtProvider } from "../support/built";
import { HUAWEI_PROJECT, benchChain } from "../support/fixtures";
import { maxTarget, ratioTarget, type Figure } from "../support/results";
import { interleavedSamples, median, quantile } from "../support/stats";
import { checkWithBareCrypto } from "./cryptoFloor";

const MAX_RATIO = 2;
const MAX_MEDIAN_MS = 3;

interface CheckCase {
    readonly inputs: Record<string, unknown>;
    /** Which floor: the chain with its key, or the chain alone (for a type that takes no key). */
    readonly floor: "chain and key" | "chain";
    readonly note: string;
}

type CheckFn = (olds: Record<string, unknown>, news: Record<string, unknown>) => Promise<{ failures?: unknown[] }>;

/**
 * check() of each resource type for a new resource, against the same work in bare node:crypto.
 * Inputs are what the engine hands check(): plain strings (secrets arrive unwrapped).
 */
export async function checkLatencyFigures(rounds = 300): Promise<Figure[]> {
    const chain = benchChain("check.bench.example.com");
    const key = chain.leaf.privateKeyPem;
    const { providers } = builtProvider();
    const cases: Record<keyof typeof ProviderTable, CheckCase> = {
        TencentCertificate: {
            inputs: { certificatePublicKey: chain.fullChainPem, certificatePrivateKey: key },
            floor: "chain and key",
            note: "certificatePublicKey = leaf + intermediate + root, certificatePrivateKey = the leaf's RSA-2048 key",
        },
        TencentCsr: {
            inputs: {
                domain: "csr.bench.example.com",
                organization: "Cloudcerts Bench",
                department: "Platform",
                email: "pki@bench.example.com",
                province: "Guangdong",
                city: "Shenzhen",
                country: "CN",
                encryptAlgo: "RSA",
                keyParameter: "2048",
                remark: "bench",
                tags: { app: "bench" },
            },
            floor: "chain and key",
            note: "takes no certificate (Tencent generates the key and CSR): its check of every input (domain, subject fields, country, algorithm, tags) against the chain-and-key floor",
        },
        ApigCertificate: {
            inputs: { certContent: chain.fullChainPem, privateKey: key, region: "cn-north-4", projectId: HUAWEI_PROJECT },
            floor: "chain and key",
            note: "certContent = leaf + intermediate + root, privateKey = the leaf's key",
        },
        KmsCertificate: {
            inputs: {
                keySpec: "RSA_2048",
                subject: "CN=check.bench.example.com,OU=Platform,O=Cloudcerts Bench,C=CN",
                subjectAlternativeNames: ["check.bench.example.com"],
                certificate: chain.leaf.certificatePem,
                certificateChain: chain.caChainPem,
                tags: { app: "bench" },
                region: "cn-hangzhou",
            },
            floor: "chain",
            note: "KMS holds the key: certificate = leaf, certificateChain = intermediate + root (the optional upload of the signed certificate), against the floor without a key",
        },
        KmsCertificateUpload: {
            inputs: { certificateId: "0a1b2c3d-0000-4000-8000-000000000000", certificate: chain.leaf.certificatePem, certificateChain: chain.caChainPem, region: "cn-hangzhou" },
            floor: "chain",
            note: "the signed certificate of a KmsCertificate: certificate = leaf, certificateChain = intermediate + root, against the floor without a key",
        },
        ScloudSsl: {
            inputs: { userCert: chain.leaf.certificatePem, caCert: chain.caChainPem, privateKey: key, region: "sg", projectId: "org-bench" },
            floor: "chain and key",
            note: "userCert = leaf, caCert = intermediate + root, privateKey = the leaf's key",
        },
    };

    const now = new Date();
    const ops: Record<string, () => unknown> = {
        "chain and key": () => checkWithBareCrypto(chain.fullChainPem, key, now),
        chain: () => checkWithBareCrypto(chain.fullChainPem, undefined, now),
    };
    for (const [type, c] of Object.entries(cases)) {
        const check = (providers[type as keyof typeof providers] as unknown as { check: CheckFn }).check;
        const first = await check({}, c.inputs);
        // A failing check returns early and would look fast.
        if ((first.failures ?? []).length > 0) throw new Error(`bench inputs for ${type} fail check: ${JSON.stringify(first.failures)}`);
        ops[type] = () => check({}, c.inputs);
    }

    const samples = await interleavedSamples(ops, rounds);
    return Object.entries(cases).map(([type, c]): Figure => {
        const value = median(samples[type]!);
        const floor = median(samples[c.floor]!);
        const ratio = value / floor;
        return {
            group: "check latency",
            name: type,
            note: c.note,
            value,
            unit: "ms",
            detail: `p95 ${quantile(samples[type]!, 0.95).toFixed(2)}`,
            floor: { name: `node:crypto ${c.floor}`, value: floor, detail: `p95 ${quantile(samples[c.floor]!, 0.95).toFixed(2)}` },
            ratio,
            targets: [ratioTarget(ratio, MAX_RATIO), maxTarget(value, MAX_MEDIAN_MS, "ms", "median")],
        };
    });
}
