import { canonicalHeaders as canonicalizeHeaders, type CanonicalHeaders } from "../core/signing/canonicalHeaders";
import { hmacSha256, hmacSha256Hex, sha256Hex } from "../core/signing/hash";

/** The parts of an HTTP request that TC3-HMAC-SHA256 covers. */
export interface Tc3Request {
    readonly method: string;
    /** Host the request is actually sent to (no port): it is a signed header. */
    readonly host: string;
    readonly path: string;
    /** Canonical query string; "" for POST. */
    readonly query: string;
    /** Headers to sign besides `host`, e.g. `{ "content-type": "application/json" }`. */
    readonly headers: Readonly<Record<string, string>>;
    /** Exact body bytes that will be sent. */
    readonly body: string | Buffer;
}

export interface Tc3Credentials {
    readonly secretId: string;
    readonly secretKey: string;
}

export interface Tc3SignOptions {
    /** Credential-scope service, e.g. "ssl". */
    readonly service: string;
    /** Signing time; the clock is injected so signatures are reproducible. */
    readonly now: Date;
}

export interface Tc3Signature {
    readonly authorization: string;
    readonly signature: string;
    readonly timestamp: number;
    readonly signedHeaders: string;
    readonly canonicalRequest: string;
    readonly stringToSign: string;
}

export const TC3_ALGORITHM = "TC3-HMAC-SHA256";

/** TC3's canonical headers: `host` always, and values lowercased as well as names (unlike Huawei and Alibaba). */
export function canonicalHeaders(host: string, headers: Readonly<Record<string, string>>): CanonicalHeaders {
    return canonicalizeHeaders({ ...headers, host }, { lowercaseValues: true });
}

/** Signs a request with TC3-HMAC-SHA256 as documented by Tencent Cloud API 3.0. */
export function signTc3(request: Tc3Request, credentials: Tc3Credentials, options: Tc3SignOptions): Tc3Signature {
    const timestamp = Math.floor(options.now.getTime() / 1000);
    // The date must be the UTC day of the timestamp: local time breaks around midnight in UTC+8.
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const { canonical, signed } = canonicalHeaders(request.host, request.headers);
    const canonicalRequest = [
        request.method.toUpperCase(),
        request.path || "/",
        request.query,
        canonical,
        signed,
        sha256Hex(request.body),
    ].join("\n");
    const scope = `${date}/${options.service}/tc3_request`;
    const stringToSign = [TC3_ALGORITHM, String(timestamp), scope, sha256Hex(canonicalRequest)].join("\n");
    const secretDate = hmacSha256(`TC3${credentials.secretKey}`, date);
    const secretService = hmacSha256(secretDate, options.service);
    const secretSigning = hmacSha256(secretService, "tc3_request");
    const signature = hmacSha256Hex(secretSigning, stringToSign);
    return {
        authorization: `${TC3_ALGORITHM} Credential=${credentials.secretId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`,
        signature,
        timestamp,
        signedHeaders: signed,
        canonicalRequest,
        stringToSign,
    };
}

export interface ParsedTc3Authorization {
    readonly secretId: string;
    readonly date: string;
    readonly service: string;
    readonly signedHeaders: string[];
    readonly signature: string;
}

/** Parses an Authorization header; undefined when it is not a well-formed TC3 header. */
export function parseTc3Authorization(header: string): ParsedTc3Authorization | undefined {
    const m = /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(header);
    if (!m) return undefined;
    return { secretId: m[1], date: m[2], service: m[3], signedHeaders: m[4].split(";"), signature: m[5] };
}
