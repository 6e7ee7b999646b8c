import { expect } from "chai";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigurationError, OutcomeUnknownError, VendorApiError } from "../../../provider/core/errors";
import type { CallOptions } from "../../../provider/core/http";
import { resetRateLimits } from "../../../provider/core/rateLimit";
import { callScloud, isScloudNotFound, scloudScope } from "../../../provider/scloud/client";
import { isolateScloudEnvironment } from "./env";
import { EXAMPLE_PRIVATE_KEY, EXAMPLE_PUBLIC_KEY } from "./sign.fixture";

interface Answer {
    readonly status?: number;
    readonly body: string | object;
    readonly headers?: Record<string, string>;
}

interface Received {
    readonly method: string;
    readonly contentType: string | undefined;
    readonly params: Record<string, unknown>;
    /** Whether the signature checks out by the documented scheme, recomputed here without the provider's signer. */
    readonly signatureValid: boolean;
}

function documentedSignature(received: Record<string, unknown>, privateKey: string): string {
    const text = Object.keys(received)
        .filter((k) => k !== "Signature")
        .sort()
        .map((k) => `${k}${String(received[k])}`)
        .join("");
    return createHash("sha1").update(text + privateKey).digest("hex");
}

const ok = (fields: object = {}): Answer => ({ body: { RetCode: 0, ...fields }, headers: { "x-ucloud-request-uuid": "uuid-ok" } });
const retCode = (code: number, message: string): Answer => ({ body: { RetCode: code, Message: message }, headers: { "x-ucloud-request-uuid": "uuid-err" } });

// Example PEM material for the tests, not a real key.
const PEM_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAtestOnlyNotARealKeyAAAAAAAAAAAAAAA\nQ2hlY2tpbmdSZWRhY3Rpb25Pbmx5Tm90QVJlYWxLZXlCQkJC\n-----END RSA PRIVATE KEY-----\n";
const PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIBtestOnlyCertificate\n-----END CERTIFICATE-----\n";

