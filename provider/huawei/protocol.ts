import type { HttpReply, HttpRequest } from "../core/http";
import { readJsonObject, type ErrorClassification, type ParsedReply, type VendorErrorReply, type VendorProtocol } from "../core/protocol";
import type { RateLimit } from "../core/rateLimit";
import { canonicalQueryString, type QueryParam } from "../core/signing/canonicalQuery";
import { percentEncode } from "../core/signing/percentEncode";
import { huaweiCredentials, huaweiServiceUrl, type HuaweiCredentials, type HuaweiTarget } from "./config";
import { classifyHuaweiError, huaweiErrorHint } from "./errors";
import { signAkSk } from "./sign";

/** @public */
export type HuaweiMethod = HttpRequest["method"];

/** @public */
export type HuaweiQueryValue = string | number | boolean;

/**
 * One APIG REST call. The action name (CreateCertificateV2, ...) travels beside it, for rate
 * limits and messages; APIG itself knows calls only by method and path.
 * @public
 */
export interface HuaweiRequest {
    readonly method: HuaweiMethod;
    /**
     * Path segments under /v2/{project_id}/, e.g. ["apigw", "certificates", id]. Each segment is
     * percent-encoded, so an id read back from state can never add a segment or a query.
     */
    readonly path: readonly string[];
    /** Arrays are sent as repeated keys; undefined and "" are left out (the SDKs disagree on signing `k=`). */
    readonly query?: Readonly<Record<string, HuaweiQueryValue | readonly HuaweiQueryValue[] | undefined>>;
    /** Sent as JSON, and signed as exactly those bytes. */
    readonly body?: object;
    /** Region and project of the object, when they are not the configured ones. */
    readonly target?: HuaweiTarget;
}

const API_VERSION = "v2";
const JSON_TYPE = "application/json";

/**
 * Huawei documents no request rate for the APIG management API (reference/huawei-apig.md §5: the
 * only figure is a third-party "200 req/s per API", and much lower write limits are observed on
 * other services). So every action is paced at a conservative 5/s, and HTTP 429 / APIGW.0308 is
 * retried with backoff: pacing too slowly costs a little time, too fast a throttled retry.
 */
const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 5 };

export function huaweiRateLimit(_action: string): RateLimit {
    return DEFAULT_RATE_LIMIT;
}

/** The query as signed and sent: pairs, repeated keys for arrays, empty values left out. */
export function huaweiQueryPairs(query: HuaweiRequest["query"]): QueryParam[] {
    const pairs: QueryParam[] = [];
    for (const [key, value] of Object.entries(query ?? {})) {
        const values: readonly (HuaweiQueryValue | undefined)[] = Array.isArray(value) ? value : [value as HuaweiQueryValue | undefined];
        for (const v of values) if (v !== undefined && String(v) !== "") pairs.push([key, String(v)]);
    }
    return pairs;
}

/** `/v2/{project_id}/a/b` with each segment encoded; "." and ".." would be resolved away by URL parsing. */
export function huaweiPath(projectId: string, segments: readonly string[]): string {
    for (const segment of segments) {
        if (segment === "" || segment === "." || segment === "..") throw new Error(`Huawei API path segment ${JSON.stringify(segment)} is not a valid id`);
    }
    return `/${API_VERSION}/${[projectId, ...segments].map(percentEncode).join("/")}`;
}

/** Reads APIG's reply: JSON on 2xx (nothing on 204), `{error_code, error_msg, request_id}` otherwise. */
export function parseHuaweiReply(reply: HttpReply): ParsedReply {
    const ok = reply.status >= 200 && reply.status < 300;
    if (ok && reply.body.trim() === "") return { kind: "success", value: undefined };
    const read = readJsonObject(reply);
    if (read.kind === "malformed") return read;
    if (ok) return { kind: "success", value: read.value };
    const error = readErrorEnvelope(read.value, reply.headers["x-request-id"]);
    return error ? { kind: "vendorError", error } : { kind: "malformed", detail: `HTTP ${reply.status} without an error_code` };
}

/** `{error_code, error_msg}` as APIG documents it; `{error: {code, message}}` as the Node SDK also accepts. */
function readErrorEnvelope(body: Record<string, unknown>, headerRequestId: string | undefined): VendorErrorReply | undefined {
    const nested = body.error !== null && typeof body.error === "object" ? (body.error as Record<string, unknown>) : undefined;
    const code = str(body.error_code) ?? str(nested?.code);
    if (!code) return undefined;
    const message = str(body.error_msg) ?? str(nested?.message) ?? "";
    return { code, message, requestId: str(body.request_id) ?? (headerRequestId || undefined) };
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

export function classifyHuaweiReply(error: VendorErrorReply, httpStatus: number, method?: HuaweiMethod): ErrorClassification {
    return { category: classifyHuaweiError(error.code, httpStatus), hint: huaweiErrorHint(error.code, httpStatus, method) };
}

/** Builds one attempt: the URL for the host actually used, the JSON body, and AK/SK signature or IAM token. */
export function buildHuaweiRequest(params: HuaweiRequest, credentials: HuaweiCredentials, now: Date): HttpRequest {
    // Resolved per attempt: cheap, and an endpoint is never cached across stacks.
    const base = huaweiServiceUrl(credentials.region);
    const path = `${base.pathname.replace(/\/+$/, "")}${huaweiPath(credentials.projectId, params.path)}`;
    const query = huaweiQueryPairs(params.query);
    const body = params.body === undefined ? undefined : JSON.stringify(params.body);
    const search = query.length > 0 ? `?${canonicalQueryString(query)}` : "";
    const url = `${base.origin}${path}${search}`;
    // Unsigned, as the SDK leaves User-Agent unsigned: it only asks for error_msg in English.
    const unsigned = { "X-Language": "en-us" };
    const { auth } = credentials;
    if (auth.kind === "token") {
        return { method: params.method, url, headers: { "Content-Type": JSON_TYPE, "X-Auth-Token": auth.authToken, ...unsigned }, body };
    }
    const signature = signAkSk(
        { method: params.method, host: base.host, path, query, headers: { "content-type": JSON_TYPE }, body: body ?? "" },
        { accessKey: auth.accessKey, secretKey: auth.secretKey, securityToken: auth.securityToken, projectId: credentials.projectId },
        { now },
    );
    return { method: params.method, url, headers: { "Content-Type": JSON_TYPE, ...signature.headers, ...unsigned }, body };
}

/** Credential values to keep out of errors and logs; the access key identifies, it does not authenticate. */
export function huaweiSecrets(credentials: HuaweiCredentials): Array<string | undefined> {
    const { auth } = credentials;
    return auth.kind === "token" ? [auth.authToken] : [auth.secretKey, auth.securityToken];
}

/**
 * Huawei APIG v2 REST: JSON over method + path, signed with SDK-HMAC-SHA256 or an IAM token.
 * `method`, when given, lets errors carry the hint that fits it (a refused DELETE is usually a
 * certificate still bound to domains).
 */
export function huaweiProtocol(method?: HuaweiMethod, target?: HuaweiTarget): VendorProtocol<HuaweiRequest, HuaweiCredentials> {
    return {
        vendor: "Huawei",
        credentials: () => huaweiCredentials(target),
        secrets: huaweiSecrets,
        buildRequest: (_action, params, credentials, now) => buildHuaweiRequest(params, credentials, now),
        parseReply: parseHuaweiReply,
        classifyError: (error, httpStatus) => classifyHuaweiReply(error, httpStatus, method),
        rateLimit: huaweiRateLimit,
    };
}
