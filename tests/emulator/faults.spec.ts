import { expect } from "chai";
import type { Emulator } from "../../emulator";
import { adminFetch, send, signedRequest, startTestEmulator, tc, tcError, tcOk, testChain, uploadParams, type TestClock } from "./support";

/** Sends `n` calls at once and counts the answers by error code ("" = success). */
async function burst(emulator: Emulator, clock: TestClock, action: string, n: number, params: Record<string, unknown> = {}): Promise<Record<string, number>> {
    const codes = await Promise.all(Array.from({ length: n }, () => tcError(emulator, clock, action, params)));
    const counts: Record<string, number> = {};
    for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
    return counts;
}

describe("emulator: rate limits", () => {
    let emulator: Emulator;
    let clock: TestClock;
    let ticks = 0;

    before(async () => {
        // A frozen monotonic clock makes the limits deterministic: the window moves only when the test moves it.
        ({ emulator, clock } = await startTestEmulator({ rateLimits: true, rateLimitClock: () => ticks }));
    });
    beforeEach(() => emulator.reset());
    after(() => emulator.close());

    it("allows 10 DescribeCertificates in any second, then answers RequestLimitExceeded until a second has passed", async () => {
        expect(await burst(emulator, clock, "DescribeCertificates", 15)).to.deep.equal({ "": 10, RequestLimitExceeded: 5 });
        ticks += 999;
        expect(await burst(emulator, clock, "DescribeCertificates", 3)).to.deep.equal({ RequestLimitExceeded: 3 });
        ticks += 1;
        expect(await burst(emulator, clock, "DescribeCertificates", 3)).to.deep.equal({ "": 3 });
    });

    it("allows 20 UploadCertificate per second, counted before the parameters are checked", async () => {
        // Empty uploads fail their parameter check, which comes after the limiter, so they still use up tokens.
        expect(await burst(emulator, clock, "UploadCertificate", 23)).to.deep.equal({ MissingParameter: 20, RequestLimitExceeded: 3 });
    });

    it("allows 20 ModifyResourceTags per second (the Tag service's limit)", async () => {
        const counts = await Promise.all(Array.from({ length: 22 }, () => tcError(emulator, clock, "ModifyResourceTags", {}, { service: "tag" })));
        expect(counts.filter((code) => code === "RequestLimitExceeded")).to.have.length(2);
    });

    it("limits CreateCSR to 10 per second, with a bucket per action", async () => {
        const csr = { Domain: "a.example.com", Organization: "O", Department: "D", Email: "a@example.com", Province: "P", City: "C", Country: "CN", EncryptAlgo: "ECC", KeyParameter: "prime256v1", Generate: false };
        expect(await burst(emulator, clock, "CreateCSR", 12, csr)).to.deep.equal({ "": 10, RequestLimitExceeded: 2 });
        // Another action has its own bucket.
        expect(await tcError(emulator, clock, "DescribeCSRSet")).to.equal("");
    });

    it("the throttling answer is Tencent's envelope with HTTP 200", async () => {
        await burst(emulator, clock, "DescribeCertificate", 10, { CertificateId: "x" });
        const response = await send(signedRequest(emulator, clock, "DescribeCertificate", { CertificateId: "x" }));
        expect(response.status).to.equal(200);
        const body = (await response.json()) as { Response: { Error: { Code: string }; RequestId: string } };
        expect(body.Response.Error.Code).to.equal("RequestLimitExceeded");
        expect(body.Response.RequestId).to.be.a("string");
    });

    it("can be switched off", async () => {
        const { emulator: unlimited, clock: c } = await startTestEmulator({ rateLimits: false, rateLimitClock: () => 0 });
        try {
            expect(await burst(unlimited, c, "DescribeCertificates", 30)).to.deep.equal({ "": 30 });
        } finally {
            await unlimited.close();
        }
    });
});

