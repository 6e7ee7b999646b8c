import type { KeyObject } from "node:crypto";
import { ASN1HEX } from "jsrsasign";

// [0] EXPLICIT { OID 1.2.156.10197.1.301 }: the SM2 curve as SEC1 ECParameters.
const SM2_PARAMETERS_TLV = "a00a06082a811ccf5501822d";

/**
 * Encodes an SM2 private key as SEC1 ("EC PRIVATE KEY") DER.
 *
 * Needed because node 20 aborts the whole process (a native assertion,
 * `EVP_PKEY_get_id(pkey) == EVP_PKEY_EC`, not an exception) when asked to export an SM2 key
 * loaded from PEM as `sec1`: OpenSSL 3 types such keys SM2, not EC. PKCS#8 export works, and a
 * PKCS#8 SM2 key carries the SEC1 ECPrivateKey inside it, minus the curve, which is added back.
 * @internal
 */
export function sm2Sec1Der(key: KeyObject): Buffer {
    const pkcs8 = key.export({ type: "pkcs8", format: "der" }).toString("hex");
    // PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm, privateKey OCTET STRING { ECPrivateKey } }
    const inner = ASN1HEX.getVbyList(pkcs8, 0, [2], "04");
    if (inner === null) throw new Error("not a PKCS#8 EC private key");
    // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }
    const parts = ASN1HEX.getChildIdx(inner, 0).map((idx) => ASN1HEX.getTLV(inner, idx));
    const version = parts.find((tlv) => tlv.startsWith("02"));
    const privateKey = parts.find((tlv) => tlv.startsWith("04"));
    const publicKey = parts.find((tlv) => tlv.startsWith("a1"));
    if (version === undefined || privateKey === undefined) throw new Error("malformed EC private key");
    const body = version + privateKey + SM2_PARAMETERS_TLV + (publicKey ?? "");
    return Buffer.from(`30${derLength(body.length / 2)}${body}`, "hex");
}

function derLength(bytes: number): string {
    if (bytes < 0x80) return bytes.toString(16).padStart(2, "0");
    const hex = bytes.toString(16);
    const padded = hex.length % 2 === 0 ? hex : `0${hex}`;
    return (0x80 + padded.length / 2).toString(16) + padded;
}
