import { canonicalHeaders } from "../core/signing/canonicalHeaders";
import { canonicalQueryString, type QueryParam } from "../core/signing/canonicalQuery";
import { hmacSha256Hex, sha256Hex } from "../core/signing/hash";

/** The parts of an HTTP request that ACS3-HMAC-SHA256 covers. */
export interface Acs3Request {
    readonly method: string;
    /** The Host header actually sent, port included when it is not the scheme's default: it is signed as sent. */
    readonly host: string;
    /** The URL path actually sent ("/", or "/alibaba/" behind an endpoint override). */
    readonly path: string;
    /** Query parameters, unencoded. */
    readonly query: Iterable<QueryParam> | Readonly<Record<string, string>>;
    /**
     * Headers besides the x-acs-* ones the signer adds. Only content-type and x-acs-* are signed
     * (the official SDKs sign exactly these plus host); accept, user-agent and the like are not.
     */
    readonly headers: Readonly<Record<string, string>>;
    /** Exact body bytes that will be sent; "" when there is none. */
    readonly body: string | Buffer;
}

export interface Acs3Credentials {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
}

export interface Acs3SignOptions {
    /** x-acs-action, e.g. "CreateCertificate". */
    readonly action: string;
    /** x-acs-version, e.g. "2016-01-20" for KMS. */
    readonly version: string;
    /** Signing time; injected so that signatures are reproducible. */
    readonly now: Date;
    /** x-acs-signature-nonce: Alibaba refuses a nonce it has seen, so each attempt needs a new one. */
    readonly nonce: string;
}

export interface Acs3Signature {
    readonly authorization: string;
    readonly signature: string;
    /** Every signed header with the value that was signed (host and x-acs-* included): send them all as they are. */
    readonly signedHeaderValues: Readonly<Record<string, string>>;
    readonly signedHeaders: string;
    readonly canonicalRequest: string;
    readonly stringToSign: string;
}

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** x-acs-date: ISO-8601 UTC to the second; Alibaba's format has no milliseconds. */
export function acsDate(now: Date): string {
    return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isSigned(name: string): boolean {
    return name === "host" || name === "content-type" || name.startsWith("x-acs-");
}

/**
 * Signs a request with ACS3-HMAC-SHA256 (Alibaba Cloud's V3 signature, the default of the current
 * official SDKs): adds the x-acs-action/-version/-date/-signature-nonce/-content-sha256 headers and
 * returns them with the Authorization value. Pure: time and nonce come from the caller.
 */
export function signAcs3(request: Acs3Request, credentials: Acs3Credentials, options: Acs3SignOptions): Acs3Signature {
    const contentSha256 = sha256Hex(request.body);
    const toSign: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
        const lower = name.trim().toLowerCase();
        if (isSigned(lower)) toSign[lower] = value;
    }
    Object.assign(toSign, {
        host: request.host,
        "x-acs-action": options.action,
        "x-acs-version": options.version,
        "x-acs-date": acsDate(options.now),
        "x-acs-signature-nonce": options.nonce,
        "x-acs-content-sha256": contentSha256,
    });
    const { canonical, signed } = canonicalHeaders(toSign);
    const canonicalRequest = [
        request.method.toUpperCase(),
        request.path || "/",
        canonicalQueryString(request.query),
        canonical,
        signed,
        contentSha256,
    ].join("\n");
    const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
    // Unlike the V2 (HMAC-SHA1) signature, the key is the bare secret: no "&" suffix.
    const signature = hmacSha256Hex(credentials.accessKeySecret, stringToSign);
    return {
        authorization: `${ACS3_ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signed},Signature=${signature}`,
        signature,
        signedHeaderValues: toSign,
        signedHeaders: signed,
        canonicalRequest,
        stringToSign,
    };
}

export interface ParsedAcs3Authorization {
    readonly accessKeyId: string;
    readonly signedHeaders: string[];
    readonly signature: string;
}

/** Parses an Authorization header; undefined when it is not a well-formed ACS3-HMAC-SHA256 one. */
export function parseAcs3Authorization(header: string): ParsedAcs3Authorization | undefined {
    const m = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/.exec(header);
    if (!m) return undefined;
    return { accessKeyId: m[1], signedHeaders: m[2].split(";"), signature: m[3] };
}
