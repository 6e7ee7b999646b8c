import { expect } from "chai";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OutcomeUnknownError, VendorApiError } from "../../../provider/core/errors";
import { callAlibaba, isAlibabaNotFound, type AlibabaTransportOptions } from "../../../provider/alibaba/client";
import { parseAcs3Authorization } from "../../../provider/alibaba/sign";
import { isolateAlibabaEnv, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET, TEST_SECURITY_TOKEN } from "./env";
import { officialAuthorization } from "./oracle";

interface Received {
    readonly action: string;
    readonly nonce: string;
    readonly host: string;
    readonly path: string;
    readonly params: Record<string, string>;
    readonly headers: IncomingHttpHeaders;
}
type Answer = { status: number; body: object | string; headers?: Record<string, string> };
type Handler = (request: Received) => Answer;

const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * A stand-in for KMS on loopback that checks every request the way KMS does, with the official
 * SDK's signer as the judge: the Authorization is recomputed from what was received (method, path,
 * Host with its port, every header, the body bytes), nonces may not repeat, and x-acs-date must be
 * within 15 minutes.
 */
class FakeKms {
    readonly received: Received[] = [];
    private readonly seenNonces = new Set<string>();
    private server?: Server;
    handler: Handler = () => ({ status: 200, body: { RequestId: "rid-ok" } });

