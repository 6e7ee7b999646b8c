import type { AkSkCredentials, AkSkRequest } from "../../../provider/huawei/sign";

export interface AkSkVector {
    readonly name: string;
    readonly source: string;
    readonly credentials: AkSkCredentials;
    readonly now: Date;
    readonly request: AkSkRequest;
    readonly signature: string;
    readonly signedHeaders?: string;
    readonly authorization?: string;
    readonly canonicalRequest?: string;
    readonly canonicalRequestHash?: string;
    readonly canonicalQuery?: string;
    readonly payloadHash?: string;
}

// Huawei's documentation example keys (API Request Signing Guide), not real credentials.
export const DOC_AK = "QTWAOYTTINDUT2QVKYUC";
export const DOC_SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
export const PROJECT = "0123456789abcdef0123456789abcdef";
const GOLDEN_NOW = new Date("2024-01-02T03:04:05Z");
const JSON_TYPE = { "content-type": "application/json" };

const createBody = JSON.stringify({
    name: "cert_demo",
    cert_content: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    private_key: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
    type: "global",
});

const updateBody = JSON.stringify({
    name: "证书_cert1",
    cert_content: "C",
    private_key: "K",
    type: "instance",
    instance_id: "f0fa1789-3b76-433b-a787-9892951c620e",
    algorithm_type: "RSA",
});

// Published vectors: reference/huawei-apig.md §2.2 (Huawei's worked example), §2.3 (Go SDK
// signer_test.go) and §2.5 (computed with the Node SDK core 3.1.211, cross-checked independently).
export const vectors: readonly AkSkVector[] = [
    {
        name: "Huawei's worked example (GET vpcs with a query)",
        source: "support.huaweicloud.com devg-apisign api-sign-algorithm-002/-003",
        credentials: { accessKey: DOC_AK, secretKey: DOC_SK },
        now: new Date("2019-11-15T03:36:55Z"),
        request: {
            method: "GET",
            host: "service.region.example.com",
            path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
            query: { limit: "2", marker: "13551d6b-755d-4757-b956-536f674975c0" },
            headers: JSON_TYPE,
            body: "",
        },
        canonicalRequest: [
            "GET",
            "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/",
            "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
            "content-type:application/json",
            "host:service.region.example.com",
            "x-sdk-date:20191115T033655Z",
            "",
            "content-type;host;x-sdk-date",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ].join("\n"),
        canonicalRequestHash: "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
        signature: "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
        authorization:
            "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    },
    {
        name: "Go SDK signer_test.go GET ?limit=1 (only x-sdk-date signed)",
        source: "huaweicloud/huaweicloud-sdk-go-v3 core/auth/signer/signer_test.go",
        credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
        now: new Date("2006-01-02T15:04:05Z"),
        request: { method: "GET", path: "/path", query: { limit: "1" }, headers: {}, body: "" },
        signedHeaders: "x-sdk-date",
        signature: "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
    },
    {
        name: "Go SDK signer_test.go POST ?key=value, body as Go's json.Encoder writes it (trailing newline)",
        source: "huaweicloud/huaweicloud-sdk-go-v3 core/auth/signer/signer_test.go",
        credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
        now: new Date("2006-01-02T15:04:05Z"),
        request: { method: "POST", path: "/path", query: { key: "value" }, headers: {}, body: '{"Name":"test","Id":1}\n' },
        signedHeaders: "x-sdk-date",
        signature: "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
    },
    {
        name: "CreateCertificateV2 with PEM newlines in the JSON body",
        source: "reference/huawei-apig.md §2.5 vector 1",
        credentials: { accessKey: DOC_AK, secretKey: DOC_SK, projectId: PROJECT },
        now: GOLDEN_NOW,
        request: {
            method: "POST",
            host: "apig.cn-north-4.myhuaweicloud.com",
            path: `/v2/${PROJECT}/apigw/certificates`,
            headers: JSON_TYPE,
            body: createBody,
        },
        payloadHash: "ecb1ce98d79d6f10e371047bf2f5fc61253856790576dafbefb107822e2bc9f2",
        canonicalRequest: [
            "POST",
            `/v2/${PROJECT}/apigw/certificates/`,
            "",
            "content-type:application/json",
            "host:apig.cn-north-4.myhuaweicloud.com",
            `x-project-id:${PROJECT}`,
            "x-sdk-date:20240102T030405Z",
            "",
            "content-type;host;x-project-id;x-sdk-date",
            "ecb1ce98d79d6f10e371047bf2f5fc61253856790576dafbefb107822e2bc9f2",
        ].join("\n"),
        canonicalRequestHash: "294bc88f3ef81445259463e69c2f9024fd3bc7387b5c585c2b4fc79e81971055",
        signedHeaders: "content-type;host;x-project-id;x-sdk-date",
        signature: "f895755bc3aabdc3618dbe7d438f1ca15ad946f50d4f030a42c88defa93da70d",
    },
    {
        name: "DeleteCertificateV2 with temporary credentials (X-Security-Token signed)",
        source: "reference/huawei-apig.md §2.5 vector 2",
        credentials: { accessKey: DOC_AK, secretKey: DOC_SK, projectId: PROJECT, securityToken: "tok123" },
        now: GOLDEN_NOW,
        request: {
            method: "DELETE",
            host: "apig.cn-north-4.myhuaweicloud.com",
            path: `/v2/${PROJECT}/apigw/certificates/a27be832f2e9441c8127fe48e3b5ac67`,
            headers: JSON_TYPE,
            body: "",
        },
        canonicalRequestHash: "e4b5c155932dc88974291bb7cacc88bdd03e182e743ebd69a025eb8d7047f9b9",
        signedHeaders: "content-type;host;x-project-id;x-sdk-date;x-security-token",
        signature: "61a910138911968eb5ce667aa0ad892d2a91725800ccaebf2207186f008140d5",
    },
    {
        name: "ListCertificatesV2 with a space and UTF-8 in the query",
        source: "reference/huawei-apig.md §2.5 vector 3",
        credentials: { accessKey: DOC_AK, secretKey: DOC_SK, projectId: PROJECT },
        now: GOLDEN_NOW,
        request: {
            method: "GET",
            host: "apig.cn-north-4.myhuaweicloud.com",
            path: `/v2/${PROJECT}/apigw/certificates`,
            query: { limit: "20", offset: "0", name: "cert 证书_1", instance_id: "common" },
            headers: JSON_TYPE,
            body: "",
        },
        canonicalQuery: "instance_id=common&limit=20&name=cert%20%E8%AF%81%E4%B9%A6_1&offset=0",
        signedHeaders: "content-type;host;x-project-id;x-sdk-date",
        signature: "7f2961bc228df544c67a823d62e15edaf0112e9b6b43d4259c675af663dd0555",
    },
    {
        name: "UpdateCertificateV2 with a UTF-8 body in another region",
        source: "reference/huawei-apig.md §2.5 vector 4",
        credentials: { accessKey: DOC_AK, secretKey: DOC_SK, projectId: PROJECT },
        now: GOLDEN_NOW,
        request: {
            method: "PUT",
            host: "apig.ap-southeast-1.myhuaweicloud.com",
            path: `/v2/${PROJECT}/apigw/certificates/a27be832f2e9441c8127fe48e3b5ac67`,
            headers: JSON_TYPE,
            body: updateBody,
        },
        payloadHash: "2b4bb8cd0b63d12fb072a85a4fe2e51a13b3ce64730342b03b866eafd3b5f0fd",
        signature: "d9ebf9351aada554eb966b99dd916c04839da6b30204337c291579ee4751a2ce",
    },
];
