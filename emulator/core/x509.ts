import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from "node:crypto";

/**
 * Certificate and key inspection for uploads, shared by the vendors (all four accept PEM uploads).
 * node:crypto does the parsing: it is what real TLS servers use, and it handles encrypted keys.
 */

export class PemError extends Error {}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Parses a leaf-first PEM bundle; throws PemError when there is no certificate or anything but whitespace around them. */
export function parseCertificateChain(pem: string): X509Certificate[] {
    const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
    if (blocks.length === 0) throw new PemError("no PEM certificate found");
    if (pem.replace(CERTIFICATE_BLOCK, "").trim() !== "") throw new PemError("unexpected text outside the PEM certificate blocks");
    return blocks.map((block, i) => {
        try {
            return new X509Certificate(block);
        } catch (error) {
            throw new PemError(`certificate #${i + 1} cannot be parsed: ${(error as Error).message}`);
        }
    });
}

/** True when each certificate is signed by the next one (the order vendors and TLS servers expect). */
export function isChainInOrder(chain: readonly X509Certificate[]): boolean {
    for (let i = 0; i + 1 < chain.length; i++) {
        if (!chain[i].checkIssued(chain[i + 1]) || !chain[i].verify(chain[i + 1].publicKey)) return false;
    }
    return true;
}

export type PrivateKeyResult =
    | { readonly ok: true; readonly key: KeyObject }
    /** `encrypted`: the PEM is an encrypted key and the password is missing or wrong. */
    | { readonly ok: false; readonly reason: "unparseable" | "encrypted" };

export function isEncryptedPrivateKeyPem(pem: string): boolean {
    return /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem) || /Proc-Type:\s*4,ENCRYPTED/.test(pem);
}

/** Loads a PKCS#1, PKCS#8, SEC1 or encrypted PKCS#8/legacy-PEM private key. */
export function loadPrivateKey(pem: string, password?: string): PrivateKeyResult {
    const encrypted = isEncryptedPrivateKeyPem(pem);
    if (encrypted && (password === undefined || password === "")) return { ok: false, reason: "encrypted" };
    try {
        const key = createPrivateKey(encrypted ? { key: pem, format: "pem", passphrase: password } : { key: pem, format: "pem" });
        return { ok: true, key };
    } catch {
        return { ok: false, reason: encrypted ? "encrypted" : "unparseable" };
    }
}

/** True when `key` is the private half of the certificate's public key. */
export function keyMatchesCertificate(key: KeyObject, certificate: X509Certificate): boolean {
    const fromKey = createPublicKey(key).export({ type: "spki", format: "der" });
    const fromCert = certificate.publicKey.export({ type: "spki", format: "der" });
    return fromKey.equals(fromCert);
}

/** Reads a value the way Node prints it in `subject`/`subjectAltName`: JSON-quoted when it holds special characters. */
function unquote(value: string): string {
    if (!value.startsWith('"')) return value;
    try {
        return JSON.parse(value) as string;
    } catch {
        return value;
    }
}

/** The subject common name (the last CN when there are several, as browsers do); undefined when there is none. */
export function commonName(certificate: X509Certificate): string | undefined {
    const names = certificate.subject
        .split("\n")
        .filter((line) => line.startsWith("CN="))
        .map((line) => unquote(line.slice(3)));
    return names.at(-1);
}

/** DNS names and IP addresses of the subjectAltName extension, in certificate order. */
export function subjectAltNames(certificate: X509Certificate): string[] {
    const text = certificate.subjectAltName;
    if (!text) return [];
    const out: string[] = [];
    for (const m of text.matchAll(/(?:^|,\s*)(DNS|IP Address):("(?:[^"\\]|\\.)*"|[^,]*)/g)) out.push(unquote(m[2].trim()));
    return out;
}
