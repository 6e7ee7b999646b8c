import { expect } from "chai";
import { createHash } from "node:crypto";
import { ConfigurationError } from "../../../provider/core/errors";
import type { HttpReply } from "../../../provider/core/http";
import { useStackConfig } from "../../../provider/core/settings";
import { classifyScloudError, isScloudInUse, scloudErrorHint } from "../../../provider/scloud/errors";
import { parseScloudReply, scloudParamSecrets, scloudProtocol, scloudRateLimit, scloudRequestParams } from "../../../provider/scloud/protocol";
import { isolateScloudEnvironment } from "./env";
import { EXAMPLE_PRIVATE_KEY, EXAMPLE_PUBLIC_KEY } from "./sign.fixture";

const reply = (body: string, status = 200, headers: Record<string, string> = {}): HttpReply => ({ status, headers, body });

/** The signature recomputed from the scheme as documented (scloud.md §2.1), without the provider's signer. */
function documentedSignature(received: Record<string, unknown>, privateKey: string): string {
    const text = Object.keys(received)
        .filter((k) => k !== "Signature")
        .sort()
        .map((k) => `${k}${String(received[k])}`)
        .join("");
    return createHash("sha1").update(text + privateKey).digest("hex");
}

describe("scloud/protocol", () => {
    isolateScloudEnvironment();
    beforeEach(() => {
        // The documentation's example key pair (reference/scloud.md §2.4), not a real one.
        process.env.SCLOUD_PUBLIC_KEY = EXAMPLE_PUBLIC_KEY;
        process.env.SCLOUD_PRIVATE_KEY = EXAMPLE_PRIVATE_KEY;
    });

    describe("parseScloudReply", () => {
        it("returns the whole envelope when RetCode is 0", () => {
            expect(parseScloudReply(reply('{"Action":"CreateSSLResponse","RetCode":0,"SSLId":"ssl-1"}'))).to.deep.equal({
                kind: "success",
                value: { Action: "CreateSSLResponse", RetCode: 0, SSLId: "ssl-1" },
            });
        });
        it("reads a non-zero RetCode at HTTP 200 as a vendor error, with the request id header", () => {
            const parsed = parseScloudReply(reply('{"Action":"DeleteSSLResponse","RetCode":4108,"Message":"SSL in use"}', 200, { "x-ucloud-request-uuid": "uuid-1" }));
            expect(parsed).to.deep.equal({ kind: "vendorError", error: { code: "4108", message: "SSL in use", requestId: "uuid-1" } });
            expect(parseScloudReply(reply('{"RetCode":171}'))).to.deep.equal({ kind: "vendorError", error: { code: "171", message: "", requestId: undefined } });
        });
        it("calls anything else malformed, saying what arrived but not quoting it", () => {
            expect(parseScloudReply(reply(`<html>${EXAMPLE_PRIVATE_KEY}</html>`, 502, { "content-type": "text/html" }))).to.deep.equal({
                kind: "malformed",
                detail: "the reply is not JSON (HTTP 502, text/html, 53 bytes)",
            });
            for (const body of ["null", "[]", '"x"', "42"]) expect(parseScloudReply(reply(body)), body).to.deep.equal({ kind: "malformed", detail: "the reply is not a JSON object (HTTP 200)" });
            for (const body of ["{}", '{"RetCode":"0"}', '{"RetCode":0.5}', '{"RetCode":null}']) {
                expect(parseScloudReply(reply(body)), body).to.deep.equal({ kind: "malformed", detail: "the reply has no integer RetCode" });
            }
        });
    });

    describe("classifyScloudError (reference/scloud.md §3.5, §3.7)", () => {
        const table: Record<string, Array<[number, string]>> = {
            throttled: [[153, "rate limit"]],
            auth: [[170, "Missing signature"], [171, "Signature VerifyAC Error"], [172, "User not found"], [174, "Token not found"], [293, "zone permission"], [294, "IP denied"], [295, "security lock"], [299, "permission denied"]],
            invalid: [[160, "Missing Action"], [161, "Action not found"], [292, "Project not found"], [4108, "SSL证书已被占用，请释放后重试"], [4111, "SSL证书内容无效"], [4114, "名称长度最大支持50个字符"], [63072, "ulb vserver alredy bind ssl"], [4078, "ssl is bound to vserver"]],
            notFound: [[4079, "ssl not exist"], [230, "SSLId does not exist"], [8000, "资源不存在"]],
            retryable: [[110, "Timeout"], [130, "gateway error"], [150, "Service unavailable"], [2000, "internal"], [4078, "删除ssl证书失败"], [4079, "获取ssl证书失败"]],
            fatal: [[1, "something"], [230, "Params Error"]],
        };
        for (const [category, cases] of Object.entries(table)) {
            it(`${category}: ${cases.map(([c]) => c).join(", ")}`, () => {
                for (const [code, message] of cases) expect(classifyScloudError(code, message), `${code} ${message}`).to.equal(category);
            });
        }
        it("never calls a gateway 'not found' (user, token, action, project) a missing certificate", () => {
            for (const code of [161, 172, 174, 292]) expect(classifyScloudError(code, "not found")).not.to.equal("notFound");
        });
    });

    describe("scloudErrorHint", () => {
        it("points a certificate still bound on delete at unbinding or rotating first", () => {
            for (const [code, message] of [[4108, "SSL证书已被占用"], [4078, "certificate is in use by vserver"]] as const) {
                expect(isScloudInUse(code, message)).to.equal(true);
                expect(scloudErrorHint(code, message)).to.match(/still bound.*unbind it \(UnbindSSL\).*rotate first.*UpdateSSLBinding/);
            }
        });
        it("names the credential keys on a signature error, and the fix for the other auth codes", () => {
            expect(scloudErrorHint(171, "")).to.match(/scloud:publicKey and scloud:privateKey \(or SCLOUD_PUBLIC_KEY\/SCLOUD_PRIVATE_KEY\)/);
            expect(scloudErrorHint(172, "")).to.match(/scloud:baseUrl/);
            expect(scloudErrorHint(294, "")).to.match(/allow-list/);
            expect(scloudErrorHint(299, "")).to.match(/permission/);
            expect(scloudErrorHint(292, "")).to.match(/scloud:projectId \(SCLOUD_PROJECT_ID\)/);
            expect(scloudErrorHint(153, "")).to.match(/rate limit/);
            expect(scloudErrorHint(4111, "")).to.match(/unencrypted PEM/);
            expect(scloudErrorHint(2000, "internal")).to.equal(undefined);
        });
    });

    it("paces every action at the conservative default, 5/s (no rate is published)", () => {
        for (const action of ["CreateSSL", "DescribeSSL", "UpdateSSLAttribute", "DeleteSSL"]) expect(scloudRateLimit(action), action).to.deep.equal({ perSecond: 5 });
    });

    describe("buildRequest", () => {
        it("POSTs the flattened, signed params as JSON to the endpoint, and the signature verifies as documented", () => {
            process.env.CLOUDCERTS_SCLOUD_ENDPOINT = "http://127.0.0.1:4567/scloud";
            process.env.SCLOUD_REGION = "sg";
            const protocol = scloudProtocol();
            const request = protocol.buildRequest("DescribeSSL", { SSLId: "ssl-1", Limit: 100, Offset: 0, Ids: ["a", "b"] }, protocol.credentials(), new Date(0));
            expect(request.method).to.equal("POST");
            expect(request.url).to.equal("http://127.0.0.1:4567/scloud/");
            expect(request.headers["Content-Type"]).to.equal("application/json");
            const body = JSON.parse(request.body ?? "") as Record<string, unknown>;
            expect(body).to.deep.include({ Action: "DescribeSSL", Region: "sg", SSLId: "ssl-1", Limit: 100, Offset: 0, "Ids.0": "a", "Ids.1": "b", PublicKey: EXAMPLE_PUBLIC_KEY });
            expect(body).not.to.have.property("ProjectId");
            expect(body.Signature).to.equal(documentedSignature(body, EXAMPLE_PRIVATE_KEY));
        });

        it("reproduces the published V1 signature through the request builder", () => {
            process.env.SCLOUD_REGION = "cn-bj2";
            const params = scloudRequestParams("DescribeUHostInstance", { Limit: 10 }, { publicKey: EXAMPLE_PUBLIC_KEY, privateKey: EXAMPLE_PRIVATE_KEY, region: "cn-bj2" });
            expect(params.Signature).to.equal("cba5cf5ec4d4233d206b1b54951e3787350a642f");
        });

        it("defaults Region and ProjectId from config, and lets the call's own win", () => {
            const credentials = { publicKey: EXAMPLE_PUBLIC_KEY, privateKey: EXAMPLE_PRIVATE_KEY, region: "sg", projectId: "org-default" };
            expect(scloudRequestParams("DescribeSSL", {}, credentials)).to.include({ Region: "sg", ProjectId: "org-default" });
            expect(scloudRequestParams("DescribeSSL", { Region: "hk", ProjectId: "org-mine" }, credentials)).to.include({ Region: "hk", ProjectId: "org-mine" });
            expect(scloudRequestParams("DescribeSSL", { Action: "DeleteSSL" }, credentials).Action).to.equal("DescribeSSL");
        });

        it("fails before sending when no region is known, saying where to set one", () => {
            const credentials = { publicKey: EXAMPLE_PUBLIC_KEY, privateKey: EXAMPLE_PRIVATE_KEY };
            expect(() => scloudRequestParams("CreateSSL", { SSLName: "x" }, credentials)).to.throw(ConfigurationError, /CreateSSL needs a region.*scloud:region.*SCLOUD_REGION/);
            expect(() => scloudRequestParams("CreateSSL", { Region: "" }, credentials)).to.throw(ConfigurationError);
        });

        it("reads credentials from stack config at call time, and hides the private key", () => {
            useStackConfig({ get: (k) => ({ "scloud:publicKey": "cfg-public", "scloud:privateKey": "cfg-private-key", "scloud:region": "sg" })[k] });
            const protocol = scloudProtocol();
            const credentials = protocol.credentials();
            expect(credentials).to.include({ publicKey: "cfg-public", region: "sg" });
            expect(protocol.secrets(credentials)).to.deep.equal(["cfg-private-key"]);
            const request = protocol.buildRequest("DescribeSSL", {}, credentials, new Date(0));
            expect(request.body).not.to.contain("cfg-private-key");
        });
    });

    it("takes PrivateKey, SSLContent and any PEM private key among the params as secrets", () => {
        const key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
        const bundle = `-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n${key}`;
        expect(scloudParamSecrets({ SSLName: "n", PrivateKey: "opaque-key", SSLContent: bundle, Extra: [key], UserCert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" })).to.deep.equal([
            "opaque-key",
            bundle,
            key,
        ]);
    });
});
