import { generateKey, makeCertificate, makeCertificateChain, type CertificateChain } from "../../emulator/pki";

/** RSA-2048 keys for root, intermediate and leaf: generated once per bench run (the slow part). */
let keys: { root: ReturnType<typeof generateKey>; intermediate: ReturnType<typeof generateKey>; leaf: ReturnType<typeof generateKey> } | undefined;

/** A root -> intermediate -> leaf chain for `commonName`, RSA-2048 throughout. */
export function benchChain(commonName: string): CertificateChain {
    keys ??= { root: generateKey(), intermediate: generateKey(), leaf: generateKey() };
    return makeCertificateChain({ commonName, keys });
}

/** A fake Huawei project id (32 hex digits). */
export const HUAWEI_PROJECT = "0123456789abcdef0123456789abcdef";

/**
 * `count` certificates for distinct domains (bench-1.example.com, …), each leaf + intermediate
 * with the leaf's key, as TencentCertificate inputs: what a stack of many sites uploads.
 */
export function manyCertificates(count: number, prefix: string): Array<{ certificatePublicKey: string; certificatePrivateKey: string }> {
    const ca = benchChain(`${prefix}-ca.example.com`);
    const now = Date.now();
    return Array.from({ length: count }, (_, i) => {
        const domain = `${prefix}-${i + 1}.example.com`;
        const leaf = makeCertificate({
            subject: { CN: domain },
            subjectKey: { publicKeyPem: ca.leaf.publicKeyPem },
            issuer: { certificatePem: ca.intermediate!.certificatePem, privateKeyPem: ca.intermediate!.privateKeyPem },
            sans: [domain],
            notBefore: new Date(now - 3_600_000),
            notAfter: new Date(now + 90 * 86_400_000),
        });
        return { certificatePublicKey: `${leaf}\n${ca.intermediate!.certificatePem}`, certificatePrivateKey: ca.leaf.privateKeyPem };
    });
}
