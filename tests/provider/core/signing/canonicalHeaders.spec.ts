import { expect } from "chai";
import { canonicalHeaders } from "../../../../provider/core/signing/canonicalHeaders";
import { canonicalQueryString } from "../../../../provider/core/signing/canonicalQuery";
import { hmacSha256Hex, sha256Hex } from "../../../../provider/core/signing/hash";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("core/signing/canonicalHeaders", () => {
    it("lowercases and trims names, trims values, sorts by name, ends every line in \\n", () => {
        const out = canonicalHeaders({ "X-Sdk-Date": " 20191115T033655Z ", Host: "Apig.Example.com", "content-type": "application/json" });
        expect(out.canonical).to.equal("content-type:application/json\nhost:Apig.Example.com\nx-sdk-date:20191115T033655Z\n");
        expect(out.signed).to.equal("content-type;host;x-sdk-date");
    });

    it("lowercases values only when asked (TC3)", () => {
        expect(canonicalHeaders({ "Content-Type": "Application/JSON" }, { lowercaseValues: true }).canonical).to.equal("content-type:application/json\n");
    });

    it("keeps the last of two spellings of one name", () => {
        expect(canonicalHeaders({ Host: "a", host: "b" })).to.deep.equal({ canonical: "host:b\n", signed: "host" });
    });

    it("with the query and hash helpers, reproduces Alibaba's published ACS3-HMAC-SHA256 example (alibaba-kms.md §2.4)", () => {
        const headers = canonicalHeaders({
            host: "ecs.cn-shanghai.aliyuncs.com",
            "x-acs-action": "RunInstances",
            "x-acs-version": "2014-05-26",
            "x-acs-date": "2023-10-26T10:22:32Z",
            "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
            "x-acs-content-sha256": sha256Hex(""),
        });
        expect(headers.signed).to.equal("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
        const query = canonicalQueryString({ RegionId: "cn-shanghai", ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd" });
        const canonicalRequest = ["POST", "/", query, headers.canonical, headers.signed, EMPTY_SHA256].join("\n");
        expect(sha256Hex(canonicalRequest)).to.equal("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
        const signature = hmacSha256Hex("YourAccessKeySecret", `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`);
        expect(signature).to.equal("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    });
});
