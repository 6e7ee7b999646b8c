import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { ASN1HEX } from "jsrsasign";
import { sm2Sec1Der } from "./sm2Sec1";

// DER value of the SM2 curve OID 1.2.156.10197.1.301.
const SM2_CURVE_OID_HEX = "2a811ccf5501822d";

/**
 * Which key to generate. RSA 2048 takes ~50-100 ms and 4096 several seconds, so tests generate
 * keys once (in `before()`) and pass them to the certificate builders.
 *
 * SM2 keys can be generated (node builds them as EC keys on the SM2 curve) but certificates and
 * CSRs can only be built for RSA and EC keys: jsrsasign cannot encode an SM2 public key.
 * @public
 */
export type KeySpec =
    | { readonly algorithm: "RSA"; readonly bits?: number }
    | { readonly algorithm: "EC"; readonly curve?: EcCurve }
    | { readonly algorithm: "SM2" };

/** @public */
export type EcCurve = "P-256" | "P-384" | "P-521";

/** A key pair as PEM text: the private key as unencrypted PKCS#8, the public key as SPKI. @public */
export interface KeyPairPem {
    readonly privateKeyPem: string;
    readonly publicKeyPem: string;
}

/** @public */
export const DEFAULT_KEY_SPEC: KeySpec = { algorithm: "RSA", bits: 2048 };

/** Generates a key pair with node:crypto. @public */
export function generateKey(spec: KeySpec = DEFAULT_KEY_SPEC): KeyPairPem {
    const { privateKey, publicKey } = generateKeyObjects(spec);
    return {
        privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString().trim(),
        publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString().trim(),
    };
}

function generateKeyObjects(spec: KeySpec): { privateKey: KeyObject; publicKey: KeyObject } {
    switch (spec.algorithm) {
        case "RSA":
            return generateKeyPairSync("rsa", { modulusLength: spec.bits ?? 2048 });
        case "EC":
            return generateKeyPairSync("ec", { namedCurve: spec.curve ?? "P-256" });
        case "SM2":
            // Node has no "sm2" key type; an EC key on the SM2 curve exports as an SM2 key.
            return generateKeyPairSync("ec", { namedCurve: "SM2" });
    }
}

/**
 * How to encode an unencrypted private key: PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`,
 * RSA only) or SEC1 (`EC PRIVATE KEY`, EC and SM2 only).
 * @public
 */
export type PrivateKeyEncoding = "pkcs8" | "pkcs1" | "sec1";

/** Re-encodes a private key, e.g. to test that every encoding users paste is accepted. @public */
export function exportPrivateKey(privateKeyPem: string, encoding: PrivateKeyEncoding): string {
    const key = createPrivateKey(privateKeyPem);
    if (isLoadedSm2(key)) {
        if (encoding === "pkcs1") throw new Error("PKCS#1 is for RSA keys; use pkcs8 or sec1 for SM2");
        if (encoding === "sec1") return encodePem("EC PRIVATE KEY", sm2Sec1Der(key));
    }
    return key.export({ type: encoding, format: "pem" }).toString().trim();
}

/**
 * Node 20 gives SM2 keys read from PEM no asymmetricKeyType, and aborts the process (a native
 * assertion) if they are exported as SEC1, so they are detected and handled before export.
 * Other keys node cannot name are refused here rather than risking the same abort.
 */
function isLoadedSm2(key: KeyObject): boolean {
    if (key.asymmetricKeyType !== undefined) return false;
    const spki = createPublicKey(key).export({ type: "spki", format: "der" }).toString("hex");
    if (ASN1HEX.getVbyList(spki, 0, [0, 1], "06") === SM2_CURVE_OID_HEX) return true;
    throw new Error("unsupported key type: only RSA, EC and SM2 keys can be re-encoded");
}

function encodePem(label: string, der: Buffer): string {
    const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
    return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join("\n");
}

/** @public */
export interface EncryptPrivateKeyOptions {
    /**
     * `pkcs8` gives `ENCRYPTED PRIVATE KEY` (PBES2, what `openssl pkcs8 -topk8` writes);
     * `traditional` gives the OpenSSL legacy form, a PKCS#1/SEC1 block with `Proc-Type: 4,ENCRYPTED`
     * and `DEK-Info` headers. Default `pkcs8`.
     */
    readonly format?: "pkcs8" | "traditional";
    /** An OpenSSL cipher name. Default `aes-256-cbc`. */
    readonly cipher?: string;
}

/** Encrypts a private key with a password (node:crypto, so it is fast and OpenSSL-compatible). @public */
export function encryptPrivateKey(privateKeyPem: string, password: string, options: EncryptPrivateKeyOptions = {}): string {
    const key = createPrivateKey(privateKeyPem);
    const cipher = options.cipher ?? "aes-256-cbc";
    if ((options.format ?? "pkcs8") === "pkcs8") {
        return key.export({ type: "pkcs8", format: "pem", cipher, passphrase: password }).toString().trim();
    }
    if (isLoadedSm2(key)) throw new Error("traditional encryption of SM2 keys is not supported (node cannot write them as SEC1); use the pkcs8 format");
    const type = key.asymmetricKeyType === "rsa" ? "pkcs1" : "sec1";
    return key.export({ type, format: "pem", cipher, passphrase: password }).toString().trim();
}

/** The SPKI public key of a private key, as PEM. @public */
export function publicKeyOf(privateKeyPem: string): string {
    return createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString().trim();
}
