import { expect } from "chai";
import { backoffDelay, DEFAULT_RETRY_POLICY, nextDelay, parseRetryAfter } from "../../../provider/core/retry";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe("core/retry", () => {
    it("grows exponentially with jitter between half and all of the ceiling, capped", () => {
        expect(backoffDelay(1, policy, () => 0)).to.equal(50);
        expect(backoffDelay(1, policy, () => 1)).to.equal(100);
        expect(backoffDelay(3, policy, () => 1)).to.equal(400);
        expect(backoffDelay(10, policy, () => 1)).to.equal(1000);
        expect(backoffDelay(10, policy, () => 0)).to.equal(500);
    });
    it("parses Retry-After as seconds or an HTTP date", () => {
        const now = new Date("2026-11-22T10:00:00Z");
        expect(parseRetryAfter("3", now)).to.equal(3000);
        expect(parseRetryAfter("0.5", now)).to.equal(500);
        expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:07 GMT", now)).to.equal(7000);
        expect(parseRetryAfter("soon", now)).to.equal(undefined);
        expect(parseRetryAfter(undefined, now)).to.equal(undefined);
    });
    it("honours Retry-After, gives up past maxRetryAfter or maxAttempts", () => {
        expect(nextDelay(1, policy, () => 0.5, 2000)).to.equal(2000);
        expect(nextDelay(1, policy, () => 0.5, 6000)).to.equal(undefined);
        expect(nextDelay(5, policy, () => 0.5)).to.equal(undefined);
        expect(nextDelay(1, DEFAULT_RETRY_POLICY, () => 0.5)).to.be.greaterThan(0);
    });
});