describe("scloud/client: callScloud against a local HTTP server", () => {
    isolateScloudEnvironment();
    let server: Server;
    let received: Received[];
    let script: Answer[];
    let serverPrivateKey: string;

    before(async () => {
        server = createServer((req, res) => {
            let raw = "";
            req.setEncoding("utf8");
            req.on("data", (chunk: string) => (raw += chunk));
            req.on("end", () => {
                const params = JSON.parse(raw || "{}") as Record<string, unknown>;
                received.push({
                    method: req.method ?? "",
                    contentType: req.headers["content-type"],
                    params,
                    signatureValid: params.Signature === documentedSignature(params, serverPrivateKey),
                });
                const answer = script[Math.min(received.length - 1, script.length - 1)];
                const body = typeof answer.body === "string" ? answer.body : JSON.stringify({ Action: `${String(params.Action)}Response`, ...answer.body });
                res.writeHead(answer.status ?? 200, { "content-type": typeof answer.body === "string" ? "text/html" : "application/json", ...answer.headers });
                res.end(body);
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    beforeEach(() => {
        received = [];
        script = [ok()];
        serverPrivateKey = EXAMPLE_PRIVATE_KEY;
        resetRateLimits();
        const { port } = server.address() as AddressInfo;
        process.env.CLOUDCERTS_SCLOUD_ENDPOINT = `http://127.0.0.1:${port}/scloud`;
        // The documentation's example key pair (reference/scloud.md §2.4), not a real one.
        process.env.SCLOUD_PUBLIC_KEY = EXAMPLE_PUBLIC_KEY;
        process.env.SCLOUD_PRIVATE_KEY = EXAMPLE_PRIVATE_KEY;
        process.env.SCLOUD_REGION = "sg";
    });

    const waits: number[] = [];
    const quick = (): CallOptions => {
        waits.length = 0;
        return { policy: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000 }, sleep: async (ms) => void waits.push(ms), timeoutMs: 5000 };
    };
    const failure = async (promise: Promise<unknown>): Promise<Error> => {
        try {
            await promise;
        } catch (error) {
            return error as Error;
        }
        throw new Error("expected the call to fail");
    };

    it("POSTs a signed JSON body that verifies by the documented scheme, and returns the envelope", async () => {
        script = [ok({ SSLId: "ssl-abc" })];
        const out = await callScloud<{ SSLId: string }>("CreateSSL", { SSLName: "web", SSLType: "Pem", UserCert: PEM_CERT, PrivateKey: PEM_KEY }, { idempotent: false }, quick());
        expect(out).to.deep.equal({ Action: "CreateSSLResponse", RetCode: 0, SSLId: "ssl-abc" });
        expect(received).to.have.length(1);
        expect(received[0]).to.deep.include({ method: "POST", contentType: "application/json", signatureValid: true });
        expect(received[0].params).to.deep.include({ Action: "CreateSSL", Region: "sg", PublicKey: EXAMPLE_PUBLIC_KEY, PrivateKey: PEM_KEY, UserCert: PEM_CERT });
    });

    it("retries RetCode 153 (rate limited), even for CreateSSL, signing each attempt afresh", async () => {
        script = [retCode(153, "Rate limit exceeded"), retCode(153, "Rate limit exceeded"), ok({ SSLId: "ssl-new" })];
        const out = await callScloud<{ SSLId: string }>("CreateSSL", { SSLName: "web", UserCert: PEM_CERT, PrivateKey: PEM_KEY }, { idempotent: false }, quick());
        expect(out.SSLId).to.equal("ssl-new");
        expect(received).to.have.length(3);
        expect(received.every((r) => r.signatureValid)).to.equal(true);
        expect(waits).to.have.length(2);
    });

    it("gives up on RetCode 153 after the policy's attempts with a throttled VendorApiError and the hint", async () => {
        script = [retCode(153, "Rate limit exceeded")];
        const err = await failure(callScloud("DescribeSSL", { SSLId: "ssl-1" }, { idempotent: true }, quick()));
        expect(err).to.be.instanceOf(VendorApiError);
        expect((err as VendorApiError).category).to.equal("throttled");
        expect(err.message).to.match(/rate limit was hit repeatedly/);
        expect(received).to.have.length(4);
    });

    it("turns a non-zero RetCode into a VendorApiError with code, message, request id, category and hint", async () => {
        script = [retCode(4108, "SSL证书已被占用，请释放后重试")];
        const err = await failure(callScloud("DeleteSSL", { SSLId: "ssl-bound" }, { idempotent: true }, quick()));
        expect(err).to.be.instanceOf(VendorApiError);
        const e = err as VendorApiError;
        expect(e).to.deep.include({ vendor: "SCloud", action: "DeleteSSL", code: "4108", requestId: "uuid-err", httpStatus: 200, category: "invalid" });
        expect(e.message).to.match(/^SCloud DeleteSSL failed: 4108: SSL证书已被占用，请释放后重试 \(request id uuid-err\) - the certificate is still bound/);
        expect(e.message).to.match(/UnbindSSL.*UpdateSSLBinding/);
        expect(received).to.have.length(1);
    });

    it("refuses a wrong private key with RetCode 171 as auth, naming the keys to check, after one attempt", async () => {
        serverPrivateKey = "a-different-private-key";
        script = [retCode(171, "Signature VerifyAC Error")];
        const err = await failure(callScloud("DescribeSSL", {}, { idempotent: true }, quick()));
        expect(received[0].signatureValid).to.equal(false);
        expect((err as VendorApiError).category).to.equal("auth");
        expect(err.message).to.contain("scloud:publicKey and scloud:privateKey");
        expect(received).to.have.length(1);
    });

    it("classifies a message saying the certificate does not exist as not found, for isScloudNotFound", async () => {
        script = [retCode(4079, "ssl not exist")];
        const err = await failure(callScloud("DescribeSSL", { SSLId: "ssl-gone" }, { idempotent: true }, quick()));
        expect(isScloudNotFound(err)).to.equal(true);
        expect(isScloudNotFound(new VendorApiError({ vendor: "Tencent", action: "x", code: "y", message: "", category: "notFound" }))).to.equal(false);
        expect(isScloudNotFound(new Error("ssl not exist"))).to.equal(false);
    });

    it("reports a 5xx to a write as an unknown outcome after one attempt, never repeating CreateSSL", async () => {
        script = [{ status: 502, body: "<html>Bad Gateway</html>" }, ok({ SSLId: "ssl-dup" })];
        const err = await failure(callScloud("CreateSSL", { SSLName: "web", UserCert: PEM_CERT, PrivateKey: PEM_KEY }, { idempotent: false }, quick()));
        expect(err).to.be.instanceOf(OutcomeUnknownError);
        expect(err.message).to.match(/SCloud CreateSSL: the outcome is unknown \(.*HTTP 502/);
        expect(received).to.have.length(1);
    });

    it("retries a 5xx, and a server-side RetCode, to a read", async () => {
        script = [{ status: 503, body: "<html>busy</html>" }, retCode(150, "Service unavailable"), ok({ DataSet: [], TotalCount: 0 })];
        const out = await callScloud<{ DataSet: unknown[] }>("DescribeSSL", { SSLId: "ssl-1" }, { idempotent: true }, quick());
        expect(out.DataSet).to.deep.equal([]);
        expect(received).to.have.length(3);
    });

    it("reports a server-side RetCode to a write as an unknown outcome", async () => {
        script = [retCode(110, "Timeout")];
        const err = await failure(callScloud("CreateSSL", { SSLName: "web", UserCert: PEM_CERT, PrivateKey: PEM_KEY }, { idempotent: false }, quick()));
        expect(err).to.be.instanceOf(OutcomeUnknownError);
        expect(received).to.have.length(1);
    });

    describe("secrets", () => {
        let logged: string[];
        let restore: () => void;
        beforeEach(() => {
            logged = [];
            process.env.CLOUDCERTS_LOG = "debug";
            const original = process.stderr.write.bind(process.stderr);
            process.stderr.write = ((chunk: string | Uint8Array) => {
                logged.push(String(chunk));
                return true;
            }) as typeof process.stderr.write;
            restore = () => (process.stderr.write = original);
        });
        afterEach(() => restore());

        const keyLines = PEM_KEY.split("\n").filter((l) => l && !l.startsWith("-----"));
        const expectClean = (text: string): void => {
            expect(text).not.to.contain(EXAMPLE_PRIVATE_KEY);
            for (const line of keyLines) expect(text).not.to.contain(line);
            expect(text).not.to.contain("BEGIN RSA PRIVATE KEY");
        };

        it("keeps the account private key and an echoed private key out of errors and debug logs", async () => {
            script = [retCode(4111, `invalid ssl content ${PEM_KEY} signed by ${EXAMPLE_PRIVATE_KEY}`)];
            const err = await failure(callScloud("CreateSSL", { SSLName: "web", UserCert: PEM_CERT, PrivateKey: PEM_KEY }, { idempotent: false }, quick()));
            restore();
            expect(err).to.be.instanceOf(VendorApiError);
            expect(logged.join("")).to.contain("SCloud CreateSSL attempt 1");
            expectClean(err.message);
            expectClean(logged.join(""));
        });

        it("keeps an SSLContent bundle out of errors even when its lines are echoed without the BEGIN line, and without the caller listing it", async () => {
            const bundle = `${PEM_CERT}${PEM_KEY}`;
            script = [retCode(4111, `cannot parse: ${keyLines.join(" ")}`), retCode(153, "slow down")];
            const err = await failure(callScloud("CreateSSL", { SSLName: "web", SSLContent: bundle }, { idempotent: false }, quick()));
            restore();
            expectClean(err.message);
            expectClean(logged.join(""));
        });

        it("keeps secrets out of an unknown-outcome error built from a 5xx", async () => {
            script = [{ status: 500, body: `<html>${PEM_KEY}${EXAMPLE_PRIVATE_KEY}</html>` }];
            const err = await failure(callScloud("CreateSSL", { SSLName: "web", UserCert: PEM_CERT, PrivateKey: PEM_KEY }, { idempotent: false }, quick()));
            restore();
            expect(err).to.be.instanceOf(OutcomeUnknownError);
            expectClean(err.message);
            expectClean(logged.join(""));
        });
    });

    it("fails with a ConfigurationError, sending nothing, when credentials or the region are missing", async () => {
        delete process.env.SCLOUD_REGION;
        const noRegion = await failure(callScloud("DescribeSSL", {}, { idempotent: true }, quick()));
        expect(noRegion).to.be.instanceOf(ConfigurationError);
        expect(noRegion.message).to.match(/scloud:region/);
        delete process.env.SCLOUD_PRIVATE_KEY;
        const noKey = await failure(callScloud("DescribeSSL", { Region: "sg" }, { idempotent: true }, quick()));
        expect(noKey).to.be.instanceOf(ConfigurationError);
        expect(noKey.message).to.match(/scloud:privateKey/);
        expect(received).to.have.length(0);
    });

    it("scopes ids by endpoint and public key", () => {
        const { port } = server.address() as AddressInfo;
        expect(scloudScope()).to.equal(`http://127.0.0.1:${port}/scloud/ ${EXAMPLE_PUBLIC_KEY}`);
    });
});
