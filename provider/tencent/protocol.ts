import type { HttpReply, HttpRequest } from "../core/http";
import { readJsonObject, type ParsedReply, type VendorErrorReply, type VendorProtocol, type ErrorClassification } from "../core/protocol";
import type { RateLimit } from "../core/rateLimit";
import { tencentCredentials, tencentServiceUrl, type TencentCredentials, type TencentService } from "./config";
import { classifyTencentError, tencentErrorHint } from "./errors";
import { signTc3 } from "./sign";

const VERSIONS: Readonly<Record<TencentService, string>> = { ssl: "2019-12-05", tag: "2018-08-13" };

/**
 * Documented per-action rates. Each SSL API page states its own ("A maximum of N requests can be
 * initiated per second for this API"): UploadCertificate 20/s (reference/seeds/004), CreateCSR
 * 10/s (reference/seeds/002); reference/tencent.md §1 gives 10/s for the others, Describe*
 * included. Where no page is at hand (the Tag service's ModifyResourceTags) the 10/s default
 * holds: pacing slower than allowed costs little, faster costs a throttled retry.
 */
const RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
    UploadCertificate: { perSecond: 20 },
    CreateCSR: { perSecond: 10 },
    DescribeCertificateDetail: { perSecond: 10 },
    DescribeCertificate: { perSecond: 10 },
    DescribeCertificates: { perSecond: 10 },
    DescribeCSR: { perSecond: 10 },
    DescribeCSRSet: { perSecond: 10 },
};
const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 10 };

export function tencentRateLimit(action: string): RateLimit {
    return RATE_LIMITS[action] ?? DEFAULT_RATE_LIMIT;
}

interface TencentResponse {
    Error?: { Code?: unknown; Message?: unknown };
    RequestId?: unknown;
}

/** Reads Tencent's envelope: `{"Response": {...}}`, an error being `Response.Error` at HTTP 200. */
export function parseTencentReply(reply: HttpReply): ParsedReply {
    const envelope = readJsonObject(reply);
    if (envelope.kind === "malformed") return envelope;
    const response = envelope.value.Response;
    if (response === null || typeof response !== "object" || Array.isArray(response)) return { kind: "malformed", detail: "the reply has no Response object" };
    const { Error: error, RequestId } = response as TencentResponse;
    if (error === undefined || error === null) return { kind: "success", value: response };
    const requestId = typeof RequestId === "string" ? RequestId : undefined;
    return {
        kind: "vendorError",
        error: { code: typeof error.Code === "string" && error.Code ? error.Code : "UnknownError", message: typeof error.Message === "string" ? error.Message : "", requestId },
    };
}

export function classifyTencentReply(error: VendorErrorReply): ErrorClassification {
    return { category: classifyTencentError(error.code), hint: tencentErrorHint(error.code) };
}

/** Tencent Cloud API 3.0 for one service: JSON POST, signed with TC3-HMAC-SHA256. */
export function tencentProtocol(service: TencentService): VendorProtocol<object, TencentCredentials> {
    return {
        vendor: "Tencent",
        credentials: tencentCredentials,
        secrets: (credentials) => [credentials.secretKey, credentials.securityToken],
        buildRequest(action, params, credentials, now): HttpRequest {
            // Resolved per attempt as well as per call: cheap, and an endpoint is never cached across stacks.
            const url = tencentServiceUrl(service);
            const body = JSON.stringify(params);
            const contentType = "application/json";
            const signature = signTc3(
                { method: "POST", host: url.hostname, path: url.pathname, query: "", headers: { "content-type": contentType }, body },
                credentials,
                { service, now },
            );
            const headers: Record<string, string> = {
                "Content-Type": contentType,
                "X-TC-Action": action,
                "X-TC-Version": VERSIONS[service],
                "X-TC-Timestamp": String(signature.timestamp),
                "X-TC-Language": "en-US",
                "X-TC-RequestClient": "pulumi-cloudcerts",
                Authorization: signature.authorization,
            };
            if (credentials.securityToken) headers["X-TC-Token"] = credentials.securityToken;
            return { method: "POST", url: url.href, headers, body };
        },
        parseReply: parseTencentReply,
        classifyError: classifyTencentReply,
        rateLimit: tencentRateLimit,
    };
}
