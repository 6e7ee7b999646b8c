import { expect } from "chai";
import { acquireSlot, reserveSlot, resetRateLimits } from "../../../provider/core/rateLimit";

describe("core/rateLimit", () => {
    beforeEach(resetRateLimits);
    it("lets a burst through, then paces at the documented rate", () => {
        const limit = { perSecond: 20 };
        const waits = Array.from({ length: 22 }, () => reserveSlot("tencent:UploadCertificate", limit, 1000));
        expect(waits.slice(0, 20)).to.deep.equal(Array(20).fill(0));
        expect(waits[20]).to.equal(50);
        expect(waits[21]).to.equal(100);
    });
    it("refills over time", () => {
        const limit = { perSecond: 10, burst: 1 };
        expect(reserveSlot("k", limit, 0)).to.equal(0);
        expect(reserveSlot("k", limit, 0)).to.equal(100);
        expect(reserveSlot("k", limit, 1000)).to.equal(0);
    });
    it("keeps actions apart", () => {
        const limit = { perSecond: 1 };
        expect(reserveSlot("a", limit, 0)).to.equal(0);
        expect(reserveSlot("b", limit, 0)).to.equal(0);
    });
    it("does not drain when the clock steps back", () => {
        const limit = { perSecond: 10 };
        for (let i = 0; i < 10; i++) reserveSlot("k", limit, 600_000);
        expect(reserveSlot("k", limit, 0)).to.equal(100);
        expect(reserveSlot("k", limit, 1000)).to.equal(0);
    });
    it("acquireSlot waits through the injected clock's sleep, never a real timer", async () => {
        const waits: number[] = [];
        const clock = { nowMs: () => 0, sleep: async (ms: number) => { waits.push(ms); } };
        const limit = { perSecond: 2 };
        const results = [];
        for (let i = 0; i < 4; i++) results.push(await acquireSlot("k", limit, clock));
        expect(results).to.deep.equal([0, 0, 500, 1000]);
        expect(waits).to.deep.equal([500, 1000]);
    });
});
