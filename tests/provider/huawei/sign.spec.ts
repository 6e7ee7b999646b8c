import { expect } from "chai";
import { createHash, randomBytes } from "node:crypto";
import type { QueryParam } from "../../../provider/core/signing/canonicalQuery";
import { canonicalUri, parseAkSkAuthorization, sdkDate, signAkSk } from "../../../provider/huawei/sign";
import { DOC_AK, DOC_SK, PROJECT, vectors } from "./sign.fixture";
import { sdkSign, type SdkQuery } from "./sdkOracle";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The SDK's query object as the pairs our signer takes: arrays become repeated keys. */
function pairs(query: SdkQuery | undefined): QueryParam[] {
    if (!query) return [];
    return Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): QueryParam => [k, String(x)]) : [[k, String(v)] as QueryParam]));
}

describe("huawei/sign: SDK-HMAC-SHA256", () => {
    for (const v of vectors) {
        it(`matches the published signature for ${v.name}`, () => {
            const out = signAkSk(v.request, v.credentials, { now: v.now });
            expect(out.signature).to.equal(v.signature);
            if (v.authorization) expect(out.authorization).to.equal(v.authorization);
            if (v.signedHeaders) expect(out.signedHeaders).to.equal(v.signedHeaders);
            if (v.canonicalRequest) expect(out.canonicalRequest).to.equal(v.canonicalRequest);
            if (v.canonicalRequestHash) expect(sha256(out.canonicalRequest)).to.equal(v.canonicalRequestHash);
            if (v.canonicalQuery !== undefined) expect(out.canonicalRequest.split("\n")[2]).to.equal(v.canonicalQuery);
            if (v.payloadHash) expect(out.canonicalRequest.split("\n").pop()).to.equal(v.payloadHash);
        });
    }

    it("needs the trailing slash on the canonical URI to reproduce Huawei's example", () => {
        const worked = vectors[0];
        const out = signAkSk(worked.request, worked.credentials, { now: worked.now });
        const withoutSlash = out.canonicalRequest.replace("/vpcs/\n", "/vpcs\n");
        expect(sha256(withoutSlash)).to.match(/^af0401a8/);
    });

    it("builds the Go SDK's canonical query: repeated keys sorted by value, reserved characters and UTF-8 encoded", () => {
        const query: QueryParam[] = [
            ["test", "一 (&=?!#%.*)"],
            ["multi", "3"],
            ["path", "/tmp/123"],
            ["multi", "1"],
            ["limit", "1"],
            ["enable", "true"],
            ["multi", "2"],
        ];
        const out = signAkSk({ method: "GET", path: "/", query, headers: {}, body: "" }, { accessKey: "AccessKey", secretKey: "SecretKey" }, { now: new Date(0) });
        expect(out.canonicalRequest.split("\n")[2]).to.equal("enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29");
    });

    describe("canonicalUri", () => {
        it("appends a trailing slash only when there is none", () => {
            expect(canonicalUri("/v2/p/apigw/certificates")).to.equal("/v2/p/apigw/certificates/");
            expect(canonicalUri("/v2/p/apigw/certificates/")).to.equal("/v2/p/apigw/certificates/");
            expect(canonicalUri("/")).to.equal("/");
            expect(canonicalUri("")).to.equal("/");
        });
        it("encodes each segment once, whether the path arrives escaped or not", () => {
            expect(canonicalUri("/a:b/c d/证")).to.equal("/a%3Ab/c%20d/%E8%AF%81/");
            expect(canonicalUri("/a%3Ab/c%20d/%E8%AF%81")).to.equal("/a%3Ab/c%20d/%E8%AF%81/");
            expect(canonicalUri("/100%/x")).to.equal("/100%25/x/");
        });
    });

    it("formats X-Sdk-Date as yyyyMMddTHHmmssZ in UTC, dropping milliseconds", () => {
        expect(sdkDate(new Date("2024-01-02T03:04:05.678Z"))).to.equal("20240102T030405Z");
        expect(sdkDate(new Date("1999-12-31T23:59:59+08:00"))).to.equal("19991231T155959Z");
    });

    it("returns the headers to send: X-Sdk-Date, X-Project-Id and X-Security-Token when set, Authorization", () => {
        const base = { method: "GET", host: "h", path: "/", headers: {}, body: "" };
        const plain = signAkSk(base, { accessKey: DOC_AK, secretKey: DOC_SK }, { now: new Date(0) });
        expect(Object.keys(plain.headers)).to.deep.equal(["X-Sdk-Date", "Authorization"]);
        expect(plain.signedHeaders).to.equal("host;x-sdk-date");
        const full = signAkSk(base, { accessKey: DOC_AK, secretKey: DOC_SK, projectId: PROJECT, securityToken: "tok123" }, { now: new Date(0) });
        expect(full.headers).to.deep.equal({
            "X-Sdk-Date": "19700101T000000Z",
            "X-Project-Id": PROJECT,
            "X-Security-Token": "tok123",
            Authorization: full.authorization,
        });
        expect(full.signedHeaders).to.equal("host;x-project-id;x-sdk-date;x-security-token");
    });

    it("hashes the body byte for byte: a string and its UTF-8 bytes sign alike, a re-serialised body does not", () => {
        const body = '{"name":"证书 ✓","cert_content":"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n"}';
        const req = { method: "POST", host: "h", path: "/", headers: {}, body };
        const creds = { accessKey: DOC_AK, secretKey: DOC_SK };
        const now = new Date(0);
        expect(signAkSk({ ...req, body: Buffer.from(body, "utf8") }, creds, { now }).signature).to.equal(signAkSk(req, creds, { now }).signature);
        expect(signAkSk({ ...req, body: JSON.stringify(JSON.parse(body), null, 1) }, creds, { now }).signature).not.to.equal(signAkSk(req, creds, { now }).signature);
    });

    it("round-trips through parseAkSkAuthorization", () => {
        const v = vectors[3];
        const out = signAkSk(v.request, v.credentials, { now: v.now });
        expect(parseAkSkAuthorization(out.authorization)).to.deep.equal({
            accessKey: DOC_AK,
            signedHeaders: ["content-type", "host", "x-project-id", "x-sdk-date"],
            signature: v.signature,
        });
        expect(parseAkSkAuthorization("SDK-HMAC-SHA256 Access=x")).to.equal(undefined);
    });

    describe("agrees byte for byte with the official SDK (@huaweicloud/huaweicloud-sdk-core AKSKSigner)", () => {
        const P = "0123456789abcdef0123456789abcdef";
        const cases: ReadonlyArray<{ method: string; base: string; path: string; query?: SdkQuery; data?: object }> = [
            { method: "GET", base: "https://apig.cn-north-4.myhuaweicloud.com", path: `/v2/${P}/apigw/certificates` },
            { method: "GET", base: "https://apig.cn-north-4.myhuaweicloud.com", path: `/v2/${P}/apigw/certificates/`, query: { limit: 500, offset: 0 } },
            {
                method: "GET",
                base: "https://apig.ap-southeast-1.myhuaweicloud.com",
                path: `/v2/${P}/apigw/certificates`,
                query: { name: "a b&c=d/é+~*'()!", instance_id: "common", type: "global", signature_algorithm: "SHA256-RSA" },
            },
            { method: "GET", base: "https://apig.eu-west-101.myhuaweicloud.eu", path: `/v2/${P}/apigw/certificates`, query: { multi: ["3", "1", "10", "2"], common_name: "*.example.com" } },
            { method: "GET", base: "http://127.0.0.1:4567/huawei", path: `/v2/${P}/apigw/certificates/a27be832f2e9441c8127fe48e3b5ac67/attached-domains`, query: { url_domain: "证书.example.com" } },
            {
                method: "POST",
                base: "https://apig.cn-north-4.myhuaweicloud.com",
                path: `/v2/${P}/apigw/certificates`,
                data: {
                    name: "cert_证书_1",
                    cert_content: "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\r\nAbC+/=\n-----END CERTIFICATE-----\n",
                    private_key: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA\n-----END EC PRIVATE KEY-----\n",
                    type: "instance",
                    instance_id: "f0fa1789-3b76-433b-a787-9892951c620e",
                    algorithm_type: "ECC",
                },
            },
            {
                method: "PUT",
                base: "http://localhost:8080",
                path: `/v2/${P}/apigw/certificates/a27be832f2e9441c8127fe48e3b5ac67/`,
                data: { name: "ünïcödé ✓ 😀", cert_content: "C\u2028\"quoted\"\t\\", private_key: "K", trusted_root_ca: "" },
            },
            {
                method: "POST",
                base: "https://apig.cn-north-4.myhuaweicloud.com",
                path: `/v2/${P}/apigw/certificates/a27be832f2e9441c8127fe48e3b5ac67/domains/attach`,
                data: { domains: [{ domain: "a.example.com", instance_ids: ["i-1"], verified_client_certificate_enabled: false }] },
            },
            { method: "DELETE", base: "https://apig.cn-north-4.myhuaweicloud.com", path: `/v2/${P}/apigw/certificates/a27be832f2e9441c8127fe48e3b5ac67` },
            { method: "DELETE", base: "https://apig.cn-north-4.myhuaweicloud.com:8443", path: `/v2/${P}/apigw/certificates/id:with@reserved!$()*+,;=~.-_` },
        ];
        const variants = [
            { label: "AK/SK", projectId: undefined, securityToken: undefined },
            { label: "with project id", projectId: PROJECT, securityToken: undefined },
            { label: "with project id and security token", projectId: PROJECT, securityToken: `gQpjbi1ub3J0aC00${randomBytes(24).toString("base64")}` },
            { label: "with security token only", projectId: undefined, securityToken: "tok-123_ABC.xyz" },
        ];
        let n = 0;
        for (const c of cases) {
            for (const variant of variants) {
                n += 1;
                const seed = n;
                it(`case ${seed}: ${c.method} ${c.base}${c.path}${c.query ? " ?query" : ""}${c.data ? " +body" : ""}, ${variant.label}`, () => {
                    const accessKey = randomBytes(10).toString("hex").toUpperCase();
                    const secretKey = randomBytes(30).toString("base64");
                    const now = new Date(Date.UTC(2020, 0, 1) + seed * 7919 * 3_600_000 + seed * 1234_000);
                    const url = new URL(`${c.base}${c.path}`);
                    const body = c.data === undefined ? "" : JSON.stringify(c.data);
                    const headers = { "content-type": "application/json" };
                    const ours = signAkSk(
                        { method: c.method, host: url.host, path: url.pathname, query: pairs(c.query), headers, body },
                        { accessKey, secretKey, projectId: variant.projectId, securityToken: variant.securityToken },
                        { now },
                    );
                    const expected = sdkSign({
                        endpoint: `${c.base}${c.path}`,
                        method: c.method,
                        headers,
                        sdkDate: sdkDate(now),
                        projectId: variant.projectId,
                        securityToken: variant.securityToken,
                        query: c.query,
                        data: c.data,
                        accessKey,
                        secretKey,
                    });
                    expect(ours.authorization).to.equal(expected);
                    // The wire path may carry the id escaped; it must sign the same.
                    const escaped = signAkSk(
                        { method: c.method, host: url.host, path: url.pathname.split("/").map(encodeURIComponent).join("/"), query: pairs(c.query), headers, body },
                        { accessKey, secretKey, projectId: variant.projectId, securityToken: variant.securityToken },
                        { now },
                    );
                    expect(escaped.authorization).to.equal(expected);
                });
            }
        }
    });
});
