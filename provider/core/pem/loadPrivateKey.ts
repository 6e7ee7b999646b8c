import { createPrivateKey, type KeyObject } from "node:crypto";
import { keyAlgorithmOf, type KeyAlgorithmInfo } from "./keyAlgorithm";
import { PemError } from "./pemError";
import { describePemLabel, isPrivateKeyLabel, PRIVATE_KEY_LABELS } from "./pemLabels";
import { splitPemBlocks, type PemBlock } from "./splitPemBlocks";

/** How the key was encoded: PKCS#8, PKCS#1 (RSA), SEC1 (EC/SM2) or OpenSSL's legacy DSA form. @public */
export type PrivateKeyFormat = "PKCS#8" | "PKCS#1" | "SEC1" | "DSA";

/** `PKCS#8`: ENCRYPTED PRIVATE KEY (PBES2). `traditional`: Proc-Type/DEK-Info headers. @public */
export type PrivateKeyEncryption = "none" | "PKCS#8" | "traditional";

/** @public */
export interface PrivateKeyInfo {
    readonly keyAlgorithm: KeyAlgorithmInfo;
    readonly format: PrivateKeyFormat;
    readonly encryption: PrivateKeyEncryption;
    /** The decrypted key, for checkPrivateKey and signing. */
    readonly keyObject: KeyObject;
}

const FORMATS: Readonly<Record<string, PrivateKeyFormat>> = {
    "PRIVATE KEY": "PKCS#8",
    "ENCRYPTED PRIVATE KEY": "PKCS#8",
    "RSA PRIVATE KEY": "PKCS#1",
    "EC PRIVATE KEY": "SEC1",
    "SM2 PRIVATE KEY": "SEC1",
    "DSA PRIVATE KEY": "DSA",
};

/**
 * Loads a PEM private key with node:crypto: PKCS#8, PKCS#1, SEC1 (optionally preceded by an
 * "EC PARAMETERS" block, as `openssl ecparam -genkey` writes), encrypted PKCS#8 and traditional
 * encrypted PEM. Decryption is OpenSSL's (milliseconds even at 600k PBKDF2 iterations; jsrsasign
 * would take minutes), and no parser message is passed on.
 *
 * Password rules: an empty string counts as no password. A password given for an unencrypted key
 * is ignored here (`encryption` is "none", so callers can tell); checkCertificateBundle rejects it.
 * Throws PemError: PASSWORD_REQUIRED, WRONG_PASSWORD, BAD_KEY, UNSUPPORTED, MULTIPLE_KEYS,
 * UNEXPECTED_BLOCK, or a splitPemBlocks code.
 * @public
 */
export function loadPrivateKey(text: string, password?: string): PrivateKeyInfo {
    const block = findKeyBlock(splitPemBlocks(text));
    const format = FORMATS[block.label];
    if (format === undefined) {
        throw new PemError("UNSUPPORTED", `the private key is in a format that cannot be read (${describePemLabel(block.label)}); convert it to PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----")`);
    }
    const encryption: PrivateKeyEncryption =
        block.label === "ENCRYPTED PRIVATE KEY" ? "PKCS#8" : /ENCRYPTED/i.test(block.headers["Proc-Type"] ?? "") || "DEK-Info" in block.headers ? "traditional" : "none";
    const passphrase = password === "" ? undefined : password;
    if (encryption !== "none" && passphrase === undefined) {
        throw new PemError("PASSWORD_REQUIRED", "the private key is encrypted and no password was given");
    }

    // An SM2 SEC1 key is an EC SEC1 key with the SM2 curve; the OpenSSL of older Node releases
    // (3.0, as in Node 22.12) knows no "SM2 PRIVATE KEY" label and refuses the key.
    const pem = block.label === "SM2 PRIVATE KEY" ? block.pem.replace(/SM2 PRIVATE KEY-----/g, "EC PRIVATE KEY-----") : block.pem;
    let keyObject: KeyObject;
    try {
        keyObject = encryption === "none" ? createPrivateKey(pem) : createPrivateKey({ key: pem, format: "pem", passphrase });
    } catch {
        if (encryption !== "none") throw new PemError("WRONG_PASSWORD", "the private key could not be decrypted: the password is wrong or the key is damaged");
        throw new PemError("BAD_KEY", `the ${format} private key could not be decoded: it is damaged or not a private key`);
    }
    // The key type is read on first use: a key that matches its certificate never needs it.
    let keyAlgorithm: KeyAlgorithmInfo | undefined;
    return {
        get keyAlgorithm() {
            keyAlgorithm ??= keyAlgorithmOf(keyObject);
            return keyAlgorithm;
        },
        format,
        encryption,
        keyObject,
    };
}

function findKeyBlock(blocks: readonly PemBlock[]): PemBlock {
    const keys = blocks.filter((block) => isPrivateKeyLabel(block.label));
    if (keys.length > 1) throw new PemError("MULTIPLE_KEYS", `there are ${keys.length} private keys; give exactly one`);
    const others = blocks.map((block, i) => ({ block, position: i + 1 })).filter(({ block }) => !isPrivateKeyLabel(block.label) && block.label !== "EC PARAMETERS");
    if (others.length > 0) {
        const { block, position } = others[0]!;
        const where = keys.length === 0 ? "there is no private key" : "there is more than the private key";
        throw new PemError("UNEXPECTED_BLOCK", `${where}: PEM block ${position} is ${describePemLabel(block.label)}`);
    }
    if (keys.length === 0) throw new PemError("UNEXPECTED_BLOCK", "there is no private key, only EC curve parameters");
    const key = keys[0]!;
    if (!PRIVATE_KEY_LABELS.includes(key.label)) {
        throw new PemError("UNSUPPORTED", `the private key is ${describePemLabel(key.label)}, which cannot be read; convert it to PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----")`);
    }
    return key;
}
