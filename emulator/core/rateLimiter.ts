/**
 * Token buckets keyed by whatever the vendor chooses (Tencent: secretId + action). A bucket holds
 * at most `perSecond` tokens and refills continuously, so a client may burst up to the limit and
 * then sustain the limit, which is how the vendors describe "N requests per second".
 *
 * The clock is monotonic milliseconds and separate from the wall clock: tests freeze the wall
 * clock to check timestamps, and a frozen wall clock must not freeze the buckets too.
 */
export type MonotonicClock = () => number;

interface Bucket {
    tokens: number;
    updatedAt: number;
}

export class RateLimiter {
    private readonly buckets = new Map<string, Bucket>();
    private readonly refused = new Map<string, number>();

    constructor(private readonly clock: MonotonicClock = () => performance.now()) {}

    /** Takes one token; false means the caller is over the limit and the request must be refused. */
    take(key: string, perSecond: number): boolean {
        const now = this.clock();
        const bucket = this.buckets.get(key) ?? { tokens: perSecond, updatedAt: now };
        bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
        bucket.updatedAt = now;
        this.buckets.set(key, bucket);
        if (bucket.tokens < 1) {
            this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    /** How many requests were refused, by key, since the start or the last reset: what a client's pacing let through too fast. */
    refusals(): Record<string, number> {
        return Object.fromEntries(this.refused);
    }

    reset(): void {
        this.buckets.clear();
        this.refused.clear();
    }
}
