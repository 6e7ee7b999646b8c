/** Tencent SSL reports times as "YYYY-MM-DD HH:mm:ss" in GMT+8 with no zone; returns ISO-8601 UTC. */
export function tencentTimeToIso(value: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
    if (!m) return undefined;
    const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5], +m[6]);
    return new Date(utc).toISOString().replace(".000Z", "Z");
}

/** How far from a pending create's time an object it made may have been stored (timeouts, backoff, clock skew). */
const PENDING_WINDOW_MS = 15 * 60 * 1000;

/**
 * Whether an object stored at `stored` (Tencent's GMT+8 time) can be the one a create recorded as
 * pending at `at` made. Without a time, nothing can be ruled out.
 */
export function madeAround(stored: unknown, at: string): boolean {
    const storedIso = tencentTimeToIso(stored);
    if (storedIso === undefined || at === "") return true;
    return Math.abs(Date.parse(storedIso) - Date.parse(at)) <= PENDING_WINDOW_MS;
}
