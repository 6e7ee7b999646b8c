import { expect } from "chai";
import { createHash, randomBytes } from "node:crypto";
import { canonicalQueryString } from "../../../provider/core/signing/canonicalQuery";
import { acsDate, parseAcs3Authorization, signAcs3 } from "../../../provider/alibaba/sign";
import { officialAuthorization, officialPayloadHash } from "./oracle";
import { EMPTY_SHA256, vectors } from "./sign.fixture";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIB+zCCAaGgAwIBAgIU/abc=\nMIIB+zCCAaGgAwIBAgIU/def==\n-----END CERTIFICATE-----\n";
const PEM_CHAIN = `${PEM_CERT}${PEM_CERT.replace(/abc/g, "xyz")}`;
const PEM_CRLF = PEM_CERT.replace(/\n/g, "\r\n");

describe("alibaba/sign: ACS3-HMAC-SHA256", () => {
    for (const v of vectors) {
        it(`matches the expected Authorization for ${v.name}`, () => {
            const out = signAcs3(v.request, v.credentials, v.options);
            expect(out.authorization).to.equal(v.authorization);
            if (v.canonicalRequestHash) expect(sha256(out.canonicalRequest)).to.equal(v.canonicalRequestHash);
            expect(out.signedHeaderValues["x-acs-content-sha256"]).to.equal(EMPTY_SHA256);
        });
    }

    it("writes x-acs-date without milliseconds, in UTC", () => {
        expect(acsDate(new Date("2023-10-26T10:22:32.789Z"))).to.equal("2023-10-26T10:22:32Z");
    });

    it("signs content-type and x-acs-* headers the caller adds, and not accept or user-agent", () => {
        const out = signAcs3(
            { method: "POST", host: "kms.cn-hangzhou.aliyuncs.com", path: "/", query: {}, headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "User-Agent": "x", "x-acs-security-token": "tok" }, body: "A=1" },
            { accessKeyId: "id", accessKeySecret: "secret" },
            { action: "DescribeCertificate", version: "2016-01-20", now: new Date(0), nonce: "n" },
        );
        expect(out.signedHeaders).to.equal("content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version");
        expect(out.signedHeaderValues).to.include({ host: "kms.cn-hangzhou.aliyuncs.com", "x-acs-date": "1970-01-01T00:00:00Z", "x-acs-signature-nonce": "n", "x-acs-content-sha256": sha256("A=1") });
    });

    it("round-trips through parseAcs3Authorization", () => {
        const out = signAcs3(vectors[0].request, vectors[0].credentials, vectors[0].options);
        expect(parseAcs3Authorization(out.authorization)).to.deep.equal({
            accessKeyId: "YourAccessKeyId",
            signedHeaders: ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
            signature: "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
        });
        expect(parseAcs3Authorization("ACS3-HMAC-SHA256 Credential=x")).to.equal(undefined);
    });

    it("changes with the nonce, the date, the host and the body", () => {
        const base = vectors[1];
        const sig = (patch: { nonce?: string; now?: Date; host?: string; body?: string }) =>
            signAcs3({ ...base.request, host: patch.host ?? base.request.host, body: patch.body ?? "" }, base.credentials, { ...base.options, nonce: patch.nonce ?? base.options.nonce, now: patch.now ?? base.options.now }).signature;
        const all = [sig({}), sig({ nonce: "other" }), sig({ now: new Date("2023-10-26T10:22:33Z") }), sig({ host: "127.0.0.1:4567" }), sig({ body: "x" })];
        expect(new Set(all).size).to.equal(all.length);
    });

    describe("agrees byte for byte with the official SDK (@alicloud/openapi-util getAuthorization)", () => {
        const hosts = ["kms.cn-hangzhou.aliyuncs.com", "kms.ap-southeast-1.aliyuncs.com", "127.0.0.1:4567"];
        const paths = ["/", "/alibaba/"];
        const paramSets: ReadonlyArray<{ name: string; action: string; params: Record<string, string> }> = [
            { name: "CreateCertificate", action: "CreateCertificate", params: { KeySpec: "EC_SM2", Subject: "CN=例子 测试,OU=kms (dev),O=O'Neil & Co!*,C=CN", SubjectAlternativeNames: JSON.stringify(["a.example.com", "*.b.example.com"]), ExportablePrivateKey: "false" } },
            { name: "UploadCertificate with PEM newlines", action: "UploadCertificate", params: { CertificateId: "12345678-1234-1234-1234-123456789012", Certificate: PEM_CERT, CertificateChain: PEM_CHAIN } },
            { name: "UploadCertificate with CRLF PEM", action: "UploadCertificate", params: { CertificateId: "9a28de48-8d8b-484d-a766-dec4abcd", Certificate: PEM_CRLF } },
            { name: "TagResource with JSON and an empty value", action: "TagResource", params: { CertificateId: "c-1", Tags: JSON.stringify([{ TagKey: "env~x", TagValue: "ünï cödé +/=" }]), Empty: "" } },
            { name: "DescribeCertificate", action: "DescribeCertificate", params: { CertificateId: "c-2" } },
        ];
        const layouts = ["query", "form body", "form body with STS token"] as const;
        let n = 0;
        for (const host of hosts) {
            for (const path of paths) {
                for (const set of paramSets) {
                    for (const layout of layouts) {
                        n += 1;
                        const seed = n;
                        it(`case ${seed}: ${set.name}, ${layout}, ${host}${path}`, () => {
                            const accessKeyId = `LTAI${randomBytes(8).toString("hex")}`;
                            const accessKeySecret = randomBytes(15).toString("base64");
                            const inQuery = layout === "query";
                            const body = inQuery ? "" : canonicalQueryString(set.params);
                            const headers: Record<string, string> = { accept: "application/json", "user-agent": "pulumi-cloudcerts" };
                            if (!inQuery) headers["content-type"] = "application/x-www-form-urlencoded";
                            if (layout === "form body with STS token") Object.assign(headers, { "x-acs-accesskey-id": accessKeyId, "x-acs-security-token": `CAIS${randomBytes(24).toString("base64")}` });
                            const now = new Date(Date.UTC(2024, 0, 1) + seed * 7919 * 1000);
                            const nonce = randomBytes(16).toString("hex");
                            const ours = signAcs3(
                                { method: "POST", host, path, query: inQuery ? set.params : {}, headers, body },
                                { accessKeyId, accessKeySecret },
                                { action: set.action, version: "2016-01-20", now, nonce },
                            );
                            expect(ours.signedHeaderValues["x-acs-content-sha256"]).to.equal(officialPayloadHash(body));
                            const official = officialAuthorization(
                                { method: "POST", pathname: path, query: inQuery ? set.params : {}, headers: { ...headers, ...ours.signedHeaderValues }, body },
                                accessKeyId,
                                accessKeySecret,
                            );
                            expect(ours.authorization).to.equal(official);
                        });
                    }
                }
            }
        }
    });
});
