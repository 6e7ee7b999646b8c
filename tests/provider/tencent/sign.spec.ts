import { expect } from "chai";
import { createHash, randomBytes } from "node:crypto";
import { parseTc3Authorization, signTc3 } from "../../../provider/tencent/sign";
import { vectors } from "./sign.fixture";

// The official SDK's signer is the oracle; the package is CJS-only and Sign is not exported from its root.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sign = require("tencentcloud-sdk-nodejs-common/tencentcloud/common/sign").default as {
    sign3(args: Record<string, unknown>): string;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("tencent/sign: TC3-HMAC-SHA256", () => {
    for (const v of vectors) {
        it(`matches the published signature for ${v.name}`, () => {
            const out = signTc3(v.request, v.credentials, { service: v.service, now: new Date(v.timestamp * 1000) });
            expect(out.signature).to.equal(v.signature);
            if (v.authorization) expect(out.authorization).to.equal(v.authorization);
            if (v.canonicalRequestHash) expect(sha256(out.canonicalRequest)).to.equal(v.canonicalRequestHash);
            if (v.payloadHash) expect(out.canonicalRequest.split("\n").pop()).to.equal(v.payloadHash);
        });
    }

    it("uses the UTC day of the timestamp in the credential scope", () => {
        // 2023-11-14T23:59:59Z is already the 15th in UTC+8; the scope must say the 14th.
        const out = signTc3(vectors[2].request, vectors[2].credentials, { service: "ssl", now: new Date("2023-11-14T23:59:59Z") });
        expect(out.authorization).to.contain("/2023-11-14/ssl/tc3_request");
    });

    it("round-trips through parseTc3Authorization", () => {
        const out = signTc3(vectors[2].request, vectors[2].credentials, { service: "ssl", now: new Date(1700000000 * 1000) });
        expect(parseTc3Authorization(out.authorization)).to.deep.equal({
            secretId: "AKIDEXAMPLE",
            date: "2023-11-14",
            service: "ssl",
            signedHeaders: ["content-type", "host"],
            signature: vectors[2].signature,
        });
        expect(parseTc3Authorization("TC3-HMAC-SHA256 Credential=x")).to.equal(undefined);
    });

    describe("agrees byte for byte with the official SDK (tencentcloud-sdk-nodejs-common sign3)", () => {
        const hosts = ["ssl.tencentcloudapi.com", "ssl.intl.tencentcloudapi.com", "cvm.tencentcloudapi.com"];
        const contentTypes = ["application/json", "application/json; charset=utf-8"];
        const bodies = [
            "{}",
            '{"CertificateId":"abc123XY"}',
            JSON.stringify({ Domain: "www.example.com", Organization: "例子 Org", Email: "a@b.c", Tags: [{ TagKey: "k", TagValue: "v" }] }),
            JSON.stringify({ CertificatePublicKey: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", Alias: "ünïcödé ✓" }),
        ];
        let seed = 0;
        for (const host of hosts) {
            for (const contentType of contentTypes) {
                for (const body of bodies) {
                    seed += 1;
                    const n = seed;
                    it(`case ${n}: ${host}, ${contentType}, ${body.length}-byte body`, () => {
                        const secretId = `AKID${randomBytes(8).toString("hex")}`;
                        const secretKey = randomBytes(16).toString("base64");
                        const timestamp = 1500000000 + n * 7919 * 3600;
                        const expected = Sign.sign3({
                            method: "POST",
                            url: `https://${host}/`,
                            payload: Buffer.from(body),
                            timestamp,
                            service: host.split(".")[0],
                            secretId,
                            secretKey,
                            multipart: false,
                            boundary: undefined,
                            headers: { "Content-Type": contentType },
                        });
                        const ours = signTc3(
                            { method: "POST", host, path: "/", query: "", headers: { "content-type": contentType }, body: Buffer.from(body) },
                            { secretId, secretKey },
                            { service: host.split(".")[0], now: new Date(timestamp * 1000) },
                        );
                        expect(ours.authorization).to.equal(expected);
                    });
                }
            }
        }
    });
});