    async start(): Promise<string> {
        this.server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", () => {
                const body = Buffer.concat(chunks).toString("utf8");
                const answer = this.answer(req.method ?? "", req.url ?? "/", req.headers, body);
                res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
                res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
            });
        });
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alibaba`;
    }

    async stop(): Promise<void> {
        await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    }

    private answer(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: string): Answer {
        const fail = (status: number, Code: string, Message: string): Answer => ({ status, body: { RequestId: "rid-auth", Code, Message } });
        const one = (name: string): string => String(headers[name] ?? "");
        const url = new URL(rawUrl, "http://placeholder");
        const auth = parseAcs3Authorization(one("authorization"));
        if (!auth) return fail(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
        if (auth.accessKeyId !== TEST_ACCESS_KEY_ID) return fail(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        const asSent: Record<string, string> = {};
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) asSent[name] = Array.isArray(value) ? value.join(",") : value;
        const expected = officialAuthorization({ method, pathname: url.pathname, query: Object.fromEntries(url.searchParams), headers: asSent, body }, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET);
        if (expected !== one("authorization")) return fail(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation.");
        const nonce = one("x-acs-signature-nonce");
        if (this.seenNonces.has(nonce)) return fail(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        this.seenNonces.add(nonce);
        if (Math.abs(Date.parse(one("x-acs-date")) - Date.now()) > MAX_SKEW_MS) return fail(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        const received: Received = { action: one("x-acs-action"), nonce, host: one("host"), path: url.pathname, params: Object.fromEntries(new URLSearchParams(body)), headers };
        this.received.push(received);
        return this.handler(received);
    }
}

const PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakefakefake\nAAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH\n-----END PRIVATE KEY-----\n";
const PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\nRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n-----END CERTIFICATE-----\n";
const fast: AlibabaTransportOptions = { policy: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000 }, timeoutMs: 5000 };

describe("alibaba/client: callAlibaba against a local server", () => {
    isolateAlibabaEnv();
    const kms = new FakeKms();
    let endpoint: string;
    before(async () => {
        endpoint = await kms.start();
    });
    after(() => kms.stop());
    beforeEach(() => {
        kms.received.length = 0;
        kms.handler = () => ({ status: 200, body: { RequestId: "rid-ok" } });
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = TEST_ACCESS_KEY_ID;
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = TEST_ACCESS_KEY_SECRET;
        process.env.CLOUDCERTS_ALIBABA_ENDPOINT = endpoint;
    });

    it("is signed for the overridden host, port and path, and the parameters arrive intact", async () => {
        kms.handler = (r) => ({ status: 200, body: { RequestId: "rid-1", CertificateId: "c-1", Arn: `acs:kms:cn-hangzhou:123:certificate/c-1`, Csr: "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n", Echo: r.params } });
        const out = await callAlibaba<{ CertificateId: string; Echo: Record<string, string> }>(
            "CreateCertificate",
            { KeySpec: "EC_P256", Subject: "CN=例子,OU=kms,O=O'Neil & Co,C=CN", SubjectAlternativeNames: ["a.example.com", "*.b.example.com"], ExportablePrivateKey: false },
            { idempotent: false },
            fast,
        );
        expect(out.CertificateId).to.equal("c-1");
        expect(out.RequestId).to.equal("rid-1");
        expect(out.Echo).to.deep.equal({ KeySpec: "EC_P256", Subject: "CN=例子,OU=kms,O=O'Neil & Co,C=CN", SubjectAlternativeNames: '["a.example.com","*.b.example.com"]', ExportablePrivateKey: "false" });
        const [r] = kms.received;
        expect(r.host).to.equal(new URL(endpoint).host);
        expect(r.path).to.equal("/alibaba/");
        expect(r.headers).to.include({ "x-acs-version": "2016-01-20", "content-type": "application/x-www-form-urlencoded" });
    });

    it("maps Certificate.NotFound to notFound", async () => {
        kms.handler = () => ({ status: 404, body: { RequestId: "rid-404", HostId: "kms.cn-hangzhou.aliyuncs.com", Code: "Certificate.NotFound", Message: "The specified certificate is not found." } });
        const err = await callAlibaba("DescribeCertificate", { CertificateId: "gone" }, { idempotent: true }, fast).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(VendorApiError);
        expect((err as VendorApiError).category).to.equal("notFound");
        expect(isAlibabaNotFound(err)).to.equal(true);
        expect((err as Error).message).to.contain("request id rid-404");
        expect(kms.received).to.have.length(1);
    });

    it("retries Rejected.Throttling, signing each attempt afresh with a new nonce", async () => {
        let calls = 0;
        kms.handler = () => (++calls <= 2 ? { status: 429, body: { HttpStatus: 429, RequestId: `rid-t${calls}`, Code: "Rejected.Throttling", Message: "QPS Limit Exceeded" } } : { status: 200, body: { RequestId: "rid-ok" } });
        const waits: number[] = [];
        await callAlibaba("UploadCertificate", { CertificateId: "c-1", Certificate: PEM_CERT }, { idempotent: false, secrets: [PEM_CERT] }, { ...fast, sleep: async (ms) => { waits.push(ms); } });
        expect(kms.received.map((r) => r.action)).to.deep.equal(["UploadCertificate", "UploadCertificate", "UploadCertificate"]);
        expect(new Set(kms.received.map((r) => r.nonce)).size).to.equal(3);
        expect(waits).to.have.length(2);
        expect(kms.received[2].params.Certificate).to.equal(PEM_CERT);
    });

    it("reports a 5xx to a write as OutcomeUnknownError, without repeating it", async () => {
        kms.handler = () => ({ status: 503, body: { RequestId: "rid-503", Code: "ServiceUnavailable", Message: "The request has failed due to a temporary failure of the server." } });
        const err = await callAlibaba("CreateCertificate", { KeySpec: "RSA_2048", Subject: "CN=a,OU=b,O=c,C=CN" }, { idempotent: false }, fast).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(OutcomeUnknownError);
        expect(kms.received).to.have.length(1);
    });

    it("retries a 5xx to a read until it passes", async () => {
        let calls = 0;
        kms.handler = () => (++calls === 1 ? { status: 500, body: { RequestId: "rid-500", Code: "InternalFailure", Message: "x" } } : { status: 200, body: { RequestId: "rid-ok", Status: "ACTIVE" } });
        const out = await callAlibaba<{ Status: string }>("DescribeCertificate", { CertificateId: "c-1" }, { idempotent: true }, fast);
        expect(out.Status).to.equal("ACTIVE");
        expect(kms.received).to.have.length(2);
    });

    it("is refused by the server with a wrong secret, with a hint and without the secret", async () => {
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "aWrongSecretForTestsOnly";
        const err = (await callAlibaba("DescribeCertificate", {}, { idempotent: true }, fast).catch((e: unknown) => e)) as VendorApiError;
        expect(err.code).to.equal("SignatureDoesNotMatch");
        expect(err.category).to.equal("auth");
        expect(err.message).to.contain("alicloud:secretKey").and.not.to.contain("aWrongSecretForTestsOnly");
    });

    it("points at clock skew when the date is refused", async () => {
        const err = (await callAlibaba("DescribeCertificate", {}, { idempotent: true }, { ...fast, now: () => new Date(Date.now() - 20 * 60 * 1000) }).catch((e: unknown) => e)) as VendorApiError;
        expect(err.code).to.equal("InvalidTimeStamp.Expired");
        expect(err.message).to.match(/clock/);
    });

    it("keeps the secret, the STS token and PEM bodies out of errors and debug logs, even when echoed back", async () => {
        process.env.ALIBABA_CLOUD_SECURITY_TOKEN = TEST_SECURITY_TOKEN;
        process.env.CLOUDCERTS_LOG = "debug";
        kms.handler = (r) => ({
            status: 400,
            body: { RequestId: "rid-400", Code: "InvalidParameter", Message: `bad Certificate ${r.params.Certificate} key ${JSON.stringify(PEM_KEY)} token ${r.headers["x-acs-security-token"]} secret ${TEST_ACCESS_KEY_SECRET}` },
        });
        const logged: string[] = [];
        const write = process.stderr.write.bind(process.stderr);
        process.stderr.write = ((chunk: string | Uint8Array) => {
            logged.push(String(chunk));
            return true;
        }) as typeof process.stderr.write;
        let err: Error;
        try {
            err = (await callAlibaba("UploadCertificate", { CertificateId: "c-1", Certificate: PEM_CERT }, { idempotent: false, secrets: [PEM_CERT, PEM_KEY] }, fast).catch((e: unknown) => e)) as Error;
        } finally {
            process.stderr.write = write;
        }
        expect(kms.received[0].headers["x-acs-security-token"]).to.equal(TEST_SECURITY_TOKEN);
        expect(err).to.be.instanceOf(VendorApiError);
        expect(logged.join("")).to.contain("Alibaba UploadCertificate attempt 1: HTTP 400");
        const leaks = [TEST_ACCESS_KEY_SECRET, TEST_SECURITY_TOKEN, "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ", "AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakefakefake"];
        for (const text of [err.message, logged.join("")]) for (const leak of leaks) expect(text).not.to.contain(leak);
    });
});
