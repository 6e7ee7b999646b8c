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
    const refilled = Math.min(capacity, bucket.tokens + ((nowMs - bucket.updatedMs) * limit.perSecond) / 1000);
    bucket.tokens = refilled - 1;
    bucket.updatedMs = nowMs;
    buckets.set(key, bucket);
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens * 1000) / limit.perSecond);
}

/** Waits until a request under `key` is within its documented rate. */
export async function acquireSlot(key: string, limit: RateLimit): Promise<void> {
    const waitMs = reserveSlot(key, limit, Date.now());
    if (waitMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, waitMs));
}

/** Forgets all buckets (tests). */
export function resetRateLimits(): void {
    buckets.clear();
}
