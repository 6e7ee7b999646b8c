import { createPublicKey, type KeyObject } from "node:crypto";
import { ASN1HEX } from "jsrsasign";

/** Public-key algorithm of a certificate, CSR or private key. @public */
export type KeyAlgorithm = "RSA" | "RSA-PSS" | "EC" | "SM2" | "Ed25519" | "Ed448" | "X25519" | "X448" | "DSA" | "unknown";

/** @public */
export interface KeyAlgorithmInfo {
    readonly algorithm: KeyAlgorithm;
    /** Modulus size for RSA/DSA; field size for EC and SM2. */
    readonly bits?: number;
    /** EC: "P-256", "P-384", "P-521", else OpenSSL's curve name (e.g. "secp256k1"). SM2: "SM2". */
    readonly curve?: string;
}

const NIST_CURVES: Readonly<Record<string, { curve: string; bits: number }>> = {
    prime256v1: { curve: "P-256", bits: 256 },
    secp384r1: { curve: "P-384", bits: 384 },
    secp521r1: { curve: "P-521", bits: 521 },
    secp256k1: { curve: "secp256k1", bits: 256 },
};

// DER value bytes of the OIDs, compared as hex: id-ecPublicKey 1.2.840.10045.2.1 and the SM2 curve
// 1.2.156.10197.1.301 (also used by some encoders as the key algorithm itself).
const OID_EC_PUBLIC_KEY_HEX = "2a8648ce3d0201";
const OID_SM2_HEX = "2a811ccf5501822d";

const SM2: KeyAlgorithmInfo = { algorithm: "SM2", bits: 256, curve: "SM2" };

/**
 * Describes a public or private KeyObject. SM2 needs care: node 20 reports asymmetricKeyType
 * `undefined` for SM2 keys loaded from PEM (and "ec" with namedCurve "SM2" for keys it generated
 * in-process), so unknown types are resolved from the curve OID in the SubjectPublicKeyInfo.
 * @public
 */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithmInfo {
    const details = key.asymmetricKeyDetails ?? {};
    switch (key.asymmetricKeyType) {
        case "rsa":
            return { algorithm: "RSA", ...(details.modulusLength ? { bits: details.modulusLength } : {}) };
        case "rsa-pss":
            return { algorithm: "RSA-PSS", ...(details.modulusLength ? { bits: details.modulusLength } : {}) };
        case "dsa":
            return { algorithm: "DSA", ...(details.modulusLength ? { bits: details.modulusLength } : {}) };
        case "ed25519":
            return { algorithm: "Ed25519" };
        case "ed448":
            return { algorithm: "Ed448" };
        // Key-agreement keys: no TLS server certificate can use them, but a CA can certify one.
        case "x25519":
            return { algorithm: "X25519" };
        case "x448":
            return { algorithm: "X448" };
        case "ec": {
            const named = details.namedCurve ?? "";
            if (named === "SM2") return { ...SM2 };
            return { algorithm: "EC", ...(NIST_CURVES[named] ?? (named ? { curve: named } : {})) };
        }
        case undefined:
            return isSm2Key(key) ? { ...SM2 } : { algorithm: "unknown" };
        default:
            return { algorithm: "unknown" };
    }
}

function isSm2Key(key: KeyObject): boolean {
    try {
        const publicKey = key.type === "private" ? createPublicKey(key) : key;
        const spki = publicKey.export({ type: "spki", format: "der" }).toString("hex");
        const algorithm = ASN1HEX.getVbyList(spki, 0, [0, 0], "06");
        const parameter = ASN1HEX.getVbyList(spki, 0, [0, 1], "06");
        return algorithm === OID_SM2_HEX || (algorithm === OID_EC_PUBLIC_KEY_HEX && parameter === OID_SM2_HEX);
    } catch {
        return false;
    }
}

/** "RSA-2048", "EC P-256", "SM2", "Ed25519", for messages. @public */
export function formatKeyAlgorithm(info: KeyAlgorithmInfo): string {
    switch (info.algorithm) {
        case "RSA":
        case "RSA-PSS":
        case "DSA":
            return info.bits ? `${info.algorithm}-${info.bits}` : info.algorithm;
        case "EC":
            return info.curve ? `EC ${info.curve}` : "EC";
        case "unknown":
            return "an unrecognised key type";
        default:
            return info.algorithm;
    }
}
