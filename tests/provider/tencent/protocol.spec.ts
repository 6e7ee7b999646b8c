import { expect } from "chai";
import { OutcomeUnknownError, VendorApiError } from "../../../provider/core/errors";
import type { CallOptions, HttpReply, HttpRequest, Transport } from "../../../provider/core/http";
import { resetRateLimits } from "../../../provider/core/rateLimit";
import { useStackConfig } from "../../../provider/core/settings";
import { callTencent, isTencentNotFound } from "../../../provider/tencent/client";
import { classifyTencentError } from "../../../provider/tencent/errors";
import { parseTencentReply, tencentProtocol, tencentRateLimit } from "../../../provider/tencent/protocol";

// The official SDK's signer is the oracle (reference/tencent.md §6).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sign = require("tencentcloud-sdk-nodejs-common/tencentcloud/common/sign").default as { sign3(args: Record<string, unknown>): string };

const KEYS = ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_DOMAIN", "CLOUDCERTS_TENCENT_ENDPOINT", "CLOUDCERTS_TIMEOUT_SECONDS"];
const SECRET_ID = "AKIDfakeForTestsOnly0001";
const SECRET_KEY = "fakeSecretKeyForTestsOnly0001";
const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000 };

const reply = (body: string, status = 200, headers: Record<string, string> = {}): HttpReply => ({ status, headers, body });
const tencentError = (code: string, message = "m") => reply(JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: "rid-1" } }));
const tencentOk = (fields: object) => reply(JSON.stringify({ Response: { ...fields, RequestId: "rid-2" } }));

function scripted(script: HttpReply[]): { transport: Transport; sent: HttpRequest[] } {
    const sent: HttpRequest[] = [];
    let i = 0;
    return {
        sent,
        transport: async (request) => {
            sent.push(request);
            return script[Math.min(i++, script.length - 1)];
        },
    };
}

const quiet = (transport: Transport, extra: Partial<CallOptions> = {}): CallOptions => ({ transport, policy: fast, sleep: async () => {}, timeoutMs: 1000, ...extra });

