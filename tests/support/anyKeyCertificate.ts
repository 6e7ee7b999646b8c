import { createPublicKey } from "node:crypto";
import { issueLeaf } from "../../emulator/pki";

/** A leaf to issue for a key the test PKI's makeCertificate cannot encode (SM2, Ed25519, Ed448, X25519, DSA). */
export interface AnyKeyLeafOptions {
    readonly commonName: string;
    /** The subject's public key (SPKI PEM), of any type node:crypto can export. */
    readonly publicKeyPem: string;
    readonly sans: readonly string[];
    readonly notBefore: Date;
    readonly notAfter: Date;
    /** An RSA or EC CA: the signature is made with the test PKI's algorithms. */
    readonly issuer: { readonly certificatePem: string; readonly privateKeyPem: string };
}

/** A leaf certificate for any public key, signed by an RSA or EC test CA. */
export function issueForAnyKey(leaf: AnyKeyLeafOptions): string {
    return issueLeaf({
        subject: { CN: leaf.commonName },
        publicKeyDer: createPublicKey(leaf.publicKeyPem).export({ type: "spki", format: "der" }),
        sans: leaf.sans.map((dns) => ({ dns })),
        issuer: leaf.issuer,
        notBefore: leaf.notBefore,
        notAfter: leaf.notAfter,
    });
}
