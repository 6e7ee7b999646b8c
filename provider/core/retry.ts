/** How many times, and how patiently, a call is attempted. */
export interface RetryPolicy {
    readonly maxAttempts: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
    /** A Retry-After longer than this is not waited for: the call fails instead. */
    readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfterMs: 60000 };

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): "full jitter" exponential backoff,
 * so that many stacks throttled at once do not retry in lockstep.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/** Parses a Retry-After header (delta-seconds or HTTP-date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    return Math.max(0, at - now.getTime());
}

/** The wait before the next attempt: the server's Retry-After when it gave one, else backoff. */
export function nextDelay(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number | undefined {
    if (attempt >= policy.maxAttempts) return undefined;
    if (retryAfterMs !== undefined) return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
    return backoffDelay(attempt, policy, random);
}