describe("emulator: fault injection", () => {
    let emulator: Emulator;
    let clock: TestClock;

    before(async () => {
        ({ emulator, clock } = await startTestEmulator({ rateLimits: false }));
    });
    beforeEach(() => emulator.reset());
    after(() => emulator.close());

    const countCertificates = () => (emulator.inventory().tencent.certificates as unknown[]).length;

    it("throttle: Tencent's RequestLimitExceeded envelope, `count` times, only for the named action", async () => {
        emulator.setFaults([{ vendor: "tencent", action: "DescribeCertificates", kind: "throttle", count: 2 }]);
        expect(await tcError(emulator, clock, "DescribeCSRSet")).to.equal("");
        expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("RequestLimitExceeded");
        expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("RequestLimitExceeded");
        expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("");
        expect(emulator.faults()[0]).to.include({ fired: 2, remaining: 0 });
    });

    it("http: the given status, a Retry-After header when asked, and the action is not carried out", async () => {
        emulator.setFaults([{ vendor: "tencent", action: "UploadCertificate", kind: "http", status: 503, retryAfter: 2 }]);
        const response = await send(signedRequest(emulator, clock, "UploadCertificate", uploadParams(testChain("http-fault"))));
        expect(response.status).to.equal(503);
        expect(response.headers.get("retry-after")).to.equal("2");
        expect(countCertificates()).to.equal(0);
        expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(testChain("http-fault")))).to.equal("");
    });

    it("malformed: HTTP 200 with a body that is not the vendor's envelope, after the action when asked", async () => {
        emulator.setFaults([{ vendor: "tencent", action: "UploadCertificate", kind: "malformed", when: "after" }]);
        const response = await send(signedRequest(emulator, clock, "UploadCertificate", uploadParams(testChain("malformed-fault"))));
        expect(response.status).to.equal(200);
        const body = await response.text();
        expect(() => JSON.parse(body), "the body must not parse").to.throw();
        expect(countCertificates(), "the upload happened").to.equal(1);
    });

    it("reset: the connection is closed without any reply", async () => {
        emulator.setFaults([{ vendor: "tencent", kind: "reset" }]);
        let failure: unknown;
        try {
            await send(signedRequest(emulator, clock, "DescribeCertificates", {}));
        } catch (error) {
            failure = error;
        }
        expect(failure, "fetch must fail").to.be.instanceOf(Error);
        const cause = (failure as { cause?: { code?: string } }).cause;
        expect(cause?.code).to.be.oneOf(["ECONNRESET", "UND_ERR_SOCKET"]);
        expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("");
    });

    it('when: "after" carries the action out, then replaces the reply (the ambiguous failure that must not cause duplicates)', async () => {
        emulator.setFaults([
            { vendor: "tencent", action: "UploadCertificate", kind: "http", status: 502, when: "after" },
            { vendor: "tencent", action: "UploadCertificate", kind: "reset", when: "after" },
        ]);
        const chain = testChain("after-fault");
        expect((await send(signedRequest(emulator, clock, "UploadCertificate", uploadParams(chain)))).status).to.equal(502);
        expect(countCertificates(), "the upload happened").to.equal(1);
        let failed = false;
        await send(signedRequest(emulator, clock, "UploadCertificate", uploadParams(chain))).catch(() => (failed = true));
        expect(failed).to.equal(true);
        expect(countCertificates(), "the upload happened again before the reset").to.equal(2);
        // A careful client now finds the certificate instead of uploading a third copy.
        const existing = await tcOk(emulator, clock, "CheckCertificateExist", { CertificatePublicKey: chain.chainPem });
        expect(existing.RepeatCertId).to.be.a("string").and.not.equal("");
    });

    it("latency delays the reply and then lets it through", async () => {
        emulator.setFaults([{ vendor: "tencent", kind: "latency", latencyMs: 20 }]);
        expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("");
        expect(emulator.faults()[0]).to.include({ fired: 1 });
    });

    it("probabilistic faults see a client's retry as the same request, though it is signed afresh, and stop after maxInARow", async () => {
        await adminFetch(emulator, "faults", { method: "POST", body: [{ vendor: "tencent", action: "DescribeCertificates", kind: "throttle", probability: 1, seed: 3, maxInARow: 2 }] });
        const attempt = async (): Promise<string> => {
            clock.advanceSeconds(1);
            return tcError(emulator, clock, "DescribeCertificates", { Limit: 5 });
        };
        expect([await attempt(), await attempt(), await attempt()]).to.deep.equal(["RequestLimitExceeded", "RequestLimitExceeded", ""]);
        expect(await tcError(emulator, clock, "DescribeCertificates", { Limit: 6 }), "another request starts its own run").to.equal("RequestLimitExceeded");
        const listed = (await adminFetch(emulator, "faults")).json as { faults: Array<{ fired: number; probability: number }>; stats: unknown };
        expect(listed.faults[0]).to.include({ fired: 3, probability: 1 });
        expect(listed.stats).to.deep.equal({ requests: 4, faultedRequests: 3, retriesAfterFault: 2, longestRun: 2 });
        expect(emulator.faultStats()).to.deep.equal(listed.stats);
    });

    it("faults that could never fire are refused: an action the vendor does not have, a throttle after the action", () => {
        expect(() => emulator.setFaults([{ vendor: "tencent", action: "DescribeCertificateDetails", kind: "reset" }])).to.throw(/tencent has no action "DescribeCertificateDetails"/);
        expect(() => emulator.setFaults([{ vendor: "tencent", action: "UploadCertificate", kind: "throttle", when: "after" }])).to.throw(/throttle fault cannot come "after"/);
        // A refused list leaves the faults that were set alone.
        emulator.setFaults([{ vendor: "tencent", action: "UploadCertificate", kind: "throttle", when: "before" }]);
        expect(() => emulator.setFaults([{ vendor: "tencent", kind: "reset" }, { vendor: "tencent", action: "Nope", kind: "reset" }])).to.throw(/no action "Nope"/);
        expect(emulator.faults().map((f) => f.kind)).to.deep.equal(["throttle"]);
    });

    it("POST /_emulator/faults answers 400 with the reason for an unknown action or a throttle after the action, and keeps the faults it had", async () => {
        await adminFetch(emulator, "faults", { method: "POST", body: { vendor: "tencent", action: "DescribeCertificates", kind: "latency", latencyMs: 1 } });
        const unknown = await adminFetch(emulator, "faults", { method: "POST", body: { vendor: "tencent", action: "UploadCertificates", kind: "http", status: 500 } });
        expect(unknown.status).to.equal(400);
        expect((unknown.json as { error: string }).error).to.contain('tencent has no action "UploadCertificates"').and.contain("UploadCertificate,");
        const throttleAfter = await adminFetch(emulator, "faults", { method: "POST", body: [{ vendor: "tencent", action: "UploadCertificate", kind: "throttle", when: "after" }] });
        expect(throttleAfter.status).to.equal(400);
        expect((throttleAfter.json as { error: string }).error).to.contain('throttle fault cannot come "after"');
        expect(((await adminFetch(emulator, "faults")).json as { faults: { kind: string }[] }).faults.map((f) => f.kind)).to.deep.equal(["latency"]);
        // Nothing was set by the refused requests: an upload goes through untouched.
        expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(testChain("refused-faults")))).to.equal("");
    });

    it("POST /_emulator/faults sets, GET lists, DELETE clears; invalid faults are refused with 400", async () => {
        const set = await adminFetch(emulator, "faults", { method: "POST", body: [{ vendor: "tencent", action: "DescribeCertificates", kind: "throttle", count: 3 }] });
        expect(set.status).to.equal(200);
        expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("RequestLimitExceeded");
        const listed = (await adminFetch(emulator, "faults")).json as { faults: { kind: string; fired: number; remaining: number; when: string }[] };
        expect(listed.faults).to.have.length(1);
        expect(listed.faults[0]).to.include({ kind: "throttle", fired: 1, remaining: 2, when: "before" });
        expect((await adminFetch(emulator, "faults", { method: "DELETE" })).status).to.equal(200);
        expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("");

        // A single object is accepted too, and replaces the list.
        await adminFetch(emulator, "faults", { method: "POST", body: { vendor: "tencent", kind: "http", status: 500 } });
        expect(((await adminFetch(emulator, "faults")).json as { faults: unknown[] }).faults).to.have.length(1);

        for (const bad of [{ vendor: "aws", kind: "reset" }, { vendor: "tencent", kind: "explode" }, { vendor: "tencent", kind: "http" }, { vendor: "tencent", kind: "latency" }, { vendor: "tencent", kind: "reset", count: 0 }]) {
            expect((await adminFetch(emulator, "faults", { method: "POST", body: bad })).status, JSON.stringify(bad)).to.equal(400);
        }
        expect(() => emulator.setFaults([{ vendor: "tencent", kind: "http" }])).to.throw(/status/);
    });

    it("faults apply before verification: even a badly signed request gets the injected answer", async () => {
        emulator.setFaults([{ vendor: "tencent", kind: "throttle" }]);
        expect((await tc(emulator, clock, "DescribeCertificates", {}, { secretKey: "wrong" })).Error?.Code).to.equal("RequestLimitExceeded");
    });
});
