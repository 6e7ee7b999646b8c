import { expect } from "chai";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { OutcomeUnknownError, TransportError } from "../../../provider/core/errors";
import { callApi, gotTransport, NetworkFailure, type ApiCall, type HttpReply, type Transport, type Verdict } from "../../../provider/core/http";

const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000 };

/** A call whose replies are decided by status: 200 done, 429 throttled, 5xx transient, else failed. */
function statusCall(url: string, idempotent: boolean, signed: string[] = []): ApiCall<string> {
    let n = 0;
    return {
        vendor: "Test",
        action: "Act",
        idempotent,
        secrets: ["topsecretvalue"],
        prepare: (now) => {
            n += 1;
            signed.push(`sig-${n}-${now.getTime()}`);
            return { method: "POST", url, headers: { "x-sig": `sig-${n}` }, body: "{}" };
        },
        interpret: (reply: HttpReply): Verdict<string> => {
            if (reply.status === 200) return { kind: "done", value: reply.body };
            const retryAfter = reply.headers["retry-after"];
            if (reply.status === 429) return { kind: "rejected", error: new Error("throttled"), retryAfterMs: retryAfter ? Number(retryAfter) * 1000 : undefined };
            if (reply.status >= 500) return { kind: "transient", error: new Error(`server ${reply.status}`) };
            return { kind: "failed", error: new Error(`status ${reply.status}`) };
        },
    };
}

async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
    const server = http.createServer(handler);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
    };
}

describe("core/http callApi", () => {
    it("signs every attempt afresh and retries throttling for any action, honouring Retry-After", async () => {
        const statuses = [429, 429, 200];
        const seen: string[] = [];
        const waits: number[] = [];
        const srv = await serve((req, res) => {
            seen.push(String(req.headers["x-sig"]));
            const status = statuses.shift() ?? 200;
            res.writeHead(status, status === 429 ? { "retry-after": "2" } : {});
            res.end(status === 200 ? "ok" : "");
        });
        try {
            const signed: string[] = [];
            const out = await callApi(statusCall(srv.url, false, signed), { policy: fast, sleep: async (ms) => { waits.push(ms); } });
            expect(out).to.equal("ok");
            expect(seen).to.deep.equal(["sig-1", "sig-2", "sig-3"]);
            expect(waits).to.deep.equal([2000, 2000]);
        } finally {
            await srv.close();
        }
    });

    it("retries 5xx for idempotent actions", async () => {
        const statuses = [503, 500, 200];
        const srv = await serve((_req, res) => { const s = statuses.shift() ?? 200; res.writeHead(s); res.end("done"); });
        try {
            expect(await callApi(statusCall(srv.url, true), { policy: fast, sleep: async () => {} })).to.equal("done");
        } finally {
            await srv.close();
        }
    });

    it("never retries a 5xx to a non-idempotent action: the outcome is reported unknown", async () => {
        let hits = 0;
        const srv = await serve((_req, res) => { hits += 1; res.writeHead(502); res.end(); });
        try {
            const err = await callApi(statusCall(srv.url, false), { policy: fast, sleep: async () => {} }).catch((e: unknown) => e);
            expect(err).to.be.instanceOf(OutcomeUnknownError);
            expect(hits).to.equal(1);
        } finally {
            await srv.close();
        }
    });

    it("treats a connection reset after sending as unknown for writes, retryable for reads", async () => {
        let hits = 0;
        const srv = await serve((req) => { hits += 1; req.socket.destroy(); });
        try {
            const write = await callApi(statusCall(srv.url, false), { policy: fast, sleep: async () => {} }).catch((e: unknown) => e);
            expect(write).to.be.instanceOf(OutcomeUnknownError);
            // The reset ended the request: nothing is left in flight.
            expect((write as OutcomeUnknownError).inFlightMs).to.equal(0);
            expect(hits).to.equal(1);
            const read = await callApi(statusCall(srv.url, true), { policy: fast, sleep: async () => {} }).catch((e: unknown) => e);
            expect(read).to.be.instanceOf(TransportError);
            expect(hits).to.equal(1 + fast.maxAttempts);
        } finally {
            await srv.close();
        }
    });

    it("retries a refused connection even for writes, since nothing was sent", async () => {
        const srv = await serve(() => {});
        const url = srv.url;
        await srv.close();
        const transport = gotTransport();
        const failure = await transport({ method: "POST", url, headers: {}, body: "{}" }, 2000).catch((e: unknown) => e);
        expect(failure).to.be.instanceOf(NetworkFailure);
        expect((failure as NetworkFailure).sent).to.equal(false);
        let attempts = 0;
        const counting: Transport = (req, t) => { attempts += 1; return transport(req, t); };
        const err = await callApi(statusCall(url, false), { transport: counting, policy: fast, sleep: async () => {} }).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(TransportError);
        expect(attempts).to.equal(fast.maxAttempts);
    });

    it("does not retry a plain failure", async () => {
        let hits = 0;
        const srv = await serve((_req, res) => { hits += 1; res.writeHead(400); res.end(); });
        try {
            const err = await callApi(statusCall(srv.url, true), { policy: fast, sleep: async () => {} }).catch((e: unknown) => e);
            expect((err as Error).message).to.equal("status 400");
            expect(hits).to.equal(1);
        } finally {
            await srv.close();
        }
    });

    it("keeps URLs and query-string signatures out of transport errors", async () => {
        const transport = gotTransport();
        const failure = await transport({ method: "GET", url: "http://127.0.0.1:1/?Signature=topsecretvalue", headers: {} }, 1000).catch((e: unknown) => e);
        expect(String((failure as Error).message)).not.to.contain("topsecretvalue");
        expect(String((failure as Error).message)).not.to.contain("127.0.0.1");
    });

    describe("a timeout after the request was sent (real got, CLOUDCERTS_TIMEOUT_SECONDS=1)", () => {
        let hits: number;
        let srv: { url: string; close: () => Promise<void> };
        beforeEach(async () => {
            hits = 0;
            process.env.CLOUDCERTS_TIMEOUT_SECONDS = "1";
            // Reads the request, then never answers: the vendor may have acted on it.
            srv = await serve((req) => { hits += 1; req.resume(); });
        });
        afterEach(async () => {
            delete process.env.CLOUDCERTS_TIMEOUT_SECONDS;
            await srv.close();
        });

        it("is an unknown outcome for a write, after one attempt cut at the configured timeout", async () => {
            const started = Date.now();
            const err = await callApi(statusCall(srv.url, false), { policy: fast, sleep: async () => {} }).catch((e: unknown) => e);
            const elapsed = Date.now() - started;
            expect(err).to.be.instanceOf(OutcomeUnknownError);
            expect((err as Error).message).to.contain("ETIMEDOUT");
            // The vendor may still be working on it: whoever reconciles waits as long again.
            expect((err as OutcomeUnknownError).inFlightMs).to.equal(1000);
            expect(hits).to.equal(1);
            expect(elapsed).to.be.within(900, 5000);
        });

        it("is retried for a read, and fails as a TransportError once attempts run out", async () => {
            const err = await callApi(statusCall(srv.url, true), { policy: { ...fast, maxAttempts: 2 }, sleep: async () => {} }).catch((e: unknown) => e);
            expect(err).to.be.instanceOf(TransportError);
            expect((err as TransportError).code).to.match(/^ETIMEDOUT/);
            expect(hits).to.equal(2);
        });
    });
});
