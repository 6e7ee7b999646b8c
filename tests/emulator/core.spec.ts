import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FaultInjector, parseFaultSpec } from "../../emulator/core/faults";
import { RateLimiter } from "../../emulator/core/rateLimiter";
import { Store } from "../../emulator/core/store";
import { commonName, isChainInOrder, loadPrivateKey, parseCertificateChain, subjectAltNames } from "../../emulator/core/x509";
import { hostWithoutPort } from "../../emulator/tencent/auth";
import { formatTencentTime } from "../../emulator/tencent/time";
import { testChain } from "./support";

describe("emulator/core", () => {
    describe("Store", () => {
        it("hands out copies: a record changes only through put", async () => {
            const store = await Store.open();
            const table = store.table<{ n: number; list: number[] }>("tencent", "things");
            table.put("a", { n: 1, list: [1] });
            const copy = table.get("a")!;
            copy.list.push(2);
            expect(table.get("a")).to.deep.equal({ n: 1, list: [1] });
            expect(table.list()).to.deep.equal([{ n: 1, list: [1] }]);
            expect(table.delete("a")).to.equal(true);
            expect(table.delete("a")).to.equal(false);
        });

        it("counters start where asked and survive a state-file round trip, as does insertion order", async () => {
            const dir = await mkdtemp(join(tmpdir(), "cloudcerts-store-"));
            try {
                const file = join(dir, "s.json");
                const store = await Store.open(file);
                expect(store.nextCounter("tencent", "id", 1001)).to.equal(1001);
                expect(store.nextCounter("tencent", "id", 1001)).to.equal(1002);
                const table = store.table<{ v: string }>("tencent", "t");
                for (const id of ["20", "3", "b", "1"]) table.put(id, { v: id });
                await store.flush();
                expect((await stat(file)).isFile()).to.equal(true);

                const reopened = await Store.open(file);
                expect(reopened.nextCounter("tencent", "id", 1001)).to.equal(1003);
                expect(reopened.table<{ v: string }>("tencent", "t").list().map((r) => r.v)).to.deep.equal(["20", "3", "b", "1"]);
                reopened.clear();
                await reopened.flush();
                expect(JSON.parse(await readFile(file, "utf8")).vendors.tencent.tables.t).to.deep.equal([]);
            } finally {
                await rm(dir, { recursive: true, force: true });
            }
        });
    });

    describe("RateLimiter", () => {
        it("accepts at most the limit in any second of arrivals (a sliding window), and counts what it refuses", () => {
            let now = 0;
            const limiter = new RateLimiter(() => now);
            const takes = (n: number) => Array.from({ length: n }, () => limiter.take("k", 10)).filter(Boolean).length;
            expect(takes(12)).to.equal(10);
            now += 500;
            expect(takes(5), "a token bucket would have let 5 through by now").to.equal(0);
            now += 499;
            expect(takes(1), "still within a second of the first ten").to.equal(0);
            now += 1;
            expect(takes(12), "a second after the first ten").to.equal(10);
            expect(limiter.take("other", 10), "windows are per key").to.equal(true);
            expect(limiter.refusals()).to.deep.equal({ k: 2 + 5 + 1 + 2 });
            now += 60_000;
            expect(takes(20), "never more than the limit").to.equal(10);
            limiter.reset();
            expect(limiter.refusals()).to.deep.equal({});
            expect(takes(11)).to.equal(10);
        });
    });

    describe("FaultInjector", () => {
        it("adds every matching latency, replaces with the first matching fault, per phase and action", () => {
            const faults = new FaultInjector();
            faults.set([
                parseFaultSpec({ vendor: "tencent", kind: "latency", latencyMs: 5, count: 2 }),
                parseFaultSpec({ vendor: "tencent", action: "A", kind: "http", status: 500 }),
                parseFaultSpec({ vendor: "tencent", kind: "reset", when: "after" }),
                parseFaultSpec({ vendor: "tencent", kind: "throttle" }),
            ]);
            const first = faults.take("tencent", "A", "before");
            expect(first.latencyMs).to.equal(5);
            expect(first.replace).to.include({ kind: "http", status: 500 });
            expect(faults.take("tencent", "A", "after").replace).to.include({ kind: "reset" });
            const second = faults.take("tencent", "B", "before");
            expect(second).to.deep.include({ latencyMs: 5 });
            expect(second.replace).to.include({ kind: "throttle" });
            expect(faults.take("tencent", "A", "before")).to.deep.equal({ latencyMs: 0 });
            expect(faults.list().map((f) => f.fired)).to.deep.equal([2, 1, 1, 1]);
        });

        it("probabilistic: fires at about the given rate, the same faults for the same seed, others for another seed", () => {
            const decisions = (seed: number): boolean[] => {
                const faults = new FaultInjector();
                faults.set([parseFaultSpec({ vendor: "tencent", kind: "reset", probability: 0.3, seed })]);
                return Array.from({ length: 1000 }, () => faults.take("tencent", "A", "before").replace !== undefined);
            };
            const once = decisions(7);
            const fired = once.filter(Boolean).length;
            expect(fired).to.be.within(250, 350);
            expect(decisions(7)).to.deep.equal(once);
            expect(decisions(8)).not.to.deep.equal(once);
        });

        it("probabilistic: no limit unless `count` is given; faults seeded alike still draw apart", () => {
            const faults = new FaultInjector();
            const listed = faults.set([
                parseFaultSpec({ vendor: "tencent", kind: "throttle", probability: 0.5, seed: 1 }),
                parseFaultSpec({ vendor: "tencent", kind: "latency", latencyMs: 1, probability: 0.5, seed: 1 }),
                parseFaultSpec({ vendor: "tencent", action: "B", kind: "reset", probability: 1, count: 2 }),
            ]);
            expect(listed[0]).not.to.have.property("remaining");
            expect(listed[2]).to.include({ count: 2, remaining: 2 });
            const taken = Array.from({ length: 400 }, () => faults.take("tencent", "A", "before"));
            const throttled = taken.map((t) => t.replace !== undefined);
            const delayed = taken.map((t) => t.latencyMs > 0);
            expect(throttled.filter(Boolean).length).to.be.within(150, 250);
            expect(delayed, "the same seed at another place in the list is another sequence").not.to.deep.equal(throttled);
            expect([1, 2, 3].map(() => faults.take("tencent", "B", "before").replace?.kind)).to.include.members(["reset"]);
            expect(faults.list()[2]).to.include({ fired: 2, remaining: 0 });
        });

        it("maxInARow: a request its client repeats meets at most that many faults in a row; counts requests, faulted requests and retries", () => {
            const faults = new FaultInjector();
            faults.set([parseFaultSpec({ vendor: "tencent", kind: "http", status: 503, probability: 1, maxInARow: 2 })]);
            const send = (key: string): boolean => {
                const request = { key };
                const before = faults.take("tencent", "A", "before", request);
                if (before.replace) return false;
                return faults.take("tencent", "A", "after", request).replace === undefined;
            };
            expect(["r1", "r1", "r1"].map(send)).to.deep.equal([false, false, true]);
            // Another request has its own run, and a request that went through starts a new one.
            expect(["r2", "r1", "r2", "r2", "r1"].map(send)).to.deep.equal([false, false, false, true, false]);
            expect(faults.counts()).to.deep.equal({ requests: 8, faultedRequests: 6, retriesAfterFault: 5, longestRun: 2 });
            faults.set([]);
            expect(faults.counts(), "setting faults starts the counts afresh").to.deep.equal({ requests: 0, faultedRequests: 0, retriesAfterFault: 0, longestRun: 0 });
        });

        it("a latency fault counts in a run, and a request faulted in both phases counts once", () => {
            const faults = new FaultInjector();
            faults.set([
                parseFaultSpec({ vendor: "tencent", kind: "latency", latencyMs: 1, probability: 1, maxInARow: 3 }),
                parseFaultSpec({ vendor: "tencent", kind: "reset", when: "after", probability: 1, maxInARow: 3 }),
            ]);
            for (let i = 0; i < 4; i++) {
                const request = { key: "k" };
                faults.take("tencent", "A", "before", request);
                faults.take("tencent", "A", "after", request);
            }
            expect(faults.counts()).to.deep.equal({ requests: 4, faultedRequests: 3, retriesAfterFault: 3, longestRun: 3 });
        });

        it("rejects unknown fields and mismatched options", () => {
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "reset", colour: "red" })).to.throw(/unknown fault field/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "reset", status: 500 })).to.throw(/only applies to http/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "throttle", retryAfter: 1 })).to.throw(/only applies to http/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "http", status: 302 })).to.throw(/between 400 and 599/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "reset", probability: 0 })).to.throw(/above 0 and at most 1/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "reset", probability: 1.5 })).to.throw(/above 0 and at most 1/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "reset", seed: 3 })).to.throw(/only apply to probabilistic faults/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "reset", maxInARow: 3 })).to.throw(/only apply to probabilistic faults/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "reset", probability: 0.5, seed: -1 })).to.throw(/seed/);
            expect(() => parseFaultSpec({ vendor: "tencent", kind: "reset", probability: 0.5, maxInARow: 0 })).to.throw(/maxInARow/);
            expect(parseFaultSpec({ vendor: "tencent", kind: "http", status: 429, retryAfter: 0, when: "after", count: 3 })).to.deep.equal({
                vendor: "tencent",
                kind: "http",
                status: 429,
                retryAfter: 0,
                when: "after",
                count: 3,
            });
        });
    });

    describe("x509 helpers", () => {
        it("reads names, checks chain order and loads keys", () => {
            const chain = testChain("helpers", { commonName: "cn.example.com", sans: ["cn.example.com", "*.example.com", "127.0.0.1"] });
            const certs = parseCertificateChain(`\n${chain.chainPem}\n\n`);
            expect(certs).to.have.length(2);
            expect(commonName(certs[0])).to.equal("cn.example.com");
            expect(subjectAltNames(certs[0])).to.deep.equal(["cn.example.com", "*.example.com", "127.0.0.1"]);
            expect(isChainInOrder(certs)).to.equal(true);
            expect(isChainInOrder([...certs].reverse())).to.equal(false);
            expect(() => parseCertificateChain(`${chain.chainPem}\ngarbage`)).to.throw(/outside/);
            expect(loadPrivateKey(chain.leaf.privateKeyPem).ok).to.equal(true);
            expect(loadPrivateKey("nope")).to.deep.equal({ ok: false, reason: "unparseable" });
            expect(new X509Certificate(chain.leaf.certificatePem).ca).to.equal(false);
        });
    });

    describe("Tencent formats", () => {
        it("prints times in GMT+8 without a zone, across the date line", () => {
            expect(formatTencentTime(new Date("2026-03-01T16:30:05Z"))).to.equal("2026-03-02 00:30:05");
            expect(formatTencentTime("2026-12-31T20:00:00.000Z")).to.equal("2027-01-01 04:00:00");
        });
        it("strips the port from Host the way clients sign it", () => {
            expect(hostWithoutPort("127.0.0.1:4567")).to.equal("127.0.0.1");
            expect(hostWithoutPort("[::1]:4567")).to.equal("[::1]");
            expect(hostWithoutPort("localhost")).to.equal("localhost");
        });
    });
});
