import { TransportError, VendorApiError, type ErrorCategory } from "./errors";
import { callApi, type CallOptions, type HttpReply, type HttpRequest, type Verdict } from "./http";
import type { RateLimit } from "./rateLimit";
import { parseRetryAfter } from "./retry";

/** An error answer as the vendor gave it, before it is classified. */
export interface VendorErrorReply {
    readonly code: string;
    readonly message: string;
    readonly requestId?: string;
}

/** What a vendor's reply body says, read without judging it. */
export type ParsedReply =
    | { readonly kind: "success"; readonly value: unknown }
    | { readonly kind: "vendorError"; readonly error: VendorErrorReply }
    /** Not the vendor's envelope at all (not JSON, no Response object, an HTML error page). */
    | { readonly kind: "malformed"; readonly detail: string };

export type MalformedReply = Extract<ParsedReply, { kind: "malformed" }>;

/**
 * The reply body as a JSON object, or why it is not one. Every vendor answers JSON objects; a
 * proxy's HTML page, a truncated body or a bare value is a malformed reply, described without
 * quoting it.
 */
export function readJsonObject(reply: HttpReply): { readonly kind: "json"; readonly value: Record<string, unknown> } | MalformedReply {
    let body: unknown;
    try {
        body = JSON.parse(reply.body);
    } catch {
        const type = reply.headers["content-type"] ?? "no content type";
        return { kind: "malformed", detail: `the reply is not JSON (HTTP ${reply.status}, ${type}, ${Buffer.byteLength(reply.body)} bytes)` };
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) return { kind: "malformed", detail: `the reply is not a JSON object (HTTP ${reply.status})` };
    return { kind: "json", value: body as Record<string, unknown> };
}

export interface ErrorClassification {
    readonly category: ErrorCategory;
    /** What the user can do about it, where that is known. */
    readonly hint?: string;
}

/**
 * Everything that differs between vendors, and nothing else: the call loop (pacing, signing per
 * attempt, transport, retry, redaction) is shared in callVendor.
 */
export interface VendorProtocol<Params, Credentials> {
    /** As it appears in errors: "Tencent", "Huawei", ... */
    readonly vendor: string;
    /** Read once per call, at call time (stack config, else the environment). */
    credentials(): Credentials;
    /** Credential values that must never appear in an error or a log line. */
    secrets(credentials: Credentials): ReadonlyArray<string | undefined>;
    /** Builds and signs one attempt; called again for each retry so each is signed afresh. */
    buildRequest(action: string, params: Params, credentials: Credentials, now: Date): HttpRequest;
    parseReply(reply: HttpReply): ParsedReply;
    classifyError(error: VendorErrorReply, httpStatus: number): ErrorClassification;
    /** The documented rate for this action; undefined when none applies. */
    rateLimit(action: string): RateLimit | undefined;
}

export interface VendorCallOptions {
    /** Whether repeating the action after an unknown outcome is harmless. */
    readonly idempotent: boolean;
    /** Input values that must never appear in errors or logs (private keys, passwords). */
    readonly secrets?: ReadonlyArray<string | undefined>;
}

/**
 * What one reply means for the call loop. A vendor error goes by its category; anything that is
 * not the vendor's envelope goes by HTTP status. A malformed 2xx is "transient": the vendor may
 * have acted on it, so a write reports OutcomeUnknownError and a read is retried.
 */
export function judgeReply(
    protocol: Pick<VendorProtocol<never, never>, "vendor" | "parseReply" | "classifyError">,
    action: string,
    reply: HttpReply,
    secrets: ReadonlyArray<string | undefined>,
    receivedAt: Date,
): Verdict<unknown> {
    const { vendor } = protocol;
    const retryAfterMs = parseRetryAfter(reply.headers["retry-after"], receivedAt);
    const parsed = protocol.parseReply(reply);
    const ok = reply.status >= 200 && reply.status < 300;
    if (parsed.kind === "success" && ok) return { kind: "done", value: parsed.value };
    if (parsed.kind === "vendorError") {
        const { category, hint } = protocol.classifyError(parsed.error, reply.status);
        const error = new VendorApiError(
            { vendor, action, code: parsed.error.code, message: parsed.error.message, requestId: parsed.error.requestId, httpStatus: reply.status, hint, category },
            secrets,
        );
        if (category === "throttled") return { kind: "rejected", error, retryAfterMs };
        if (category === "retryable") return { kind: "transient", error, retryAfterMs };
        return { kind: "failed", error };
    }
    if (reply.status === 429) return { kind: "rejected", error: new TransportError(vendor, action, "HTTP 429", "throttled"), retryAfterMs };
    if (reply.status >= 500) return { kind: "transient", error: new TransportError(vendor, action, `HTTP ${reply.status}`, "server error"), retryAfterMs };
    if (ok) {
        const detail = parsed.kind === "malformed" ? parsed.detail : "a success body with an unexpected status";
        return { kind: "transient", error: new TransportError(vendor, action, "BadResponse", `${detail}; check the endpoint`) };
    }
    return { kind: "failed", error: new TransportError(vendor, action, `HTTP ${reply.status}`, "unexpected reply; check the endpoint") };
}

/**
 * Calls one vendor action through the shared loop (callApi): credentials read now, each attempt
 * paced by the action's documented rate and signed afresh, replies judged by judgeReply, every
 * error and log line redacted of the credentials and of `options.secrets`.
 *
 * Throws VendorApiError (with its category), TransportError, OutcomeUnknownError (a write whose
 * outcome cannot be known), or ConfigurationError (missing credentials, bad endpoint or timeout).
 */
export async function callVendor<T, Params = unknown, Credentials = unknown>(
    protocol: VendorProtocol<Params, Credentials>,
    action: string,
    params: Params,
    options: VendorCallOptions,
    callOptions: CallOptions = {},
): Promise<T> {
    const credentials = protocol.credentials();
    const secrets = [...protocol.secrets(credentials), ...(options.secrets ?? [])];
    const clock = callOptions.clock ?? (() => Date.now());
    const value = await callApi<unknown>(
        {
            vendor: protocol.vendor,
            action,
            idempotent: options.idempotent,
            rateLimit: protocol.rateLimit(action),
            secrets,
            prepare: (now) => protocol.buildRequest(action, params, credentials, now),
            interpret: (reply) => judgeReply(protocol, action, reply, secrets, new Date(clock())),
        },
        callOptions,
    );
    return value as T;
}
