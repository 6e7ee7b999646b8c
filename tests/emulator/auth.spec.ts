import { expect } from "chai";
import { signTc3 } from "../../provider/tencent/sign";
import type { Emulator } from "../../emulator";
import { send, signedRequest, startTestEmulator, tcError, tcOk, type TestClock } from "./support";

function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("emulator/tencent: request verification (TC3-HMAC-SHA256 and the API 3.0 gateway)", () => {
    let emulator: Emulator;
    let clock: TestClock;

    before(async () => {
        ({ emulator, clock } = await startTestEmulator({ credentials: { tencent: { token: "sts-token-1" } } }));
    });
    after(() => emulator.close());

    it("answers a correctly signed call with the success envelope and a fresh RequestId", async () => {
        const first = await tcOk(emulator, clock, "DescribeCertificates");
        const second = await tcOk(emulator, clock, "DescribeCertificates");
        expect(first).to.include({ TotalCount: 0 });
        expect(first.RequestId).to.match(UUID);
        expect(second.RequestId).to.match(UUID).and.not.equal(first.RequestId);
    });

    it("accepts both /tencent and /tencent/, signed with the path actually used", async () => {
        expect(await tcError(emulator, clock, "DescribeCertificates", {}, { path: "" })).to.equal("");
        expect(await tcError(emulator, clock, "DescribeCertificates", {}, { path: "/" })).to.equal("");
    });

    it("answers errors with HTTP 200 and the error envelope", async () => {
        const response = await send(signedRequest(emulator, clock, "DescribeCertificates", {}, { secretKey: "wrong" }));
        expect(response.status).to.equal(200);
        const body = (await response.json()) as { Response: { Error: { Code: string; Message: string }; RequestId: string } };
        expect(body.Response.Error.Code).to.equal("AuthFailure.SignatureFailure");
        expect(body.Response.Error.Message).to.be.a("string").and.not.equal("");
        expect(body.Response.RequestId).to.match(UUID);
    });

    describe("signature failures", () => {
        it("wrong secret key → AuthFailure.SignatureFailure", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { secretKey: "not-the-key" })).to.equal("AuthFailure.SignatureFailure");
        });

        it("body changed after signing → AuthFailure.SignatureFailure", async () => {
            const code = await tcError(emulator, clock, "DescribeCertificates", { Limit: 1 }, { tamper: (r) => ({ ...r, body: JSON.stringify({ Limit: 2 }) }) });
            expect(code).to.equal("AuthFailure.SignatureFailure");
        });

        it("a signed header changed after signing → AuthFailure.SignatureFailure", async () => {
            const code = await tcError(emulator, clock, "DescribeCertificates", {}, {
                contentType: "application/json; charset=utf-8",
                tamper: (r) => ({ ...r, headers: { ...r.headers, "content-type": "application/json" } }),
            });
            expect(code).to.equal("AuthFailure.SignatureFailure");
        });

        it("signed for another host → AuthFailure.SignatureFailure", async () => {
            const body = "{}";
            const signed = signTc3(
                { method: "POST", host: "ssl.tencentcloudapi.com", path: "/tencent/", query: "", headers: { "content-type": "application/json" }, body },
                emulator.credentials.tencent,
                { service: "ssl", now: clock.now() },
            );
            const response = await send({
                url: `${emulator.endpoints.tencent}/`,
                method: "POST",
                body,
                headers: {
                    "content-type": "application/json",
                    "x-tc-action": "DescribeCertificates",
                    "x-tc-version": "2019-12-05",
                    "x-tc-timestamp": String(signed.timestamp),
                    authorization: signed.authorization,
                },
            });
            expect(((await response.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).to.equal("AuthFailure.SignatureFailure");
        });

        it("accepts extra signed headers such as x-tc-action", async () => {
            const body = "{}";
            const url = new URL(`${emulator.endpoints.tencent}/`);
            const signed = signTc3(
                { method: "POST", host: url.hostname, path: url.pathname, query: "", headers: { "content-type": "application/json", "x-tc-action": "DescribeCertificates" }, body },
                emulator.credentials.tencent,
                { service: "ssl", now: clock.now() },
            );
            expect(signed.signedHeaders).to.equal("content-type;host;x-tc-action");
            const response = await send({
                url: url.toString(),
                method: "POST",
                body,
                headers: {
                    "content-type": "application/json",
                    "x-tc-action": "DescribeCertificates",
                    "x-tc-version": "2019-12-05",
                    "x-tc-timestamp": String(signed.timestamp),
                    authorization: signed.authorization,
                },
            });
            expect(((await response.json()) as { Response: Record<string, unknown> }).Response).to.not.have.property("Error");
        });

        it("timestamp more than 300 s in the past or future → AuthFailure.SignatureExpire; within 300 s is accepted", async () => {
            const at = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000);
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { signAt: at(-301) })).to.equal("AuthFailure.SignatureExpire");
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { signAt: at(301) })).to.equal("AuthFailure.SignatureExpire");
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { signAt: at(-300) })).to.equal("");
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { signAt: at(299) })).to.equal("");
        });

        it("follows the injected clock, not the machine's", async () => {
            const saved = clock.current;
            try {
                clock.set(new Date("2031-07-01T00:00:00Z"));
                const signedNow = new Date();
                expect(await tcError(emulator, clock, "DescribeCertificates", {}, { signAt: signedNow })).to.equal("AuthFailure.SignatureExpire");
                expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("");
            } finally {
                clock.set(saved);
            }
        });

        it("scope date that is not the UTC day of X-TC-Timestamp → AuthFailure.SignatureFailure", async () => {
            const saved = clock.current;
            try {
                // 23:30 UTC is already the next day in UTC+8: a client using local time would sign the wrong date.
                clock.set(new Date("2026-03-01T23:30:00Z"));
                const code = await tcError(emulator, clock, "DescribeCertificates", {}, {
                    tamper: (r) => ({ ...r, headers: { ...r.headers, authorization: r.headers.authorization.replace("/2026-03-01/", "/2026-03-02/") } }),
                });
                expect(code).to.equal("AuthFailure.SignatureFailure");
                expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("");
            } finally {
                clock.set(saved);
            }
        });

        it("unknown SecretId → AuthFailure.SecretIdNotFound", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { secretId: "AKIDUNKNOWN" })).to.equal("AuthFailure.SecretIdNotFound");
        });

        it("missing or garbled Authorization → AuthFailure.InvalidAuthorization", async () => {
            const missing = await tcError(emulator, clock, "DescribeCertificates", {}, { tamper: (r) => ({ ...r, headers: withoutHeader(r.headers, "authorization") }) });
            expect(missing).to.equal("AuthFailure.InvalidAuthorization");
            const garbled = await tcError(emulator, clock, "DescribeCertificates", {}, { tamper: (r) => ({ ...r, headers: { ...r.headers, authorization: "Bearer abc" } }) });
            expect(garbled).to.equal("AuthFailure.InvalidAuthorization");
        });

        it("missing X-TC-Timestamp → MissingParameter", async () => {
            const code = await tcError(emulator, clock, "DescribeCertificates", {}, { tamper: (r) => ({ ...r, headers: withoutHeader(r.headers, "x-tc-timestamp") }) });
            expect(code).to.equal("MissingParameter");
        });
    });

    describe("STS token", () => {
        it("accepts the configured X-TC-Token, and requests without one", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { token: "sts-token-1" })).to.equal("");
            expect(await tcError(emulator, clock, "DescribeCertificates")).to.equal("");
        });
        it("refuses any other token → AuthFailure.TokenFailure", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { token: "stolen" })).to.equal("AuthFailure.TokenFailure");
        });
    });

    describe("gateway checks after the signature", () => {
        it("unknown action → InvalidAction", async () => {
            expect(await tcError(emulator, clock, "DescribeEverything")).to.equal("InvalidAction");
            // An SSL action is not a Tag action: the credential scope chooses the product.
            expect(await tcError(emulator, clock, "UploadCertificate", {}, { service: "tag" })).to.equal("InvalidAction");
        });
        it("wrong version → NoSuchVersion", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificates", {}, { version: "2018-08-13" })).to.equal("NoSuchVersion");
        });
        it("a product the emulator does not serve → NoSuchProduct", async () => {
            expect(await tcError(emulator, clock, "DescribeInstances", {}, { service: "cvm", version: "2017-03-12" })).to.equal("NoSuchProduct");
        });
        it("unknown parameter → UnknownParameter (catches Remarks/Remark style typos)", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificateDetail", { CertificateId: "x", Extra: 1 })).to.equal("UnknownParameter");
        });
        it("missing required parameter → MissingParameter", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificateDetail", {})).to.equal("MissingParameter");
        });
        it("wrong JSON type → InvalidParameter", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificateDetail", { CertificateId: 12 })).to.equal("InvalidParameter");
            expect(await tcError(emulator, clock, "DescribeCertificates", { Limit: "10" })).to.equal("InvalidParameter");
        });
        it("null parameters count as absent (the SDKs strip them)", async () => {
            expect(await tcError(emulator, clock, "DescribeCertificates", { Limit: null, SearchKey: null })).to.equal("");
        });
        it("a body that is not JSON → InvalidParameter", async () => {
            const raw = signedRequest(emulator, clock, "DescribeCertificates", {});
            // Re-sign a non-JSON body so that only the JSON check can fail.
            const url = new URL(raw.url);
            const body = "not json";
            const signed = signTc3({ method: "POST", host: url.hostname, path: url.pathname, query: "", headers: { "content-type": "application/json" }, body }, emulator.credentials.tencent, {
                service: "ssl",
                now: clock.now(),
            });
            const response = await send({ ...raw, body, headers: { ...raw.headers, authorization: signed.authorization } });
            expect(((await response.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).to.equal("InvalidParameter");
        });
        it("non-POST requests → UnsupportedProtocol", async () => {
            const response = await fetch(`${emulator.endpoints.tencent}/`, { method: "GET" });
            expect(response.status).to.equal(200);
            expect(((await response.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).to.equal("UnsupportedProtocol");
        });
        it("paths below /tencent/ are not an API → HTTP 404", async () => {
            const response = await send(signedRequest(emulator, clock, "DescribeCertificates", {}, { path: "/v2/other" }));
            expect(response.status).to.equal(404);
        });
    });
});
