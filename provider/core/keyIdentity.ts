import { createHash, createPrivateKey, createPublicKey } from "node:crypto";

/**
 * A stable identity for a private key: the SHA-256 of its public key. Two encodings of one key
 * (PKCS#1 vs PKCS#8, encrypted or not) give the same identity, so a vendor that hands a key back
 * in another form is not reported as drift. Undefined when the key cannot be loaded.
 */
export function privateKeyIdentity(pem: string | undefined, password?: string): string | undefined {
    if (!pem) return undefined;
    try {
        const key = createPrivateKey(password ? { key: pem, passphrase: password } : { key: pem });
        return createHash("sha256").update(createPublicKey(key).export({ type: "spki", format: "der" })).digest("hex");
    } catch {
        return undefined;
    }
}
