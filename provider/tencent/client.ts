import { VendorApiError, TransportError } from "../core/errors";
import { callApi, type CallOptions, type HttpReply, type Verdict } from "../core/http";
import type { RateLimit } from "../core/rateLimit";
import { parseRetryAfter } from "../core/retry";
import { signTc3 } from "./sign";
import { classifyTencentError, tencentErrorHint } from "./errors";
import { tencentCredentials, tencentServiceUrl, type TencentService } from "./config";

const VERSIONS: Readonly<Record<TencentService, string>> = { ssl: "2019-12-05", tag: "2018-08-13" };

/** Documented per-action limits; the default is Tencent's 10/s unless a page says otherwise. */
const RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
    UploadCertificate: { perSecond: 20 },
    CreateCSR: { perSecond: 10 },
    ModifyResourceTags: { perSecond: 20 },
};
const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 10 };

interface TencentEnvelope {
    Response?: { Error?: { Code?: string; Message?: string }; RequestId?: string } & Record<string, unknown>;
}

export interface TencentCallOptions {
    /** Whether repeating the action after an unknown outcome is harmless. */
    readonly idempotent: boolean;
    /** Input values that must never appear in errors or logs (private keys, passwords). */
    readonly secrets?: ReadonlyArray<string | undefined>;
}

/** Calls one Tencent Cloud API 3.0 action and returns its Response object. */
export async function callTencent<T>(
    service: TencentService,
    action: string,
    params: object,
    options: TencentCallOptions,
    callOptions?: CallOptions,
): Promise<T & { RequestId?: string }> {
    const credentials = tencentCredentials();
    const url = tencentServiceUrl(service);
    const body = JSON.stringify(params);
    const secrets = [credentials.secretKey, credentials.securityToken, ...(options.secrets ?? [])];
    const vendor = "Tencent";
    return callApi<T & { RequestId?: string }>(
        {
            vendor,
            action,
            idempotent: options.idempotent,
            rateLimit: RATE_LIMITS[action] ?? DEFAULT_RATE_LIMIT,
            secrets,
            prepare(now) {
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
            interpret(reply: HttpReply): Verdict<T & { RequestId?: string }> {
                const retryAfterMs = parseRetryAfter(reply.headers["retry-after"], new Date());
                if (reply.status === 429) return { kind: "rejected", error: new TransportError(vendor, action, "HTTP 429", "throttled"), retryAfterMs };
                if (reply.status >= 500) return { kind: "transient", error: new TransportError(vendor, action, `HTTP ${reply.status}`, "server error"), retryAfterMs };
                if (reply.status !== 200) return { kind: "failed", error: new TransportError(vendor, action, `HTTP ${reply.status}`, "unexpected reply; check the endpoint") };
                let envelope: TencentEnvelope;
                try {
                    envelope = JSON.parse(reply.body) as TencentEnvelope;
                } catch {
                    return { kind: "transient", error: new TransportError(vendor, action, "BadResponse", "the reply is not JSON; check the endpoint") };
                }
                const response = envelope !== null && typeof envelope === "object" ? envelope.Response : undefined;
                if (!response || typeof response !== "object") return { kind: "failed", error: new TransportError(vendor, action, "BadResponse", "the reply has no Response object; check the endpoint") };
                if (!response.Error) return { kind: "done", value: response as T & { RequestId?: string } };
                const code = response.Error.Code ?? "UnknownError";
                const error = new VendorApiError(
                    { vendor, action, code, message: response.Error.Message ?? "", requestId: response.RequestId, hint: tencentErrorHint(code) },
                    secrets,
                );
                switch (classifyTencentError(code)) {
                    case "throttled":
                        return { kind: "rejected", error };
                    case "transient":
                        return { kind: "transient", error };
                    default:
                        return { kind: "failed", error };
                }
            },
        },
        callOptions,
    );
}

export function isTencentNotFound(error: unknown): boolean {
    return error instanceof VendorApiError && error.vendor === "Tencent" && classifyTencentError(error.code) === "notFound";
}

/** Where Tencent ids are unique: the endpoint and the account (see CreateOnceSteps.scope). */
export function tencentScope(service: TencentService): string {
    return `${tencentServiceUrl(service).href} ${tencentCredentials().secretId}`;
}
