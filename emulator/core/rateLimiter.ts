/**
 * Per-second request limits as the vendors state them. Tencent's rule (cloud API "API 频率限制说明",
 * cloud.tencent.com/document/product/1278/109059): the first N requests of every second reach the
 * service and the rest are refused, the second being counted by when a request *arrives* at the
 * server, not when the client sent it. The emulator enforces the strictest reading of that, which
 * holds whatever second boundaries the real service uses: at most N accepted requests in any
 * 1000 ms, a sliding window over arrival times. A client that passes it cannot be throttled by a
 * fixed window either; one that paces by a token bucket (N at once, then N a second) can, and the
 * emulator refuses it. Huawei, Alibaba and SCloud state their limits the same way ("N per second").
 * Keys are whatever the vendor counts by (caller and action); refused requests do not count.
 *
 * The clock is monotonic milliseconds and separate from the wall clock: tests freeze the wall
 * clock to check timestamps, and a frozen wall clock must not freeze the limits too.
 */
export type MonotonicClock = () => number;

const WINDOW_MS = 1000;

export class RateLimiter {
    /** Arrival times of the accepted requests of the last second, oldest first, by key. */
    private readonly accepted = new Map<string, number[]>();
    private readonly refused = new Map<string, number>();

    constructor(private readonly clock: MonotonicClock = () => performance.now()) {}

    /** Counts one request; false means the caller is over the limit and the request must be refused. */
    take(key: string, perSecond: number): boolean {
        const now = this.clock();
        const times = this.accepted.get(key) ?? [];
        let expired = 0;
        while (expired < times.length && times[expired]! <= now - WINDOW_MS) expired++;
        times.splice(0, expired);
        this.accepted.set(key, times);
        if (times.length >= perSecond) {
            this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
            return false;
        }
        times.push(now);
        return true;
    }

    /** How many requests were refused, by key, since the start or the last reset: what a client's pacing let through too fast. */
    refusals(): Record<string, number> {
        return Object.fromEntries(this.refused);
    }

    reset(): void {
        this.accepted.clear();
        this.refused.clear();
    }
}
