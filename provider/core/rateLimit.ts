/** A documented request rate, e.g. UploadCertificate 20 a second. */
export interface RateLimit {
    readonly perSecond: number;
}

/**
 * Vendors count "N requests per second" by when requests *arrive* (Tencent: the first N of every
 * second get through; emulator/core/rateLimiter.ts enforces the strictest reading, any 1000 ms).
 * The client cannot see arrival times, only that a request arrived before its reply came back.
 * So each action has N permits: a request holds one from before it is sent until its reply (or
 * failure), and the permit is free again a second after that. Two requests that used the same
 * permit therefore arrived at least a second apart, and no second ever sees more than N arrivals,
 * whatever the latency and in whatever order requests travel. A token bucket (N at once, then N a
 * second) cannot promise that: it lets up to 2N−1 requests into one second, and even at a steady
 * N a second, a request that travels faster than the one before it lands in the same second.
 * The cost is one round trip per N requests: N a second becomes N per second-plus-a-round-trip.
 */
const WINDOW_MS = 1000;

interface Window {
    /** When each permit may be used again, in the pacing clock's milliseconds: +Infinity while its request is in flight. */
    readonly freeAt: number[];
    /** The last acquisition in line: permits are handed out in the order requests ask for them. */
    line: Promise<unknown>;
    /** Wakes an acquisition that waits for a request in flight to complete. */
    wake: (() => void) | undefined;
    /** Acquisitions in line that have not yet taken their permit. */
    waiting: number;
}

/**
 * Permits shared by every provider in this process (the dynamic-provider host runs all resources
 * of a stack in one process), keyed by vendor and action.
 */
const windows = new Map<string, Window>();

/** The time source and the wait used for pacing; injected by tests so that no real time passes. */
export interface PacingClock {
    /** Milliseconds, monotonic enough for pacing. */
    readonly nowMs: () => number;
    readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Wall-clock milliseconds: the clock callApi paces with (it also reads HTTP-date Retry-After by
 * it). Permits store times on it, so whoever asks about them must use the same one.
 */
export const SYSTEM_PACING_CLOCK: PacingClock = {
    nowMs: () => Date.now(),
    sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/** A permit to send one request; release it when its reply (or failure) came back. */
export interface RateSlot {
    /** How long the request waited for its permit. */
    readonly waitedMs: number;
    release(): void;
}

/** The key under which a vendor action's permits are kept. */
export function pacingKey(vendor: string, action: string): string {
    return `${vendor}:${action}`;
}

function windowFor(key: string, limit: RateLimit): Window {
    let window = windows.get(key);
    if (window === undefined) {
        window = { freeAt: Array.from({ length: Math.max(1, Math.floor(limit.perSecond)) }, () => -Infinity), line: Promise.resolve(), wake: undefined, waiting: 0 };
        windows.set(key, window);
    }
    return window;
}

/**
 * How long a request under `key` asked for now would wait for its permit: 0 when it would go at
 * once, at most a second otherwise (as acquireSlot waits: a clock that steps back must not stall
 * for longer), and +Infinity while the permits it would get are with requests in flight (each is
 * free a second after its reply, so none is free sooner than a second from now). For callers that
 * can choose between interchangeable actions, or gather more work while they wait.
 */
export function permitWaitMs(key: string, limit: RateLimit, clock: PacingClock = SYSTEM_PACING_CLOCK): number {
    const window = windows.get(key);
    if (window === undefined) return 0;
    // Those already in line take the earliest permits first.
    const freeAt = [...window.freeAt].sort((a, b) => a - b)[window.waiting];
    if (freeAt === undefined || freeAt === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    return Math.min(WINDOW_MS, Math.max(0, freeAt - clock.nowMs()));
}

/**
 * Waits until a request under one of `keys` could take its permit at once: the shortest
 * permitWaitMs, slept once (the acquisition that follows paces exactly); while every permit is with
 * a request in flight, a window at a time until one comes back.
 */
export async function untilAnyPermitFree(keys: ReadonlyArray<{ readonly key: string; readonly limit: RateLimit }>, clock: PacingClock = SYSTEM_PACING_CLOCK): Promise<void> {
    for (;;) {
        const waitMs = Math.min(...keys.map(({ key, limit }) => permitWaitMs(key, limit, clock)));
        if (waitMs <= 0) return;
        await clock.sleep(Math.ceil(Math.min(waitMs, WINDOW_MS)));
        if (Number.isFinite(waitMs)) return;
    }
}

/** Waits until a request under `key` may be sent within its documented rate, and takes a permit for it. */
export async function acquireSlot(key: string, limit: RateLimit, clock: PacingClock = SYSTEM_PACING_CLOCK): Promise<RateSlot> {
    const window = windowFor(key, limit);
    const startedMs = clock.nowMs();
    window.waiting += 1;
    const turn = window.line.then(() => takePermit(window, clock)).finally(() => (window.waiting -= 1));
    window.line = turn.catch(() => undefined);
    const { permit, sleptMs } = await turn;
    let released = false;
    return {
        // What the clock says, or what was slept where a test's clock stands still.
        waitedMs: Math.max(clock.nowMs() - startedMs, sleptMs),
        release() {
            if (released) return;
            released = true;
            window.freeAt[permit] = clock.nowMs() + WINDOW_MS;
            const wake = window.wake;
            window.wake = undefined;
            wake?.();
        },
    };
}

async function takePermit(window: Window, clock: PacingClock): Promise<{ permit: number; sleptMs: number }> {
    let sleptMs = 0;
    for (;;) {
        const now = clock.nowMs();
        let next = 0;
        for (let i = 1; i < window.freeAt.length; i++) if (window.freeAt[i]! < window.freeAt[next]!) next = i;
        const freeAt = window.freeAt[next]!;
        if (freeAt === Number.POSITIVE_INFINITY) {
            // Every permit is with a request in flight: the first to come back frees one.
            await new Promise<void>((resolve) => (window.wake = resolve));
            continue;
        }
        if (freeAt > now) {
            // Never more than a second: a clock that steps back (NTP, a test's fake clock) must not
            // stall for minutes. Whole milliseconds up: a timer may not fire early.
            const waitMs = Math.ceil(Math.min(freeAt - now, WINDOW_MS));
            await clock.sleep(waitMs);
            sleptMs += waitMs;
        }
        // Nobody else takes a permit meanwhile (they wait in line), and releases only touch permits in flight.
        window.freeAt[next] = Number.POSITIVE_INFINITY;
        return { permit: next, sleptMs };
    }
}

/** Forgets all permits (tests). */
export function resetRateLimits(): void {
    windows.clear();
}
