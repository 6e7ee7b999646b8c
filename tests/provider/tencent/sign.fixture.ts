import type { Tc3Credentials, Tc3Request } from "../../../provider/tencent/sign";

export interface Tc3Vector {
    readonly name: string;
    readonly source: string;
    readonly credentials: Tc3Credentials;
    readonly service: string;
    readonly timestamp: number;
    readonly request: Tc3Request;
    readonly signature: string;
    readonly authorization?: string;
    readonly canonicalRequestHash?: string;
    readonly payloadHash?: string;
}

// Published vectors (reference/tencent.md §5.2–5.4). Example credentials, not real ones.
export const vectors: readonly Tc3Vector[] = [
    {
        name: "official Signature v3 doc example (CVM DescribeInstances)",
        source: "Tencent Cloud API 3.0 signature v3 documentation",
        credentials: { secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE" },
        service: "cvm",
        timestamp: 1551113065,
        request: {
            method: "POST",
            host: "cvm.tencentcloudapi.com",
            path: "/",
            query: "",
            headers: { "content-type": "application/json; charset=utf-8" },
            body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
        },
        payloadHash: "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
        canonicalRequestHash: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
        signature: "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
    },
    {
        name: "Node SDK unit test (test/common/sign.test.ts)",
        source: "TencentCloud/tencentcloud-sdk-nodejs",
        credentials: { secretId: "test-secret-id", secretKey: "test-secret-key" },
        service: "cvm",
        timestamp: 1640995200,
        request: {
            method: "POST",
            host: "cvm.tencentcloudapi.com",
            path: "/",
            query: "",
            headers: { "content-type": "application/json" },
            body: '{"Action":"DescribeInstances","Version":"2017-03-12"}',
        },
        signature: "96473b50fe407833672a5d6d067238d88bb44c8abcc39ef83baa3132afbfadd3",
        authorization:
            "TC3-HMAC-SHA256 Credential=test-secret-id/2022-01-01/cvm/tc3_request, SignedHeaders=content-type;host, Signature=96473b50fe407833672a5d6d067238d88bb44c8abcc39ef83baa3132afbfadd3",
    },
    {
        name: "SSL DescribeCertificateDetail, mainland host",
        source: "reference/tencent.md §5.4 (agreed with SDK sign3)",
        credentials: { secretId: "AKIDEXAMPLE", secretKey: "SECRETEXAMPLE" },
        service: "ssl",
        timestamp: 1700000000,
        request: { method: "POST", host: "ssl.tencentcloudapi.com", path: "/", query: "", headers: { "content-type": "application/json" }, body: '{"CertificateId":"abc123XY"}' },
        payloadHash: "fe66a9719de0d26284d8a6f94164deaf49b2f5970ea3ccedb2ea6428efb09fdc",
        signature: "1c693d7b2556ee652dd2cd8a90e80c82fe86ad73459f4997b823c2b027a9cfde",
    },
    {
        name: "SSL DescribeCertificateDetail, international host",
        source: "reference/tencent.md §5.4 (agreed with SDK sign3)",
        credentials: { secretId: "AKIDEXAMPLE", secretKey: "SECRETEXAMPLE" },
        service: "ssl",
        timestamp: 1700000000,
        request: { method: "POST", host: "ssl.intl.tencentcloudapi.com", path: "/", query: "", headers: { "content-type": "application/json" }, body: '{"CertificateId":"abc123XY"}' },
        signature: "5b15c46c103cddb78bb63ac3d88770bd14ade1b646f07d4e850f54996f5692e9",
    },
    {
        name: "SSL empty body",
        source: "reference/tencent.md §5.4 (agreed with SDK sign3)",
        credentials: { secretId: "AKIDEXAMPLE", secretKey: "SECRETEXAMPLE" },
        service: "ssl",
        timestamp: 1700000000,
        request: { method: "POST", host: "ssl.tencentcloudapi.com", path: "/", query: "", headers: { "content-type": "application/json" }, body: "{}" },
        payloadHash: "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        signature: "82c50fd3a981e4aee3acd21eef14dc907032d32448d677fd7c521e1efde0422b",
    },
    {
        name: "SSL with x-tc-action signed",
        source: "reference/tencent.md §5.4 (signature v3 doc variant that signs x-tc-action)",
        credentials: { secretId: "AKIDEXAMPLE", secretKey: "SECRETEXAMPLE" },
        service: "ssl",
        timestamp: 1700000000,
        request: {
            method: "POST",
            host: "ssl.tencentcloudapi.com",
            path: "/",
            query: "",
            headers: { "content-type": "application/json", "x-tc-action": "DescribeCertificateDetail" },
            body: '{"CertificateId":"abc123XY"}',
        },
        signature: "a4295b6cf12a150553051578d5c85d0f348483b04536abf3b125db9fabb38666",
    },
];
