import { canonicalHeaders } from "../core/signing/canonicalHeaders";
import { canonicalQueryString, type QueryParam } from "../core/signing/canonicalQuery";
import { hmacSha256Hex, sha256Hex, type SignableData } from "../core/signing/hash";
import { percentEncode } from "../core/signing/percentEncode";

/** The parts of an HTTP request that SDK-HMAC-SHA256 covers. @public */
export interface AkSkRequest {
    readonly method: string;
    /**
     * host[:port] exactly as the Host header carries it (no default port), signed as `host`. Only
     * X-Sdk-Date must be signed, so it may be left out; Huawei's Go SDK vectors do that.
     */
    readonly host?: string;
    /** The path as sent, without the query; percent-encoded or not, both sign alike. */
    readonly path: string;
    /** Query parameters as sent; a key may repeat. */
    readonly query?: Iterable<QueryParam> | Readonly<Record<string, string>>;
    /** Headers to send and sign besides host, X-Sdk-Date, X-Project-Id and X-Security-Token. */
    readonly headers: Readonly<Record<string, string>>;
    /** Exact body bytes that will be sent; "" when there is none. */
    readonly body: SignableData;
}

/** @public */
export interface AkSkCredentials {
    readonly accessKey: string;
    readonly secretKey: string;
    /** Temporary AK/SK from IAM securitytokens: sent and signed as X-Security-Token. */
    readonly securityToken?: string;
    /** Sent and signed as X-Project-Id, as the SDK's BasicCredentials does when it knows the project. */
    readonly projectId?: string;
}

/** @public */
export interface AkSkSignOptions {
    /** Signing time; injected so that signatures are reproducible. */
    readonly now: Date;
}

/** @public */
export interface AkSkSignature {
    /** Headers to send besides request.headers: X-Sdk-Date, X-Project-Id and X-Security-Token when set, Authorization. */
    readonly headers: Readonly<Record<string, string>>;
    readonly authorization: string;
    readonly signature: string;
    readonly sdkDate: string;
    readonly signedHeaders: string;
    readonly canonicalRequest: string;
    readonly stringToSign: string;
}

export const SDK_HMAC_SHA256 = "SDK-HMAC-SHA256";
export const SDK_DATE_HEADER = "X-Sdk-Date";
export const PROJECT_ID_HEADER = "X-Project-Id";
export const SECURITY_TOKEN_HEADER = "X-Security-Token";

/** `yyyyMMddTHHmmssZ` in UTC: the gateway refuses a date more than 15 minutes off its own. */
export function sdkDate(now: Date): string {
    return now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * Each path segment percent-encoded (RFC 3986), and always a trailing "/" although the request
 * line has none: Huawei's published example only reproduces with it. Segments are decoded first,
 * as the Go SDK signs the unencoded path, so an id that had to be escaped on the wire is not
 * escaped twice; a segment that is not valid percent-encoding is encoded as it stands.
 */
export function canonicalUri(path: string): string {
    const encoded = path
        .split("/")
        .map((segment) => percentEncode(decodeSegment(segment)))
        .join("/");
    return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

function decodeSegment(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}

/** Signs a request with SDK-HMAC-SHA256 (AK/SK), as Huawei's API Request Signing Guide documents it. */
export function signAkSk(request: AkSkRequest, credentials: AkSkCredentials, options: AkSkSignOptions): AkSkSignature {
    const date = sdkDate(options.now);
    const added: Record<string, string> = { [SDK_DATE_HEADER]: date };
    if (credentials.projectId) added[PROJECT_ID_HEADER] = credentials.projectId;
    if (credentials.securityToken) added[SECURITY_TOKEN_HEADER] = credentials.securityToken;
    const signedValues: Record<string, string> = { ...request.headers, ...added };
    if (request.host !== undefined) signedValues.host = request.host;
    const { canonical, signed } = canonicalHeaders(signedValues);
    const canonicalRequest = [
        request.method.toUpperCase(),
        canonicalUri(request.path),
        canonicalQueryString(request.query ?? []),
        canonical,
        signed,
        sha256Hex(request.body),
    ].join("\n");
    const stringToSign = [SDK_HMAC_SHA256, date, sha256Hex(canonicalRequest)].join("\n");
    const signature = hmacSha256Hex(credentials.secretKey, stringToSign);
    const authorization = `${SDK_HMAC_SHA256} Access=${credentials.accessKey}, SignedHeaders=${signed}, Signature=${signature}`;
    return {
        headers: { ...added, Authorization: authorization },
        authorization,
        signature,
        sdkDate: date,
        signedHeaders: signed,
        canonicalRequest,
        stringToSign,
    };
}

/** @public */
export interface ParsedAkSkAuthorization {
    readonly accessKey: string;
    readonly signedHeaders: string[];
    readonly signature: string;
}

/** Parses an Authorization header; undefined when it is not a well-formed SDK-HMAC-SHA256 header. */
export function parseAkSkAuthorization(header: string): ParsedAkSkAuthorization | undefined {
    const m = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(header);
    if (!m) return undefined;
    return { accessKey: m[1], signedHeaders: m[2].split(";"), signature: m[3] };
}
