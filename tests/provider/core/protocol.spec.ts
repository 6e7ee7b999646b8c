import { expect } from "chai";
import { ConfigurationError, isVendorError, OutcomeUnknownError, TransportError, VendorApiError, type ErrorCategory } from "../../../provider/core/errors";
import type { CallOptions, HttpReply, HttpRequest, Transport } from "../../../provider/core/http";
import { callVendor, type ParsedReply, type VendorProtocol } from "../../../provider/core/protocol";
import { resetRateLimits } from "../../../provider/core/rateLimit";
import { useStackConfig } from "../../../provider/core/settings";

const SECRET_KEY = "fake-secret-key-for-tests-0001";
const PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";
const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000 };

interface FakeCredentials {
    readonly id: string;
    readonly key: string;
}

/** A vendor whose replies are `{"ok": value}` or `{"err": {"code", "message"}}`; codes name their category. */
function fakeProtocol(log: { signedAt: number[]; credentialReads: number }, rateLimit?: { perSecond: number }): VendorProtocol<{ n: number }, FakeCredentials> {
    return {
        vendor: "Fake",
        credentials: () => {
            log.credentialReads += 1;
            return { id: "fake-id", key: SECRET_KEY };
        },
        secrets: (c) => [c.key],
        buildRequest: (action, params, credentials, now): HttpRequest => {
            log.signedAt.push(now.getTime());
            return { method: "POST", url: "http://fake.invalid/", headers: { authorization: `sig ${credentials.key}@${now.getTime()}`, "x-action": action }, body: JSON.stringify(params) };
        },
        parseReply: (reply): ParsedReply => {
            let body: { ok?: unknown; err?: { code: string; message: string } };
            try {
                body = JSON.parse(reply.body) as typeof body;
            } catch {
                return { kind: "malformed", detail: "the reply is not JSON" };
            }
            if (body.err) return { kind: "vendorError", error: { code: body.err.code, message: body.err.message, requestId: "req-1" } };
            if ("ok" in body) return { kind: "success", value: body.ok };
            return { kind: "malformed", detail: "no ok field" };
        },
        classifyError: (error) => ({ category: error.code.split(".")[0] as ErrorCategory, hint: `hint for ${error.code}` }),
        rateLimit: () => rateLimit,
    };
}

/** Replies in turn from `script` (the last one repeats) and counts what was sent. */
function scripted(script: HttpReply[]): { transport: Transport; sent: HttpRequest[]; timeouts: number[] } {
    const sent: HttpRequest[] = [];
    const timeouts: number[] = [];
    let i = 0;
    const transport: Transport = async (request, timeoutMs) => {
        sent.push(request);
        timeouts.push(timeoutMs);
        return script[Math.min(i++, script.length - 1)];
    };
    return { transport, sent, timeouts };
}

const reply = (status: number, body: string, headers: Record<string, string> = {}): HttpReply => ({ status, headers, body });
const ok = (value: unknown) => reply(200, JSON.stringify({ ok: value }));
const vendorError = (code: string, message = "m", status = 200, headers: Record<string, string> = {}) => reply(status, JSON.stringify({ err: { code, message } }), headers);

