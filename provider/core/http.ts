import type { Got } from "got";
import { OutcomeUnknownError, TransportError } from "./errors";
import { debugLog } from "./log";
import { acquireSlot, pacingKey, SYSTEM_PACING_CLOCK, type RateLimit } from "./rateLimit";
import { DEFAULT_RETRY_POLICY, nextDelay, type RetryPolicy } from "./retry";
import { requestTimeoutMs } from "./settings";

export interface HttpRequest {
    readonly method: "GET" | "POST" | "PUT" | "DELETE";
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
}

export interface HttpReply {
    readonly status: number;
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly body: string;
}

/** Sends one request, once. Throws NetworkFailure when no HTTP reply came back. */
export type Transport = (request: HttpRequest, timeoutMs: number) => Promise<HttpReply>;

/**
 * No reply was received. `sent` is false only when the request certainly never reached the server;
 * `timedOut` says the client stopped waiting, so the server may still be working on it.
 */
export class NetworkFailure extends Error {
    readonly code: string;
    readonly sent: boolean;
    readonly timedOut: boolean;
    constructor(code: string, sent: boolean, timedOut = false) {
        super(`network error ${code}`);
        this.name = "NetworkFailure";
        this.code = code;
        this.sent = sent;
        this.timedOut = timedOut;
    }
}

/** What one reply means for the call. */
export type Verdict<T> =
    | { readonly kind: "done"; readonly value: T }
    /** Rejected without being carried out (throttling, or never sent): safe to retry any action. */
    | { readonly kind: "rejected"; readonly error: Error; readonly retryAfterMs?: number }
    /**
     * Failed in a way that may pass, but the action may have been carried out; `inFlightMs` when
     * the client gave up waiting, as the vendor may still carry it out for about that long.
     */
    | { readonly kind: "transient"; readonly error: Error; readonly retryAfterMs?: number; readonly inFlightMs?: number }
    | { readonly kind: "failed"; readonly error: Error };

export interface ApiCall<T> {
    readonly vendor: string;
    readonly action: string;
    /** Whether repeating the action after an unknown outcome is harmless. */
    readonly idempotent: boolean;
    readonly rateLimit?: RateLimit;
    /** Values that must never appear in a log line or error. */
    readonly secrets: ReadonlyArray<string | undefined>;
    /** Builds and signs the request; called for every attempt so each is signed afresh. */
    prepare(now: Date): HttpRequest;
    interpret(reply: HttpReply): Verdict<T>;
}

/** Injection points for tests and callers; every one has a production default. */
export interface CallOptions {
    readonly transport?: Transport;
    readonly policy?: RetryPolicy;
    /** Per-request timeout; defaults to cloudcerts:timeoutSeconds / CLOUDCERTS_TIMEOUT_SECONDS, else 30 s. */
    readonly timeoutMs?: number;
    /** Signing time. Tests skew it on purpose, so it paces nothing. */
    readonly now?: () => Date;
    /** Milliseconds for pacing (rate limit) and for reading an HTTP-date Retry-After; defaults to SYSTEM_PACING_CLOCK's (Date.now). */
    readonly clock?: () => number;
    /** Every wait, rate limit and retry backoff alike. */
    readonly sleep?: (ms: number) => Promise<void>;
    readonly random?: () => number;
}

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL"]);
const NOT_SENT_TIMEOUT_EVENTS = new Set(["lookup", "connect", "secureConnect"]);

/**
 * got, loaded by the first request: `pulumi preview` (check and diff only) and a program that only
 * declares resources never pay for loading it, a tenth of a second per process.
 */
function loadGot(): Got {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("got") as { default: Got }).default;
}

/** The default transport, built per call: a got instance held at module level breaks closure serialization. */
export function gotTransport(): Transport {
    return async (request, timeoutMs) => {
        const got = loadGot();
        try {
            const response = await got(request.url, {
                method: request.method,
                headers: { ...request.headers },
                body: request.body,
                throwHttpErrors: false,
                followRedirect: false,
                retry: { limit: 0 },
                timeout: { connect: Math.min(10000, timeoutMs), request: timeoutMs },
                responseType: "text",
            });
            const headers: Record<string, string | undefined> = {};
            for (const [k, v] of Object.entries(response.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
            return { status: response.statusCode, headers, body: response.body };
        } catch (error) {
            // got's messages carry the full URL (and so any query-string signature): keep only the code.
            const e = error as { code?: string; name?: string; event?: string };
            const code = e.code ?? e.name ?? "ERR_NETWORK";
            const notSent = NOT_SENT_CODES.has(code) || (e.name === "TimeoutError" && NOT_SENT_TIMEOUT_EVENTS.has(e.event ?? ""));
            const timedOut = e.name === "TimeoutError";
            throw new NetworkFailure(timedOut ? `ETIMEDOUT (${e.event ?? "request"})` : code, !notSent, timedOut);
        }
    };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls a vendor action: rate-limited, signed per attempt, retried only where that is safe.
 * Throttling and requests that never left are retried for every action; transient failures are
 * retried only for idempotent actions, and otherwise reported as OutcomeUnknownError so that the
 * caller reconciles rather than risking a duplicate.
 */
export async function callApi<T>(call: ApiCall<T>, options: CallOptions = {}): Promise<T> {
    const transport = options.transport ?? gotTransport();
    const policy = options.policy ?? DEFAULT_RETRY_POLICY;
    const now = options.now ?? (() => new Date());
    const sleep = options.sleep ?? defaultSleep;
    const random = options.random ?? Math.random;
    const pacing = { nowMs: options.clock ?? SYSTEM_PACING_CLOCK.nowMs, sleep };
    const timeoutMs = options.timeoutMs ?? requestTimeoutMs();
    const label = `${call.vendor} ${call.action}`;

    for (let attempt = 1; ; attempt++) {
        const slot = call.rateLimit ? await acquireSlot(pacingKey(call.vendor, call.action), call.rateLimit, pacing) : undefined;
        if (slot && slot.waitedMs > 0) debugLog(`${label} attempt ${attempt}: paced ${Math.round(slot.waitedMs)} ms by the documented rate limit`, call.secrets);
        let verdict: Verdict<T>;
        try {
            const request = call.prepare(now());
            const reply = await transport(request, timeoutMs);
            verdict = call.interpret(reply);
            const why = verdict.kind === "done" ? "" : ` (${verdict.error.message})`;
            debugLog(`${label} attempt ${attempt}: HTTP ${reply.status} -> ${verdict.kind}${why}`, call.secrets);
        } catch (error) {
            if (!(error instanceof NetworkFailure)) throw error;
            debugLog(`${label} attempt ${attempt}: ${error.code} (sent: ${error.sent})`, call.secrets);
            const failure = new TransportError(call.vendor, call.action, error.code, "no reply from the service; check the endpoint and network");
            verdict = !error.sent ? { kind: "rejected", error: failure } : error.timedOut ? { kind: "transient", error: failure, inFlightMs: timeoutMs } : { kind: "transient", error: failure };
        } finally {
            // The reply is back (or the attempt failed): the request arrived before now, if at all, so its permit counts from now (core/rateLimit.ts).
            slot?.release();
        }
        if (verdict.kind === "done") return verdict.value;
        if (verdict.kind === "failed") throw verdict.error;
        if (verdict.kind === "transient" && !call.idempotent) throw new OutcomeUnknownError(call.vendor, call.action, verdict.error.message, verdict.inFlightMs);
        const delay = nextDelay(attempt, policy, random, verdict.retryAfterMs);
        if (delay === undefined) throw verdict.error;
        await sleep(delay);
    }
}
