/** A documented request rate, e.g. UploadCertificate 20/s. */
export interface RateLimit {
    readonly perSecond: number;
    /** Requests allowed at once before pacing starts; defaults to perSecond. */
    readonly burst?: number;
}

interface Bucket {
    tokens: number;
    updatedMs: number;
}

/**
 * Token buckets shared by every provider in this process (the dynamic-provider host runs all
 * resources of a stack in one process), keyed by vendor and action.
 */
const buckets = new Map<string, Bucket>();

/** How long to wait before a request under `key` may go; takes the slot. Pure over its clock. */
export function reserveSlot(key: string, limit: RateLimit, nowMs: number): number {
    const capacity = Math.max(1, limit.burst ?? limit.perSecond);
    const bucket = buckets.get(key) ?? { tokens: capacity, updatedMs: nowMs };
    // A clock that steps back (NTP, or a test's fake clock) must not drain the bucket for minutes.
    const elapsedMs = Math.max(0, nowMs - bucket.updatedMs);
    const refilled = Math.min(capacity, bucket.tokens + (elapsedMs * limit.perSecond) / 1000);
    bucket.tokens = refilled - 1;
    bucket.updatedMs = nowMs;
    buckets.set(key, bucket);
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens * 1000) / limit.perSecond);
}

/** The time source and the wait used for pacing; injected by tests so that no real time passes. */
export interface PacingClock {
    /** Milliseconds, monotonic enough for pacing. */
    readonly nowMs: () => number;
    readonly sleep: (ms: number) => Promise<void>;
}

export const SYSTEM_PACING_CLOCK: PacingClock = {
    nowMs: () => Date.now(),
    sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/** Waits until a request under `key` is within its documented rate; returns how long it waited. */
export async function acquireSlot(key: string, limit: RateLimit, clock: PacingClock = SYSTEM_PACING_CLOCK): Promise<number> {
    const waitMs = reserveSlot(key, limit, clock.nowMs());
    if (waitMs > 0) await clock.sleep(waitMs);
    return waitMs;
}

/** Forgets all buckets (tests). */
export function resetRateLimits(): void {
    buckets.clear();
}
