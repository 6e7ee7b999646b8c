import { expect } from "chai";
import type { HttpReply } from "../../../provider/core/http";
import type { ErrorCategory } from "../../../provider/core/errors";
import { classifyHuaweiError, huaweiErrorHint } from "../../../provider/huawei/errors";
import {
    huaweiPath,
    huaweiProtocol,
    huaweiQueryPairs,
    huaweiRateLimit,
    parseHuaweiReply,
    type HuaweiRequest,
} from "../../../provider/huawei/protocol";
import { parseAkSkAuthorization, sdkDate, signAkSk } from "../../../provider/huawei/sign";
import { isolateHuaweiEnv } from "./env";
import { sdkSign } from "./sdkOracle";

// Huawei's documentation example keys, not real credentials.
const AK = "QTWAOYTTINDUT2QVKYUC";
const SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
const PROJECT = "0123456789abcdef0123456789abcdef";
const CERT_ID = "a27be832f2e9441c8127fe48e3b5ac67";
const NOW = new Date("2024-01-02T03:04:05Z");

const reply = (status: number, body: string, headers: Record<string, string> = {}): HttpReply => ({ status, headers, body });

function akskEnv(): void {
    process.env.HW_ACCESS_KEY = AK;
    process.env.HW_SECRET_KEY = SK;
    process.env.HW_REGION_NAME = "cn-north-4";
    process.env.HW_PROJECT_ID = PROJECT;
}