function options(transport: Transport, extra: Partial<CallOptions> = {}): CallOptions & { waits: number[] } {
    const waits: number[] = [];
    return { transport, policy: fast, sleep: async (ms: number) => { waits.push(ms); }, waits, timeoutMs: 1000, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
    const result = await promise.then(
        () => undefined,
        (e: unknown) => e,
    );
    if (!(result instanceof Error)) throw new Error("expected the call to fail");
    return result;
}

describe("core/protocol callVendor", () => {
    let log: { signedAt: number[]; credentialReads: number };
    beforeEach(() => {
        log = { signedAt: [], credentialReads: 0 };
        resetRateLimits();
    });

    it("reads credentials once, signs every attempt afresh, and returns the parsed value", async () => {
        const { transport, sent } = scripted([vendorError("throttled.Busy"), ok({ id: "x" })]);
        let t = 1000;
        const out = await callVendor<{ id: string }>(fakeProtocol(log), "Create", { n: 1 }, { idempotent: false }, options(transport, { now: () => new Date((t += 1000)) }));
        expect(out).to.deep.equal({ id: "x" });
        expect(log.credentialReads).to.equal(1);
        expect(log.signedAt).to.deep.equal([2000, 3000]);
        expect(sent.map((r) => r.headers.authorization)).to.deep.equal([`sig ${SECRET_KEY}@2000`, `sig ${SECRET_KEY}@3000`]);
    });

    describe("creates are as patient as reads where nothing was done", () => {
        it("retries a throttled vendor error for a write, honouring Retry-After", async () => {
            const { transport, sent } = scripted([vendorError("throttled.Rate", "slow down", 200, { "retry-after": "2" }), vendorError("throttled.Rate"), ok(1)]);
            const opts = options(transport);
            expect(await callVendor(fakeProtocol(log), "Create", { n: 1 }, { idempotent: false }, opts)).to.equal(1);
            expect(sent).to.have.length(3);
            expect(opts.waits[0]).to.equal(2000);
        });

        it("retries a bare HTTP 429 (no vendor envelope) for a write", async () => {
            const { transport, sent } = scripted([reply(429, "<html>Too Many Requests</html>"), ok(1)]);
            expect(await callVendor(fakeProtocol(log), "Create", { n: 1 }, { idempotent: false }, options(transport))).to.equal(1);
            expect(sent).to.have.length(2);
        });
    });

    describe("a malformed 2xx reply", () => {
        for (const [name, body] of [
            ["not JSON", "<html>gateway</html>"],
            ["JSON without the envelope", JSON.stringify({ nothing: true })],
        ] as const) {
            it(`(${name}) to a write is an unknown outcome, after one attempt`, async () => {
                const { transport, sent } = scripted([reply(200, body)]);
                const err = await failure(callVendor(fakeProtocol(log), "Create", { n: 1 }, { idempotent: false }, options(transport)));
                expect(err).to.be.instanceOf(OutcomeUnknownError);
                expect(err.message).to.match(/Fake Create: the outcome is unknown .*BadResponse/);
                expect(sent).to.have.length(1);
            });

            it(`(${name}) to an idempotent action is retried`, async () => {
                const { transport, sent } = scripted([reply(200, body), reply(200, body), ok("fine")]);
                expect(await callVendor(fakeProtocol(log), "Describe", { n: 1 }, { idempotent: true }, options(transport))).to.equal("fine");
                expect(sent).to.have.length(3);
            });
        }

        it("to an idempotent action, when it persists, fails as a TransportError after every attempt", async () => {
            const { transport, sent } = scripted([reply(200, "not json")]);
            const err = await failure(callVendor(fakeProtocol(log), "Describe", { n: 1 }, { idempotent: true }, options(transport)));
            expect(err).to.be.instanceOf(TransportError);
            expect((err as TransportError).code).to.equal("BadResponse");
            expect(sent).to.have.length(fast.maxAttempts);
        });
    });

    it("a retryable vendor error is retried for reads and is an unknown outcome for writes", async () => {
        const read = scripted([vendorError("retryable.Internal"), ok(2)]);
        expect(await callVendor(fakeProtocol(log), "Describe", { n: 1 }, { idempotent: true }, options(read.transport))).to.equal(2);
        expect(read.sent).to.have.length(2);
        const write = scripted([vendorError("retryable.Internal"), ok(2)]);
        expect(await failure(callVendor(fakeProtocol(log), "Create", { n: 1 }, { idempotent: false }, options(write.transport)))).to.be.instanceOf(OutcomeUnknownError);
        expect(write.sent).to.have.length(1);
    });

    for (const category of ["notFound", "auth", "invalid", "fatal"] as const) {
        it(`a ${category} vendor error fails at once, carrying its category, hint and request id`, async () => {
            const { transport, sent } = scripted([vendorError(`${category}.Thing`, "no good", 400)]);
            const err = await failure(callVendor(fakeProtocol(log), "Describe", { n: 1 }, { idempotent: true }, options(transport)));
            expect(err).to.be.instanceOf(VendorApiError);
            const vendorErr = err as VendorApiError;
            expect(vendorErr.category).to.equal(category);
            expect(vendorErr.httpStatus).to.equal(400);
            expect(isVendorError(err, category)).to.equal(true);
            expect(isVendorError(err, category === "auth" ? "invalid" : "auth")).to.equal(false);
            expect(err.message).to.equal(`Fake Describe failed: ${category}.Thing: no good (request id req-1) - hint for ${category}.Thing`);
            expect(sent).to.have.length(1);
        });
    }

    it("judges replies without a vendor envelope by status: 5xx unknown for writes, other 4xx a plain failure", async () => {
        const write = scripted([reply(502, "bad gateway")]);
        expect(await failure(callVendor(fakeProtocol(log), "Create", { n: 1 }, { idempotent: false }, options(write.transport)))).to.be.instanceOf(OutcomeUnknownError);
        expect(write.sent).to.have.length(1);
        const notFound = scripted([reply(404, "<html>no such path</html>")]);
        const err = await failure(callVendor(fakeProtocol(log), "Describe", { n: 1 }, { idempotent: true }, options(notFound.transport)));
        expect(err).to.be.instanceOf(TransportError);
        expect(err.message).to.match(/HTTP 404.*check the endpoint/);
        expect(notFound.sent).to.have.length(1);
    });

    describe("secrets never reach errors or debug logs", () => {
        let written: string[];
        let original: typeof process.stderr.write;
        beforeEach(() => {
            written = [];
            original = process.stderr.write.bind(process.stderr);
            process.env.CLOUDCERTS_LOG = "debug";
            process.stderr.write = ((chunk: string | Uint8Array) => {
                written.push(String(chunk));
                return true;
            }) as typeof process.stderr.write;
        });
        afterEach(() => {
            process.stderr.write = original;
            delete process.env.CLOUDCERTS_LOG;
        });

        it("in a vendor error that echoes the credential and an input private key", async () => {
            const echoed = `bad key ${SECRET_KEY} for ${JSON.stringify(PRIVATE_KEY)}`;
            const { transport } = scripted([vendorError("invalid.Key", echoed)]);
            const err = await failure(callVendor(fakeProtocol(log), "Upload", { n: 1 }, { idempotent: false, secrets: [PRIVATE_KEY] }, options(transport)));
            process.stderr.write = original;
            expect(err.message).not.to.contain(SECRET_KEY);
            expect(err.message).not.to.contain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7");
            expect((err as VendorApiError).vendorMessage).not.to.contain(SECRET_KEY);
            const text = written.join("");
            expect(text).to.contain("Fake Upload attempt 1: HTTP 200 -> failed (Fake Upload failed: invalid.Key: bad key [REDACTED]");
            expect(text).not.to.contain(SECRET_KEY);
            expect(text).not.to.contain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7");
        });

        it("in the unknown outcome of a malformed reply, the pacing log and the retries of a read", async () => {
            const write = scripted([reply(200, `oops ${SECRET_KEY}`)]);
            const err = await failure(callVendor(fakeProtocol(log, { perSecond: 1 }), "Upload", { n: 1 }, { idempotent: false }, options(write.transport)));
            expect(err).to.be.instanceOf(OutcomeUnknownError);
            expect(err.message).not.to.contain(SECRET_KEY);
            const read = scripted([reply(200, `oops ${SECRET_KEY}`)]);
            await failure(callVendor(fakeProtocol(log, { perSecond: 1 }), "Upload", { n: 1 }, { idempotent: true }, options(read.transport, { clock: () => 0 })));
            process.stderr.write = original;
            const text = written.join("");
            expect(text).to.contain("paced");
            expect(text).to.contain("HTTP 200 -> transient");
            expect(text).not.to.contain(SECRET_KEY);
        });
    });

    describe("rate limiting uses the injected clock and sleep", () => {
        it("paces the eleventh call of a 10/s action until a second after the first one's reply, without real waiting", async () => {
            let clockMs = 5_000;
            const waits: number[] = [];
            const { transport, sent } = scripted([ok(1)]);
            const opts: CallOptions = {
                transport,
                policy: fast,
                timeoutMs: 1000,
                clock: () => clockMs,
                sleep: async (ms) => {
                    waits.push(ms);
                    clockMs += ms;
                },
            };
            const started = Date.now();
            for (let i = 0; i < 12; i++) await callVendor(fakeProtocol(log, { perSecond: 10 }), "Describe", { n: i }, { idempotent: true }, opts);
            // Replies come back at once here: ten calls at 5000, the eleventh a second later, and the
            // twelfth with it (the other nine permits are free again by then).
            expect(waits).to.deep.equal([1000]);
            expect(sent).to.have.length(12);
            expect(Date.now() - started).to.be.lessThan(100);
        });
    });

    describe("the per-request timeout", () => {
        afterEach(() => {
            useStackConfig(undefined);
            delete process.env.CLOUDCERTS_TIMEOUT_SECONDS;
        });

        it("is 30 s by default, CLOUDCERTS_TIMEOUT_SECONDS or cloudcerts:timeoutSeconds otherwise, and CallOptions.timeoutMs above both", async () => {
            const { transport, timeouts } = scripted([ok(1)]);
            const call = (extra: Partial<CallOptions> = {}) => callVendor(fakeProtocol(log), "Describe", { n: 1 }, { idempotent: true }, { transport, sleep: async () => {}, ...extra });
            await call();
            process.env.CLOUDCERTS_TIMEOUT_SECONDS = "5";
            await call();
            useStackConfig({ get: (k) => (k === "cloudcerts:timeoutSeconds" ? "2.5" : undefined) });
            await call();
            await call({ timeoutMs: 700 });
            expect(timeouts).to.deep.equal([30000, 5000, 2500, 700]);
        });

        it("refuses a bad value before anything is sent, naming the key and the fix", async () => {
            const { transport, sent } = scripted([ok(1)]);
            process.env.CLOUDCERTS_TIMEOUT_SECONDS = "thirty";
            const err = await failure(callVendor(fakeProtocol(log), "Create", { n: 1 }, { idempotent: false }, { transport }));
            expect(err).to.be.instanceOf(ConfigurationError);
            expect(err.message).to.match(/cloudcerts:timeoutSeconds.*"thirty".*pulumi config set cloudcerts:timeoutSeconds 30/);
            expect(sent).to.have.length(0);
        });
    });
});
