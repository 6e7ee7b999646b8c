import { expect } from "chai";
import { acquireSlot, permitWaitMs, resetRateLimits, untilAnyPermitFree, type PacingClock, type RateSlot } from "../../../provider/core/rateLimit";

/**
 * Virtual time: sleeps resolve in time order when `run` advances the clock, so tests see exact
 * pacing without waiting for it.
 */
function virtualClock(): PacingClock & { run(): Promise<void>; readonly now: number } {
    let now = 0;
    const timers: Array<{ at: number; resolve: () => void }> = [];
    const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
    return {
        get now() {
            return now;
        },
        nowMs: () => now,
        sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
        async run() {
            await settle();
            while (timers.length > 0) {
                timers.sort((a, b) => a.at - b.at);
                const timer = timers.shift()!;
                now = Math.max(now, timer.at);
                timer.resolve();
                await settle();
            }
        },
    };
}

/** Every 1000 ms window of `times` (sorted) holds at most `n` of them. */
function maxInAnySecond(times: readonly number[]): number {
    const sorted = [...times].sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < sorted.length; i++) {
        while (sorted[i]! - sorted[j]! >= 1000) j++;
        most = Math.max(most, i - j + 1);
    }
    return most;
}

describe("core/rateLimit", () => {
    beforeEach(resetRateLimits);

    it("sends N at once, then the next a second after the first of them came back", async () => {
        const clock = virtualClock();
        const limit = { perSecond: 20 };
        const sentAt: number[] = [];
        // Each request takes 50 ms to come back.
        const requests = Array.from({ length: 22 }, async () => {
            const slot = await acquireSlot("tencent:UploadCertificate", limit, clock);
            sentAt.push(clock.now);
            await clock.sleep(50);
            slot.release();
        });
        await clock.run();
        await Promise.all(requests);
        expect(sentAt.slice(0, 20)).to.deep.equal(Array(20).fill(0));
        expect(sentAt.slice(20)).to.deep.equal([1050, 1050]);
    });

    it("never lets more than N requests arrive in any second, whatever their latency and order", async () => {
        const clock = virtualClock();
        const limit = { perSecond: 5 };
        const arrivals: number[] = [];
        let seed = 7;
        const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
        const requests = Array.from({ length: 60 }, async () => {
            const slot = await acquireSlot("k", limit, clock);
            // There and back take 1 to 400 ms each way, so requests overtake one another.
            await clock.sleep(1 + random() * 400);
            arrivals.push(clock.now);
            await clock.sleep(1 + random() * 400);
            slot.release();
        });
        await clock.run();
        await Promise.all(requests);
        expect(arrivals).to.have.length(60);
        expect(maxInAnySecond(arrivals)).to.be.at.most(5);
    });

    it("waits for a request in flight when every permit is held, in the order requests asked", async () => {
        const clock = virtualClock();
        const limit = { perSecond: 1 };
        const order: string[] = [];
        const first = await acquireSlot("k", limit, clock);
        const second = acquireSlot("k", limit, clock).then((slot) => (order.push("second"), slot));
        const third = acquireSlot("k", limit, clock).then((slot) => (order.push("third"), slot));
        await clock.run();
        expect(order, "nothing is sent while the only permit is in flight").to.deep.equal([]);
        const firstComesBack = clock.sleep(300).then(() => first.release());
        await clock.run();
        await firstComesBack;
        const slot: RateSlot = await second;
        expect(clock.now, "a second after the first came back").to.equal(1300);
        expect(slot.waitedMs).to.equal(1300);
        expect(order).to.deep.equal(["second"]);
        slot.release();
        await clock.run();
        (await third).release();
        expect(order).to.deep.equal(["second", "third"]);
        expect(clock.now).to.equal(2300);
    });

    it("keeps actions apart", async () => {
        const clock = virtualClock();
        const a = await acquireSlot("a", { perSecond: 1 }, clock);
        const b = await acquireSlot("b", { perSecond: 1 }, clock);
        expect([a.waitedMs, b.waitedMs]).to.deep.equal([0, 0]);
    });

    it("does not stall for minutes when the clock steps back", async () => {
        let now = 600_000;
        const waits: number[] = [];
        const clock: PacingClock = { nowMs: () => now, sleep: async (ms) => void waits.push(ms) };
        (await acquireSlot("k", { perSecond: 1 }, clock)).release();
        now = 0;
        await acquireSlot("k", { perSecond: 1 }, clock);
        expect(waits).to.deep.equal([1000]);
    });

    describe("permitWaitMs", () => {
        it("is 0 for an action never called, and while a permit is free", async () => {
            const clock = virtualClock();
            const limit = { perSecond: 2 };
            expect(permitWaitMs("k", limit, clock)).to.equal(0);
            (await acquireSlot("k", limit, clock)).release();
            expect(permitWaitMs("k", limit, clock), "one of two permits used").to.equal(0);
        });

        it("counts to when the earliest permit is free again, a second after its reply", async () => {
            const clock = virtualClock();
            const limit = { perSecond: 2 };
            const first = await acquireSlot("k", limit, clock);
            const second = await acquireSlot("k", limit, clock);
            expect(permitWaitMs("k", limit, clock), "both with requests in flight").to.equal(Number.POSITIVE_INFINITY);
            first.release();
            expect(permitWaitMs("k", limit, clock)).to.equal(1000);
            second.release();
            expect(permitWaitMs("k", limit, clock)).to.equal(1000);
        });

        it("leaves the permits to those already waiting in line", async () => {
            const clock = virtualClock();
            const limit = { perSecond: 1 };
            (await acquireSlot("k", limit, clock)).release();
            const waiting = acquireSlot("k", limit, clock);
            await new Promise((resolve) => setImmediate(resolve));
            expect(permitWaitMs("k", limit, clock), "the one permit is promised to the request in line").to.equal(Number.POSITIVE_INFINITY);
            await clock.run();
            (await waiting).release();
            expect(permitWaitMs("k", limit, clock)).to.equal(1000);
        });
    });

    it("permitWaitMs and untilAnyPermitFree wait at most a second when the clock steps back, as acquireSlot does", async () => {
        let now = 3_600_000;
        const waits: number[] = [];
        const clock: PacingClock = { nowMs: () => now, sleep: async (ms) => void waits.push(ms) };
        const limit = { perSecond: 1 };
        (await acquireSlot("k", limit, clock)).release();
        now = 0;
        expect(permitWaitMs("k", limit, clock)).to.equal(1000);
        // A clock that does not move while it sleeps: one sleep, not an hour of them (or forever).
        await untilAnyPermitFree([{ key: "k", limit }], clock);
        expect(waits).to.deep.equal([1000]);
    });

    describe("untilAnyPermitFree", () => {
        it("returns at once when one of the actions has a permit free", async () => {
            const clock = virtualClock();
            await acquireSlot("busy", { perSecond: 1 }, clock);
            await untilAnyPermitFree([{ key: "busy", limit: { perSecond: 1 } }, { key: "idle", limit: { perSecond: 1 } }], clock);
            expect(clock.now).to.equal(0);
        });

        it("waits for the first of the actions to have a permit free", async () => {
            const clock = virtualClock();
            const a = await acquireSlot("a", { perSecond: 1 }, clock);
            const b = await acquireSlot("b", { perSecond: 1 }, clock);
            b.release();
            const waited = untilAnyPermitFree([{ key: "a", limit: { perSecond: 1 } }, { key: "b", limit: { perSecond: 1 } }], clock).then(() => clock.now);
            await clock.run();
            expect(await waited, "b's permit is free a second after its reply; a's is still in flight").to.equal(1000);
            a.release();
        });
    });
});