describe("huawei/protocol", () => {
    isolateHuaweiEnv();

    describe("parseHuaweiReply", () => {
        it("returns the JSON object of a 2xx reply", () => {
            expect(parseHuaweiReply(reply(200, `{"id":"${CERT_ID}","name":"cert_demo"}`))).to.deep.equal({ kind: "success", value: { id: CERT_ID, name: "cert_demo" } });
            expect(parseHuaweiReply(reply(200, '{"size":0,"total":0,"certs":[]}'))).to.deep.include({ kind: "success" });
        });

        it("returns nothing for DELETE's 204 and any empty 2xx", () => {
            expect(parseHuaweiReply(reply(204, ""))).to.deep.equal({ kind: "success", value: undefined });
            expect(parseHuaweiReply(reply(200, " \n"))).to.deep.equal({ kind: "success", value: undefined });
        });

        it("reads {error_code, error_msg, request_id}, else the X-Request-Id header", () => {
            expect(parseHuaweiReply(reply(404, '{"error_code":"APIG.3021","error_msg":"SSL certificate does not exist","request_id":"rid-body"}', { "x-request-id": "rid-header" }))).to.deep.equal({
                kind: "vendorError",
                error: { code: "APIG.3021", message: "SSL certificate does not exist", requestId: "rid-body" },
            });
            expect(parseHuaweiReply(reply(400, '{"error_code":"APIG.2012","error_msg":"Invalid parameter value"}', { "x-request-id": "rid-header" }))).to.deep.equal({
                kind: "vendorError",
                error: { code: "APIG.2012", message: "Invalid parameter value", requestId: "rid-header" },
            });
            expect(parseHuaweiReply(reply(401, '{"error_code":"APIG.1002"}'))).to.deep.equal({ kind: "vendorError", error: { code: "APIG.1002", message: "", requestId: undefined } });
        });

        it("also reads {error: {code, message}}, as the Node SDK does", () => {
            expect(parseHuaweiReply(reply(403, '{"error":{"code":"APIG.1005","message":"No permissions to request this method"}}'))).to.deep.equal({
                kind: "vendorError",
                error: { code: "APIG.1005", message: "No permissions to request this method", requestId: undefined },
            });
        });

        it("calls anything else malformed, saying what arrived without quoting it", () => {
            const html = parseHuaweiReply(reply(502, `<html>${SK}</html>`, { "content-type": "text/html" }));
            expect(html).to.deep.equal({ kind: "malformed", detail: "the reply is not JSON (HTTP 502, text/html, 53 bytes)" });
            expect(parseHuaweiReply(reply(200, "<html/>"))).to.deep.include({ kind: "malformed" });
            expect(parseHuaweiReply(reply(200, '"ok"'))).to.deep.equal({ kind: "malformed", detail: "the reply is not a JSON object (HTTP 200)" });
            expect(parseHuaweiReply(reply(404, '{"message":"not here"}'))).to.deep.equal({ kind: "malformed", detail: "HTTP 404 without an error_code" });
            expect(parseHuaweiReply(reply(404, ""))).to.deep.include({ kind: "malformed" });
        });
    });

    describe("classifyHuaweiError (reference/huawei-apig.md §1.5, §5)", () => {
        const table: ReadonlyArray<readonly [ErrorCategory, string, number]> = [
            ["throttled", "APIGW.0308", 429],
            ["throttled", "APIGW.0308", 403],
            ["throttled", "SomethingElse", 429],
            ["retryable", "APIG.9999", 500],
            ["retryable", "APIG.3500", 400],
            ["retryable", "Whatever", 503],
            ["notFound", "APIG.3021", 404],
            ["notFound", "APIG.3025", 404],
            ["notFound", "APIG.3030", 404],
            ["auth", "APIG.1000", 401],
            ["auth", "APIG.1001", 401],
            ["auth", "APIG.1002", 401],
            ["auth", "APIG.1003", 401],
            ["auth", "APIG.1005", 403],
            ["auth", "APIG.1115", 403],
            ["auth", "APIGW.0301", 401],
            ["auth", "APIG.0301", 401],
            ["auth", "Unknown", 401],
            ["auth", "Unknown", 403],
            ["invalid", "APIG.2012", 400],
            ["invalid", "APIG.2101", 400],
            ["invalid", "APIG.2105", 400],
            ["invalid", "APIG.3148", 400],
            ["invalid", "APIG.3708", 409],
            ["fatal", "APIG.3100", 403],
            ["fatal", "APIG.3020", 404],
            ["fatal", "APIGW.0101", 404],
            ["fatal", "Unknown", 418],
        ];
        for (const [category, code, status] of table) {
            it(`${code} at HTTP ${status} is ${category}`, () => expect(classifyHuaweiError(code, status)).to.equal(category));
        }
    });

    describe("huaweiErrorHint", () => {
        it("points at keys and the clock for a refused signature, and at the token for token errors", () => {
            expect(huaweiErrorHint("APIGW.0301", 401)).to.match(/huaweicloud:accessKey.*huaweicloud:secretKey.*clock.*15 minutes.*locked/);
            expect(huaweiErrorHint("SomethingNew", 401)).to.match(/huaweicloud:secretKey.*clock/);
            expect(huaweiErrorHint("APIG.1001", 401)).to.match(/IAM token.*huaweicloud:authToken/);
            expect(huaweiErrorHint("APIG.1003", 401)).to.match(/scoped to a project/);
            expect(huaweiErrorHint("APIG.1005", 403)).to.match(/apig:certificate/);
        });

        it("says what to fix for PEM refusals", () => {
            expect(huaweiErrorHint("APIG.2101", 400)).to.match(/private key does not belong/);
            expect(huaweiErrorHint("APIG.2104", 400)).to.match(/server certificate first/);
            expect(huaweiErrorHint("APIG.2105", 400)).to.match(/unencrypted/);
            expect(huaweiErrorHint("APIG.3148", 400)).to.match(/2038-01-19/);
        });

        it("tells a refused DELETE to detach the domains first, and only a DELETE", () => {
            expect(huaweiErrorHint("APIG.2999", 400, "DELETE")).to.match(/bound to domain names.*detach the domains/);
            expect(huaweiErrorHint("APIG.2999", 409, "DELETE")).to.match(/detach the domains/);
            expect(huaweiErrorHint("APIG.2999", 400, "PUT")).to.equal(undefined);
            expect(huaweiErrorHint("APIG.3021", 404, "DELETE")).to.equal(undefined);
            expect(huaweiProtocol("DELETE").classifyError({ code: "APIG.2999", message: "m" }, 400).hint).to.match(/detach the domains/);
            expect(huaweiProtocol("GET").classifyError({ code: "APIG.2999", message: "m" }, 400).hint).to.equal(undefined);
        });
    });

    it("paces every action at a conservative 5/s, as no APIG rate is documented", () => {
        for (const action of ["CreateCertificateV2", "ShowDetailsOfCertificateV2", "UpdateCertificateV2", "DeleteCertificateV2", "ListAttachedDomainsV2"]) {
            expect(huaweiRateLimit(action), action).to.deep.equal({ perSecond: 5 });
        }
    });

    describe("paths and queries", () => {
        it("encodes each path segment, so an id cannot add a segment or a query", () => {
            expect(huaweiPath(PROJECT, ["apigw", "certificates", CERT_ID])).to.equal(`/v2/${PROJECT}/apigw/certificates/${CERT_ID}`);
            expect(huaweiPath(PROJECT, ["apigw", "certificates", "a/b?c=d#e"])).to.equal(`/v2/${PROJECT}/apigw/certificates/a%2Fb%3Fc%3Dd%23e`);
            for (const bad of ["", ".", ".."]) expect(() => huaweiPath(PROJECT, ["apigw", bad])).to.throw(/not a valid id/);
        });

        it("sends arrays as repeated keys and leaves out undefined and empty values", () => {
            expect(huaweiQueryPairs({ limit: 500, offset: 0, name: "", instance_id: undefined, type: "global", ids: ["b", "a"], flag: true })).to.deep.equal([
                ["limit", "500"],
                ["offset", "0"],
                ["type", "global"],
                ["ids", "b"],
                ["ids", "a"],
                ["flag", "true"],
            ]);
        });
    });

    describe("buildHuaweiRequest", () => {
        const create: HuaweiRequest = {
            method: "POST",
            path: ["apigw", "certificates"],
            body: { name: "cert_证书", cert_content: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", private_key: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n", type: "global" },
        };

        it("sends JSON to /v2/{project}/… on the region's host, signed exactly as the official SDK signs it", () => {
            akskEnv();
            const protocol = huaweiProtocol(create.method);
            const request = protocol.buildRequest("CreateCertificateV2", create, protocol.credentials(), NOW);
            expect(request.method).to.equal("POST");
            expect(request.url).to.equal(`https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/certificates`);
            expect(request.body).to.equal(JSON.stringify(create.body));
            expect(request.headers).to.include({ "Content-Type": "application/json", "X-Sdk-Date": "20240102T030405Z", "X-Project-Id": PROJECT, "X-Language": "en-us" });
            expect(request.headers["X-Security-Token"]).to.equal(undefined);
            const expected = sdkSign({
                endpoint: `https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/certificates`,
                method: "POST",
                headers: { "content-type": "application/json" },
                sdkDate: "20240102T030405Z",
                projectId: PROJECT,
                data: create.body,
                accessKey: AK,
                secretKey: SK,
            });
            expect(request.headers.Authorization).to.equal(expected);
        });

        it("signs a GET with an encoded query and a security token as the SDK does", () => {
            akskEnv();
            process.env.HW_SECURITY_TOKEN = "temporary-security-token-0001";
            const list: HuaweiRequest = { method: "GET", path: ["apigw", "certificates"], query: { limit: 20, offset: 0, name: "cert 证书_1", instance_id: "common", common_name: "" } };
            const protocol = huaweiProtocol("GET");
            const request = protocol.buildRequest("ListCertificatesV2", list, protocol.credentials(), NOW);
            expect(request.url).to.equal(`https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/certificates?instance_id=common&limit=20&name=cert%20%E8%AF%81%E4%B9%A6_1&offset=0`);
            expect(request.body).to.equal(undefined);
            expect(request.headers["X-Security-Token"]).to.equal("temporary-security-token-0001");
            const expected = sdkSign({
                endpoint: `https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/certificates`,
                method: "GET",
                headers: { "content-type": "application/json" },
                sdkDate: "20240102T030405Z",
                projectId: PROJECT,
                securityToken: "temporary-security-token-0001",
                query: { limit: 20, offset: 0, name: "cert 证书_1", instance_id: "common" },
                accessKey: AK,
                secretKey: SK,
            });
            expect(request.headers.Authorization).to.equal(expected);
            expect(protocol.secrets(protocol.credentials())).to.deep.equal([SK, "temporary-security-token-0001"]);
        });

        it("signs for the overridden host and path prefix it actually sends to, not the region's", () => {
            akskEnv();
            process.env.CLOUDCERTS_HUAWEI_ENDPOINT = "http://127.0.0.1:4567/huawei";
            const del: HuaweiRequest = { method: "DELETE", path: ["apigw", "certificates", CERT_ID] };
            const protocol = huaweiProtocol("DELETE");
            const request = protocol.buildRequest("DeleteCertificateV2", del, protocol.credentials(), NOW);
            expect(request.url).to.equal(`http://127.0.0.1:4567/huawei/v2/${PROJECT}/apigw/certificates/${CERT_ID}`);
            const url = new URL(request.url);
            // Recomputed independently by the SDK from what goes on the wire: host 127.0.0.1:4567 and the /huawei prefix.
            const expected = sdkSign({
                endpoint: `${url.origin}${url.pathname}`,
                method: "DELETE",
                headers: { "content-type": "application/json" },
                sdkDate: request.headers["X-Sdk-Date"],
                projectId: PROJECT,
                accessKey: AK,
                secretKey: SK,
            });
            expect(request.headers.Authorization).to.equal(expected);
            const forRegionHost = signAkSk(
                { method: "DELETE", host: "apig.cn-north-4.myhuaweicloud.com", path: `/v2/${PROJECT}/apigw/certificates/${CERT_ID}`, headers: { "content-type": "application/json" }, body: "" },
                { accessKey: AK, secretKey: SK, projectId: PROJECT },
                { now: NOW },
            );
            expect(parseAkSkAuthorization(request.headers.Authorization)?.signature).not.to.equal(forRegionHost.signature);
        });

        it("signs an id that needs escaping as the SDK signs the unescaped path", () => {
            akskEnv();
            const protocol = huaweiProtocol("GET");
            const request = protocol.buildRequest("ShowDetailsOfCertificateV2", { method: "GET", path: ["apigw", "certificates", "id:with@reserved"] }, protocol.credentials(), NOW);
            expect(request.url).to.equal(`https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/certificates/id%3Awith%40reserved`);
            const expected = sdkSign({
                endpoint: `https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/certificates/id:with@reserved`,
                method: "GET",
                headers: { "content-type": "application/json" },
                sdkDate: sdkDate(NOW),
                projectId: PROJECT,
                accessKey: AK,
                secretKey: SK,
            });
            expect(request.headers.Authorization).to.equal(expected);
        });

        it("sends an IAM token instead of a signature, and keeps the token out of errors", () => {
            process.env.HW_REGION_NAME = "cn-north-4";
            process.env.HW_PROJECT_ID = PROJECT;
            process.env.HW_AUTH_TOKEN = "MIIatAYJKoZIhvcNAQcCoIIapTCCGqECAQExDTALBglghkgBZQMEAgEw";
            const protocol = huaweiProtocol("GET");
            const credentials = protocol.credentials();
            const request = protocol.buildRequest("ShowDetailsOfCertificateV2", { method: "GET", path: ["apigw", "certificates", CERT_ID] }, credentials, NOW);
            expect(request.headers).to.deep.equal({ "Content-Type": "application/json", "X-Auth-Token": process.env.HW_AUTH_TOKEN, "X-Language": "en-us" });
            expect(protocol.secrets(credentials)).to.deep.equal([process.env.HW_AUTH_TOKEN]);
        });
    });
});
