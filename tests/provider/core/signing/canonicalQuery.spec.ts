import { expect } from "chai";
import { hmacSha1Base64 } from "../../../../provider/core/signing/hash";
import { canonicalQueryString } from "../../../../provider/core/signing/canonicalQuery";
import { percentEncode } from "../../../../provider/core/signing/percentEncode";

describe("core/signing/canonicalQueryString", () => {
    it("reproduces the Huawei Go SDK's canonical-query test (huawei-apig.md §2.3): sorted, repeated keys by value, RFC 3986", () => {
        const out = canonicalQueryString([
            ["test", "一 (&=?!#%.*)"],
            ["path", "/tmp/123"],
            ["multi", "3"],
            ["multi", "1"],
            ["limit", "1"],
            ["multi", "2"],
            ["enable", "true"],
        ]);
        expect(out).to.equal("enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29");
    });

    it("reproduces Huawei's APIG list query vector (huawei-apig.md §2.5 vector 3) from a record", () => {
        expect(canonicalQueryString({ limit: "20", offset: "0", name: "cert 证书_1", instance_id: "common" })).to.equal(
            "instance_id=common&limit=20&name=cert%20%E8%AF%81%E4%B9%A6_1&offset=0",
        );
    });

    it("sorts by code unit, not locale: uppercase before lowercase, USSLId before UserCert, Backends.10 before Backends.2", () => {
        expect(canonicalQueryString({ b: "1", a: "2", B: "3" })).to.equal("B=3&a=2&b=1");
        expect(canonicalQueryString({ UserCert: "x", USSLId: "y" })).to.equal("USSLId=y&UserCert=x");
        expect(canonicalQueryString({ "Backends.2": "c", "Backends.10": "b", "Backends.1": "a" })).to.equal("Backends.1=a&Backends.10=b&Backends.2=c");
    });

    it("keeps empty values as key=", () => {
        expect(canonicalQueryString({ b: "", a: "x" })).to.equal("a=x&b=");
        expect(canonicalQueryString([])).to.equal("");
    });

    it("with percentEncode and hmacSha1Base64, reproduces Alibaba's published RPC signature (alibaba-kms.md §2.3 A)", () => {
        const query = canonicalQueryString({
            AccessKeyId: "testid",
            Action: "DescribeRegions",
            Format: "XML",
            SignatureMethod: "HMAC-SHA1",
            SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            SignatureVersion: "1.0",
            Timestamp: "2016-02-23T12:46:24Z",
            Version: "2014-05-26",
        });
        const stringToSign = `GET&${percentEncode("/")}&${percentEncode(query)}`;
        expect(stringToSign).to.equal(
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
        );
        expect(hmacSha1Base64("testsecret&", stringToSign)).to.equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    });

    it("reproduces Alibaba's published SendSms signature with UTF-8 and a JSON value (alibaba-kms.md §2.3 C)", () => {
        const query = canonicalQueryString({
            AccessKeyId: "testId",
            Action: "SendSms",
            Format: "XML",
            OutId: "123",
            PhoneNumbers: "15300000001",
            RegionId: "cn-hangzhou",
            SignName: "阿里云短信测试专用",
            SignatureMethod: "HMAC-SHA1",
            SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            SignatureVersion: "1.0",
            TemplateCode: "SMS_71390007",
            TemplateParam: '{"customer":"test"}',
            Timestamp: "2017-07-12T02:42:19Z",
            Version: "2017-05-25",
        });
        expect(hmacSha1Base64("testSecret&", `GET&%2F&${percentEncode(query)}`)).to.equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    });
});