describe("tencent/protocol", () => {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        for (const k of KEYS) {
            saved[k] = process.env[k];
            delete process.env[k];
        }
        process.env.TENCENTCLOUD_SECRET_ID = SECRET_ID;
        process.env.TENCENTCLOUD_SECRET_KEY = SECRET_KEY;
        resetRateLimits();
    });
    afterEach(() => {
        useStackConfig(undefined);
        for (const k of KEYS) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    });

    describe("parseTencentReply", () => {
        it("returns the Response object on success", () => {
            expect(parseTencentReply(tencentOk({ CertificateId: "abc" }))).to.deep.equal({ kind: "success", value: { CertificateId: "abc", RequestId: "rid-2" } });
        });
        it("reads Response.Error at HTTP 200 as a vendor error with its request id", () => {
            expect(parseTencentReply(tencentError("FailedOperation.CertificateNotFound", "gone"))).to.deep.equal({
                kind: "vendorError",
                error: { code: "FailedOperation.CertificateNotFound", message: "gone", requestId: "rid-1" },
            });
            expect(parseTencentReply(reply('{"Response":{"Error":{}}}'))).to.deep.equal({ kind: "vendorError", error: { code: "UnknownError", message: "", requestId: undefined } });
        });
        it("calls anything else malformed, saying what arrived but not quoting it", () => {
            const html = parseTencentReply(reply(`<html>${SECRET_KEY}</html>`, 200, { "content-type": "text/html" }));
            expect(html).to.deep.equal({ kind: "malformed", detail: "the reply is not JSON (HTTP 200, text/html, 42 bytes)" });
            for (const body of ["null", "[]"]) expect(parseTencentReply(reply(body)), body).to.deep.equal({ kind: "malformed", detail: "the reply is not a JSON object (HTTP 200)" });
            for (const body of ["{}", '{"Response":null}', '{"Response":[]}', '{"Response":"x"}']) {
                expect(parseTencentReply(reply(body)), body).to.deep.equal({ kind: "malformed", detail: "the reply has no Response object" });
            }
        });
    });

    describe("classifyTencentError (reference/tencent.md §4)", () => {
        const table: Record<string, string[]> = {
            throttled: ["RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded", "LimitExceeded.RateLimitExceeded"],
            retryable: ["InternalError", "InternalError.BackendResponseEmpty", "FailedOperation.NetworkError", "ServiceUnavailable", "ResourceUnavailable"],
            notFound: ["FailedOperation.CertificateNotFound", "InvalidParameter.InvalidCSRId", "ResourceNotFound"],
            auth: ["AuthFailure.SignatureExpire", "AuthFailure.SecretIdNotFound", "AuthFailure.TokenFailure", "UnauthorizedOperation", "FailedOperation.CAMAuthorizedFail", "FailedOperation.NoProjectPermission", "IpNotInWhitelist"],
            invalid: ["InvalidParameter", "InvalidParameter.MissMatchPrivateKey", "InvalidParameterValue", "MissingParameter", "UnknownParameter", "InvalidAction", "FailedOperation.CertificateParseError", "FailedOperation.CertificateMismatch"],
            fatal: ["FailedOperation.DeleteResourceFailed", "ResourceInUse", "LimitExceeded", "SomethingNew"],
        };
        for (const [category, codes] of Object.entries(table)) {
            it(`${category}: ${codes.join(", ")}`, () => {
                for (const code of codes) expect(classifyTencentError(code), code).to.equal(category);
            });
        }
    });

    it("paces each action at its documented rate: UploadCertificate 20/s, Describe* and CreateCSR 10/s, others 10/s", () => {
        expect(tencentRateLimit("UploadCertificate").perSecond).to.equal(20);
        for (const action of ["DescribeCertificateDetail", "DescribeCertificate", "DescribeCertificates", "DescribeCSR", "DescribeCSRSet", "CreateCSR", "ModifyResourceTags", "DeleteCertificate"]) {
            expect(tencentRateLimit(action).perSecond, action).to.equal(10);
        }
    });

    describe("buildRequest", () => {
        it("signs exactly as the official SDK does, for the host the request goes to", () => {
            process.env.CLOUDCERTS_TENCENT_ENDPOINT = "http://127.0.0.1:4567/tencent";
            const protocol = tencentProtocol("ssl");
            const now = new Date(1700000000 * 1000);
            const request = protocol.buildRequest("DescribeCertificateDetail", { CertificateId: "abc" }, protocol.credentials(), now);
            expect(request.url).to.equal("http://127.0.0.1:4567/tencent/");
            expect(request.body).to.equal('{"CertificateId":"abc"}');
            expect(request.headers).to.include({ "X-TC-Action": "DescribeCertificateDetail", "X-TC-Version": "2019-12-05", "X-TC-Timestamp": "1700000000" });
            const expected = Sign.sign3({
                method: "POST",
                url: "http://127.0.0.1:4567/tencent/",
                payload: Buffer.from('{"CertificateId":"abc"}'),
                timestamp: 1700000000,
                service: "ssl",
                secretId: SECRET_ID,
                secretKey: SECRET_KEY,
                multipart: false,
                boundary: undefined,
                headers: { "Content-Type": "application/json" },
            });
            expect(request.headers.Authorization).to.equal(expected);
            expect(request.headers["X-TC-Token"]).to.equal(undefined);
        });

        it("sends the tag service's version and an STS token", () => {
            process.env.TENCENTCLOUD_SECURITY_TOKEN = "sts-token-for-tests";
            const protocol = tencentProtocol("tag");
            const request = protocol.buildRequest("ModifyResourceTags", {}, protocol.credentials(), new Date(0));
            expect(request.url).to.equal("https://tag.tencentcloudapi.com/");
            expect(request.headers).to.include({ "X-TC-Version": "2018-08-13", "X-TC-Token": "sts-token-for-tests" });
            expect(protocol.secrets(protocol.credentials())).to.deep.equal([SECRET_KEY, "sts-token-for-tests"]);
        });
    });

    describe("callTencent on the shared loop", () => {
        it("reports a malformed 200 to UploadCertificate as an unknown outcome after one attempt", async () => {
            const { transport, sent } = scripted([reply("<html>proxy</html>")]);
            const err = await callTencent("ssl", "UploadCertificate", { CertificatePublicKey: "x" }, { idempotent: false }, quiet(transport)).catch((e: unknown) => e);
            expect(err).to.be.instanceOf(OutcomeUnknownError);
            expect(sent).to.have.length(1);
        });

        it("retries a malformed 200 to a Describe action", async () => {
            const { transport, sent } = scripted([reply("{}"), tencentOk({ CertificateId: "abc" })]);
            const out = await callTencent<{ CertificateId: string }>("ssl", "DescribeCertificateDetail", { CertificateId: "abc" }, { idempotent: true }, quiet(transport));
            expect(out.CertificateId).to.equal("abc");
            expect(sent).to.have.length(2);
        });

        it("retries throttling even for UploadCertificate", async () => {
            const { transport, sent } = scripted([tencentError("RequestLimitExceeded"), tencentOk({ CertificateId: "new" })]);
            const out = await callTencent<{ CertificateId: string }>("ssl", "UploadCertificate", {}, { idempotent: false }, quiet(transport));
            expect(out.CertificateId).to.equal("new");
            expect(sent).to.have.length(2);
        });

        it("gives a not-found error its category, so generic code and isTencentNotFound agree", async () => {
            const { transport } = scripted([tencentError("FailedOperation.CertificateNotFound", "no such certificate")]);
            const err = await callTencent("ssl", "DescribeCertificateDetail", {}, { idempotent: true }, quiet(transport)).catch((e: unknown) => e);
            expect(err).to.be.instanceOf(VendorApiError);
            expect((err as VendorApiError).category).to.equal("notFound");
            expect(isTencentNotFound(err)).to.equal(true);
            expect(isTencentNotFound(new VendorApiError({ vendor: "Huawei", action: "x", code: "y", message: "", category: "notFound" }))).to.equal(false);
        });

        it("gives an auth error its category and hint, without the secret key or an input secret it echoes", async () => {
            const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";
            const { transport, sent } = scripted([tencentError("AuthFailure.SignatureFailure", `bad signature with ${SECRET_KEY} over ${JSON.stringify(pem)}`)]);
            const err = (await callTencent("ssl", "UploadCertificate", {}, { idempotent: false, secrets: [pem] }, quiet(transport)).catch((e: unknown) => e)) as VendorApiError;
            expect(err.category).to.equal("auth");
            expect(err.message).to.contain("check tencentcloud:secretId and tencentcloud:secretKey");
            expect(err.message).not.to.contain(SECRET_KEY);
            expect(err.message).not.to.contain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7");
            expect(sent).to.have.length(1);
        });

        it("paces a 21st UploadCertificate and an 11th DescribeCertificateDetail (documented 20/s and 10/s) through the injected clock", async () => {
            let clockMs = 0;
            const waits: string[] = [];
            // Every reply takes 30 ms.
            const { transport: instant } = scripted([tencentOk({})]);
            const transport: Transport = async (request, timeoutMs) => {
                clockMs += 30;
                return instant(request, timeoutMs);
            };
            const opts = quiet(transport, { clock: () => clockMs, sleep: async (ms) => { waits.push(`${ms}`); clockMs += ms; } });
            for (let i = 0; i < 21; i++) await callTencent("ssl", "UploadCertificate", {}, { idempotent: false }, opts);
            // The 21st waits for a second after the first upload's reply (at 30 ms): until 1030 ms, from 600 ms.
            expect(waits).to.deep.equal(["430"]);
            waits.length = 0;
            for (let i = 0; i < 11; i++) await callTencent("ssl", "DescribeCertificateDetail", {}, { idempotent: true }, opts);
            // The 11th describe: a second after the first one's reply (1090 ms), from 1360 ms.
            expect(waits).to.deep.equal(["730"]);
        });
    });
});
