import { expect } from "chai";
import { OutcomeUnknownError, TransportError, VendorApiError } from "../../../provider/core/errors";
import type { CallOptions, HttpReply, HttpRequest, Transport } from "../../../provider/core/http";
import { callAlibaba, isAlibabaNotFound } from "../../../provider/alibaba/client";
import { alibabaErrorHint, classifyAlibabaError } from "../../../provider/alibaba/errors";
import { alibabaKmsProtocol, alibabaParamStrings, alibabaRateLimit, newSignatureNonce, parseAlibabaReply } from "../../../provider/alibaba/protocol";
import { parseAcs3Authorization } from "../../../provider/alibaba/sign";
import { isolateAlibabaEnv, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET, TEST_SECURITY_TOKEN } from "./env";
import { officialAuthorization } from "./oracle";

const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000 };
const reply = (body: string, status = 200, headers: Record<string, string> = {}): HttpReply => ({ status, headers, body });
const aliError = (status: number, code: string, message = "m") => reply(JSON.stringify({ RequestId: "rid-err", HostId: "kms.cn-hangzhou.aliyuncs.com", Code: code, Message: message }), status);
const aliOk = (fields: object) => reply(JSON.stringify({ ...fields, RequestId: "rid-ok" }));

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

/** Recomputes the signature of a built request with the official SDK, from what would go on the wire. */
function officiallySigned(request: HttpRequest, accessKeyId = TEST_ACCESS_KEY_ID, secret = TEST_ACCESS_KEY_SECRET): string {
    const url = new URL(request.url);
    return officialAuthorization({ method: request.method, pathname: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body: request.body ?? "" }, accessKeyId, secret);
}

const PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakefakefake\n-----END PRIVATE KEY-----\n";
const PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n";

