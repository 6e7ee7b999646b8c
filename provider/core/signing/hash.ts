import { createHash, createHmac } from "node:crypto";

/** Bytes to hash or sign: a string is taken as its UTF-8 encoding, as every vendor signs it. */
export type SignableData = string | Uint8Array;

/** Lowercase hex SHA-256: the payload and canonical-request hash of TC3, Huawei SDK-HMAC-SHA256 and Alibaba ACS3. */
export function sha256Hex(data: SignableData): string {
    return createHash("sha256").update(data).digest("hex");
}

/** Raw HMAC-SHA256 bytes: derived signing keys (TC3's date/service/tc3_request chain) are raw, never hex. */
export function hmacSha256(key: SignableData, data: SignableData): Buffer {
    return createHmac("sha256", key).update(data).digest();
}

/** Lowercase hex HMAC-SHA256: the final signature of TC3, Huawei and Alibaba ACS3. */
export function hmacSha256Hex(key: SignableData, data: SignableData): string {
    return createHmac("sha256", key).update(data).digest("hex");
}

/** Lowercase hex SHA-1: SCloud (UCloud-style) signs sha1(sorted params + private key). */
export function sha1Hex(data: SignableData): string {
    return createHash("sha1").update(data).digest("hex");
}

/** Base64 HMAC-SHA1: Alibaba RPC signature version 1.0 (key is the secret plus "&"). */
export function hmacSha1Base64(key: SignableData, data: SignableData): string {
    return createHmac("sha1", key).update(data).digest("base64");
}
