import { generateKey, makeCertificateChain, type CertificateChain, type KeyPairPem } from "../../emulator/pki";

/** Keys are the slow part of test PKI: one set per test process, reused by every spec. */
let keys: { root: KeyPairPem; intermediate: KeyPairPem; leaf: KeyPairPem; other: KeyPairPem } | undefined;

export function testKeys() {
    keys ??= { root: generateKey(), intermediate: generateKey(), leaf: generateKey(), other: generateKey() };
    return keys;
}

/** A root → intermediate → leaf chain for `commonName`, with the shared test keys unless a leaf key is given. */
export function testChain(commonName = "www.example.com", options: Parameters<typeof makeCertificateChain>[0] = {}): CertificateChain {
    const k = testKeys();
    return makeCertificateChain({ commonName, ...options, keys: { root: k.root, intermediate: k.intermediate, leaf: k.leaf, ...options.keys } });
}

/** Long base64 runs from a PEM: if any appears in a message, key material leaked. */
export function pemFragments(pem: string): string[] {
    return pem
        .split("\n")
        .filter((l) => !l.startsWith("-----") && l.length >= 24)
        .map((l) => l.slice(4, 24));
}