describe("alibaba/protocol", () => {
    isolateAlibabaEnv();
    beforeEach(() => {
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = TEST_ACCESS_KEY_ID;
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = TEST_ACCESS_KEY_SECRET;
        process.env.ALIBABA_CLOUD_REGION_ID = "cn-hangzhou";
    });

    describe("alibabaParamStrings", () => {
        it("sends arrays and objects as JSON, booleans and numbers as text, and leaves out null and undefined", () => {
            expect(
                alibabaParamStrings({
                    KeySpec: "EC_P256",
                    SubjectAlternativeNames: ["a.example.com", "b.example.com"],
                    Tags: [{ TagKey: "k", TagValue: "v" }],
                    ExportablePrivateKey: false,
                    PageSize: 10,
                    Empty: "",
                    Gone: undefined,
                    Null: null,
                }),
            ).to.deep.equal({
                KeySpec: "EC_P256",
                SubjectAlternativeNames: '["a.example.com","b.example.com"]',
                Tags: '[{"TagKey":"k","TagValue":"v"}]',
                ExportablePrivateKey: "false",
                PageSize: "10",
                Empty: "",
            });
        });
    });

    describe("parseAlibabaReply", () => {
        it("returns the reply object on success, also when it says Code OK", () => {
            expect(parseAlibabaReply(aliOk({ CertificateId: "c-1" }))).to.deep.equal({ kind: "success", value: { CertificateId: "c-1", RequestId: "rid-ok" } });
            expect(parseAlibabaReply(reply('{"Code":"200","RequestId":"r"}'))).to.deep.equal({ kind: "success", value: { Code: "200", RequestId: "r" } });
        });
        it("reads {Code, Message, RequestId} as a vendor error, at any status", () => {
            expect(parseAlibabaReply(aliError(404, "Certificate.NotFound", "The specified certificate is not found."))).to.deep.equal({
                kind: "vendorError",
                error: { code: "Certificate.NotFound", message: "The specified certificate is not found.", requestId: "rid-err" },
            });
            expect(parseAlibabaReply(reply('{"Code":"Forbidden.RAM","RequestId":"r"}', 200))).to.deep.equal({ kind: "vendorError", error: { code: "Forbidden.RAM", message: "", requestId: "r" } });
            expect(parseAlibabaReply(reply('{"HttpStatus":429,"Code":"Rejected.Throttling","Message":"QPS Limit Exceeded"}', 429))).to.deep.equal({
                kind: "vendorError",
                error: { code: "Rejected.Throttling", message: "QPS Limit Exceeded", requestId: undefined },
            });
        });
        it("calls anything else malformed, saying what arrived but not quoting it", () => {
            expect(parseAlibabaReply(reply(`<Error>${TEST_ACCESS_KEY_SECRET}</Error>`, 400, { "content-type": "text/xml" }))).to.deep.equal({
                kind: "malformed",
                detail: "the reply is not JSON (HTTP 400, text/xml, 48 bytes)",
            });
            for (const body of ["null", "[]", '"x"', "3"]) expect(parseAlibabaReply(reply(body)), body).to.deep.equal({ kind: "malformed", detail: "the reply is not a JSON object (HTTP 200)" });
            expect(parseAlibabaReply(reply('{"Message":"oops"}', 502))).to.deep.equal({ kind: "malformed", detail: "an error reply without a Code" });
        });
    });

    describe("classifyAlibabaError (reference/alibaba-kms.md §3)", () => {
        const table: Record<string, Array<[string, number]>> = {
            notFound: [["Certificate.NotFound", 404], ["EntityNotExist.Key", 404], ["EntityNotExist", 400]],
            throttled: [["Rejected.Throttling", 429], ["Throttling", 400], ["Throttling.User", 400], ["Throttling.Api", 503], ["SomethingNew", 429]],
            retryable: [["InternalFailure", 500], ["InternalError", 500], ["ServiceUnavailable", 503], ["ServiceUnavailable.Temporary", 503], ["SomethingNew", 500], ["SomethingNew", 504]],
            auth: [
                ["InvalidAccessKeyId.NotFound", 404],
                ["InvalidAccessKeyId.Inactive", 400],
                ["SignatureDoesNotMatch", 400],
                ["IncompleteSignature", 400],
                ["SignatureNonceUsed", 400],
                ["InvalidTimeStamp.Expired", 400],
                ["InvalidSecurityToken.Expired", 400],
                ["Forbidden.RAM", 403],
            ],
            invalid: [["InvalidParameter", 400], ["MissingParameter", 400], ["InvalidParameter.KeySpec", 400], ["InvalidAction.NotFound", 404], ["UnsupportedOperation", 400]],
            fatal: [["Rejected.LimitExceeded", 400], ["SomethingNew", 400], ["SomethingNew", 404], ["Forbidden.KeyNotFound", 404]],
        };
        for (const [category, cases] of Object.entries(table)) {
            it(`${category}: ${cases.map(([c, s]) => `${c}@${s}`).join(", ")}`, () => {
                for (const [code, status] of cases) expect(classifyAlibabaError(code, status), `${code}@${status}`).to.equal(category);
            });
        }

        it("gives hints for clock skew, nonce reuse, key typos, tokens and permissions", () => {
            expect(alibabaErrorHint("InvalidTimeStamp.Expired")).to.match(/clock/);
            expect(alibabaErrorHint("SignatureNonceUsed")).to.match(/nonce/);
            expect(alibabaErrorHint("SignatureDoesNotMatch")).to.match(/typos/).and.to.contain("alicloud:secretKey");
            expect(alibabaErrorHint("InvalidAccessKeyId.NotFound")).to.match(/typos/).and.to.contain("ALIBABA_CLOUD_ACCESS_KEY_ID");
            expect(alibabaErrorHint("InvalidSecurityToken.Expired")).to.contain("alicloud:securityToken");
            expect(alibabaErrorHint("Forbidden.RAM")).to.contain("AliyunKMSFullAccess");
            expect(alibabaErrorHint("Rejected.Throttling")).to.match(/rate limit/);
            expect(alibabaErrorHint("Certificate.NotFound")).to.equal(undefined);
            expect(alibabaErrorHint("Forbidden.KeyNotFound")).to.equal(undefined);
        });
    });

    it("paces every certificate action at the conservative 10/s (no certificate rate is published)", () => {
        for (const action of ["CreateCertificate", "UploadCertificate", "DescribeCertificate", "GetCertificate", "UpdateCertificateStatus", "DeleteCertificate", "TagResource", "UntagResource"]) {
            expect(alibabaRateLimit(action).perSecond, action).to.equal(10);
        }
    });

    describe("buildRequest", () => {
        it("POSTs a form body to the regional root, signed exactly as the official SDK signs it", () => {
            const protocol = alibabaKmsProtocol({ nonce: () => "0123456789abcdef0123456789abcdef" });
            const now = new Date("2024-05-06T07:08:09.123Z");
            const request = protocol.buildRequest("UploadCertificate", { CertificateId: "c-1", Certificate: PEM_CERT }, protocol.credentials(), now);
            expect(request.method).to.equal("POST");
            expect(request.url).to.equal("https://kms.cn-hangzhou.aliyuncs.com/");
            expect(new URLSearchParams(request.body).get("Certificate")).to.equal(PEM_CERT);
            expect(request.headers).to.include({
                host: "kms.cn-hangzhou.aliyuncs.com",
                "content-type": "application/x-www-form-urlencoded",
                "x-acs-action": "UploadCertificate",
                "x-acs-version": "2016-01-20",
                "x-acs-date": "2024-05-06T07:08:09Z",
                "x-acs-signature-nonce": "0123456789abcdef0123456789abcdef",
            });
            expect(request.headers["x-acs-security-token"]).to.equal(undefined);
            expect(request.headers.authorization).to.equal(officiallySigned(request));
            expect(parseAcs3Authorization(request.headers.authorization)?.accessKeyId).to.equal(TEST_ACCESS_KEY_ID);
        });

        it("behind an endpoint override, is sent to and signed for that host, port and path", () => {
            process.env.CLOUDCERTS_ALIBABA_ENDPOINT = "http://127.0.0.1:4567/alibaba";
            const protocol = alibabaKmsProtocol();
            const request = protocol.buildRequest("DescribeCertificate", { CertificateId: "c-1" }, protocol.credentials(), new Date());
            expect(request.url).to.equal("http://127.0.0.1:4567/alibaba/");
            expect(request.headers.host).to.equal("127.0.0.1:4567");
            expect(request.headers.authorization).to.equal(officiallySigned(request));
            // The same request signed for the public host would not verify at the override.
            const forPublicHost = officiallySigned({ ...request, url: "https://kms.cn-hangzhou.aliyuncs.com/", headers: { ...request.headers, host: "kms.cn-hangzhou.aliyuncs.com" } });
            expect(forPublicHost).not.to.equal(request.headers.authorization);
        });

        it("carries an STS token in signed headers, and lists it among the secrets", () => {
            process.env.ALIBABA_CLOUD_SECURITY_TOKEN = TEST_SECURITY_TOKEN;
            const protocol = alibabaKmsProtocol();
            const credentials = protocol.credentials();
            const request = protocol.buildRequest("DescribeCertificate", { CertificateId: "c-1" }, credentials, new Date());
            expect(request.headers).to.include({ "x-acs-security-token": TEST_SECURITY_TOKEN, "x-acs-accesskey-id": TEST_ACCESS_KEY_ID });
            expect(parseAcs3Authorization(request.headers.authorization)?.signedHeaders).to.include("x-acs-security-token");
            expect(request.headers.authorization).to.equal(officiallySigned(request));
            expect(protocol.secrets(credentials)).to.deep.equal([TEST_ACCESS_KEY_SECRET, TEST_SECURITY_TOKEN]);
        });

        it("draws a new nonce for every request it builds", () => {
            const protocol = alibabaKmsProtocol();
            const credentials = protocol.credentials();
            const nonces = new Set(Array.from({ length: 50 }, () => protocol.buildRequest("DescribeCertificate", {}, credentials, new Date(0)).headers["x-acs-signature-nonce"]));
            expect(nonces.size).to.equal(50);
            expect(newSignatureNonce()).to.match(/^[0-9a-f]{32}$/);
        });
    });

    describe("callAlibaba on the shared loop", () => {
        it("reports a 5xx to a write as an unknown outcome after one attempt", async () => {
            const { transport, sent } = scripted([aliError(500, "InternalFailure")]);
            const err = await callAlibaba("CreateCertificate", { KeySpec: "EC_P256" }, { idempotent: false }, quiet(transport)).catch((e: unknown) => e);
            expect(err).to.be.instanceOf(OutcomeUnknownError);
            expect(sent).to.have.length(1);
        });

        it("retries a 5xx and a malformed 200 to a read", async () => {
            const { transport, sent } = scripted([aliError(503, "ServiceUnavailable"), reply("<html>proxy</html>"), aliOk({ CertificateId: "c-1" })]);
            const out = await callAlibaba<{ CertificateId: string }>("DescribeCertificate", { CertificateId: "c-1" }, { idempotent: true }, quiet(transport));
            expect(out).to.deep.equal({ CertificateId: "c-1", RequestId: "rid-ok" });
            expect(sent).to.have.length(3);
        });

        it("retries throttling even for a write, re-signing each attempt with a new nonce", async () => {
            const { transport, sent } = scripted([aliError(429, "Rejected.Throttling", "QPS Limit Exceeded"), aliError(400, "Throttling.User"), aliOk({ CertificateId: "new" })]);
            const out = await callAlibaba<{ CertificateId: string }>("CreateCertificate", {}, { idempotent: false }, quiet(transport));
            expect(out.CertificateId).to.equal("new");
            expect(sent).to.have.length(3);
            expect(new Set(sent.map((r) => r.headers["x-acs-signature-nonce"])).size).to.equal(3);
            for (const request of sent) expect(request.headers.authorization).to.equal(officiallySigned(request));
        });

        it("gives a not-found error its category, so generic code and isAlibabaNotFound agree", async () => {
            const { transport } = scripted([aliError(404, "Certificate.NotFound", "The specified certificate is not found.")]);
            const err = await callAlibaba("DescribeCertificate", { CertificateId: "gone" }, { idempotent: true }, quiet(transport)).catch((e: unknown) => e);
            expect(err).to.be.instanceOf(VendorApiError);
            expect((err as VendorApiError).category).to.equal("notFound");
            expect((err as Error).message).to.equal("Alibaba DescribeCertificate failed: Certificate.NotFound: The specified certificate is not found. (request id rid-err)");
            expect(isAlibabaNotFound(err)).to.equal(true);
            expect(isAlibabaNotFound(new VendorApiError({ vendor: "Tencent", action: "x", code: "y", message: "", category: "notFound" }))).to.equal(false);
        });

        it("does not take a bad AccessKey ID (also HTTP 404) for a missing certificate", async () => {
            const { transport } = scripted([aliError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")]);
            const err = (await callAlibaba("DeleteCertificate", {}, { idempotent: true }, quiet(transport)).catch((e: unknown) => e)) as VendorApiError;
            expect(err.category).to.equal("auth");
            expect(isAlibabaNotFound(err)).to.equal(false);
            expect(err.message).to.contain("alicloud:accessKey");
        });

        it("keeps the secret, the token and PEM inputs out of errors, even when the reply echoes them", async () => {
            process.env.ALIBABA_CLOUD_SECURITY_TOKEN = TEST_SECURITY_TOKEN;
            const echo = `bad signature over ${TEST_ACCESS_KEY_SECRET} ${TEST_SECURITY_TOKEN} ${JSON.stringify(PEM_KEY)} ${encodeURIComponent(PEM_CERT)}`;
            const { transport } = scripted([aliError(400, "SignatureDoesNotMatch", echo)]);
            const err = (await callAlibaba("UploadCertificate", { Certificate: PEM_CERT }, { idempotent: false, secrets: [PEM_KEY, PEM_CERT] }, quiet(transport)).catch((e: unknown) => e)) as VendorApiError;
            expect(err.category).to.equal("auth");
            for (const secret of [TEST_ACCESS_KEY_SECRET, TEST_SECURITY_TOKEN, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakefakefake", "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ"]) {
                expect(err.message).not.to.contain(secret);
                expect(err.vendorMessage).not.to.contain(secret);
            }
        });

        it("reports an HTML 502 without a Code by status, retried for reads", async () => {
            const { transport, sent } = scripted([reply("<html>bad gateway</html>", 502)]);
            const err = await callAlibaba("GetCertificate", {}, { idempotent: true }, quiet(transport)).catch((e: unknown) => e);
            expect(err).to.be.instanceOf(TransportError);
            expect(sent).to.have.length(fast.maxAttempts);
        });
    });
});
