import { createHash, timingSafeEqual } from "node:crypto";
import { parseAcs3Authorization, signAcs3 } from "../../provider/alibaba/sign";
import { headerValue } from "../core/request";
import type { EmulatorRequest } from "../core/types";
import type { Caller } from "../core/vendorService";
import type { AlibabaCredentials } from "../credentials";
import { AlibabaError } from "./envelope";

/**
 * Server-side ACS3-HMAC-SHA256 verification, recomputed from what was received (method, path,
 * query, the Host header as sent, content-type and every x-acs-* header named in SignedHeaders,
 * the exact body) with the provider's own signer. A signer bug would pass here too; the signer is
 * proved separately against the published vector and the official SDK. What the emulator checks
 * on its own: the signed-header set, the body hash, the timestamp window, nonce reuse and the
 * credentials.
 */

export const KMS_VERSION = "2016-01-20";

/** x-acs-date must be within 15 minutes of the server clock (reference §2.2). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Headers every ACS3 request must sign (the official SDKs sign exactly these, plus content-type). */
const REQUIRED_SIGNED = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"];

const ACS_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Nonces seen within the skew window: a replay inside it is refused, older ones cannot pass the date check anyway. */
export class NonceCache {
    private readonly seen = new Map<string, number>();

    /** False when the nonce was already used. */
    use(nonce: string, now: Date): boolean {
        const t = now.getTime();
        for (const [key, at] of this.seen) if (t - at > 2 * MAX_CLOCK_SKEW_MS) this.seen.delete(key);
        if (this.seen.has(nonce)) return false;
        this.seen.set(nonce, t);
        return true;
    }
}

function queryPairs(raw: string): Array<[string, string]> {
    return [...new URLSearchParams(raw)];
}

const SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

/** Throws the Alibaba error the real gateway would answer with; returns the caller otherwise. */
export function verifyAcs3(request: EmulatorRequest, credentials: AlibabaCredentials, now: Date, nonces: NonceCache): Caller {
    const header = headerValue(request, "authorization");
    const parsed = header === undefined ? undefined : parseAcs3Authorization(header);
    if (!parsed) throw new AlibabaError("IncompleteSignature", "The request signature does not conform to Aliyun standards (Authorization is missing or is not ACS3-HMAC-SHA256).");
    if (parsed.accessKeyId !== credentials.accessKeyId) {
        throw new AlibabaError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);
    }
    for (const name of REQUIRED_SIGNED) {
        if (!parsed.signedHeaders.includes(name)) throw new AlibabaError("IncompleteSignature", `The request signature does not conform to Aliyun standards: ${name} must be signed.`);
    }
    const action = headerValue(request, "x-acs-action") ?? "";
    const version = headerValue(request, "x-acs-version") ?? "";
    if (version !== KMS_VERSION) throw new AlibabaError("InvalidVersion", `Specified parameter Version is not valid: KMS is version ${KMS_VERSION}.`);

    const date = headerValue(request, "x-acs-date") ?? "";
    if (!ACS_DATE.test(date)) throw new AlibabaError("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted (x-acs-date must be yyyy-MM-ddTHH:mm:ssZ).");
    const signedAt = new Date(date);
    if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
        throw new AlibabaError("InvalidTimeStamp.Expired", `Specified time stamp or date value is expired: ${date} is more than 15 minutes from the server time.`);
    }

    const contentSha256 = headerValue(request, "x-acs-content-sha256") ?? "";
    if (contentSha256 !== createHash("sha256").update(request.body).digest("hex")) throw new AlibabaError("SignatureDoesNotMatch", "x-acs-content-sha256 is not the SHA-256 of the body received.");

    const host = headerValue(request, "host");
    if (host === undefined) throw new AlibabaError("SignatureDoesNotMatch", SIGNATURE_MISMATCH);
    const extra: Record<string, string> = {};
    for (const name of parsed.signedHeaders) {
        if (name === "host" || REQUIRED_SIGNED.includes(name)) continue;
        const value = headerValue(request, name);
        if (value === undefined) throw new AlibabaError("SignatureDoesNotMatch", SIGNATURE_MISMATCH);
        extra[name] = value;
    }
    const nonce = headerValue(request, "x-acs-signature-nonce") ?? "";
    const expected = signAcs3(
        { method: request.method, host, path: request.path, query: queryPairs(request.query), headers: extra, body: request.body },
        credentials,
        { action, version, now: signedAt, nonce },
    );
    // Signed headers the client sent but the signer would not sign (accept, user-agent) mean a different canonical request.
    if (expected.signedHeaders !== parsed.signedHeaders.join(";")) throw new AlibabaError("SignatureDoesNotMatch", SIGNATURE_MISMATCH);
    if (!timingSafeEqual(Buffer.from(expected.signature, "hex"), Buffer.from(parsed.signature, "hex"))) {
        throw new AlibabaError("SignatureDoesNotMatch", SIGNATURE_MISMATCH);
    }
    // Checked after the signature, as the gateway does: only a genuine request can burn a nonce.
    if (nonce === "" || !nonces.use(nonce, now)) throw new AlibabaError("SignatureNonceUsed", "Specified signature nonce was used already.");
    return { id: parsed.accessKeyId, action };
}
