import type { Acs3Credentials, Acs3Request, Acs3SignOptions } from "../../../provider/alibaba/sign";

export interface Acs3Vector {
    readonly name: string;
    readonly source: string;
    readonly credentials: Acs3Credentials;
    readonly request: Acs3Request;
    readonly options: Acs3SignOptions;
    readonly authorization: string;
    readonly canonicalRequestHash?: string;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// reference/alibaba-kms.md §2.4. The credentials are the documentation's placeholders, not real keys.
export const vectors: readonly Acs3Vector[] = [
    {
        name: "V3 signature doc example (ECS RunInstances)",
        source: "www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature (published)",
        credentials: { accessKeyId: "YourAccessKeyId", accessKeySecret: "YourAccessKeySecret" },
        request: {
            method: "POST",
            host: "ecs.cn-shanghai.aliyuncs.com",
            path: "/",
            query: { ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", RegionId: "cn-shanghai" },
            headers: {},
            body: "",
        },
        options: { action: "RunInstances", version: "2014-05-26", now: new Date("2023-10-26T10:22:32Z"), nonce: "3156853299f313e23d1673dc12e1703d" },
        canonicalRequestHash: "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
        authorization:
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version," +
            "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    },
    {
        name: "KMS CreateCertificate (computed with openapi-util for the reference, not published)",
        source: "reference/alibaba-kms.md §2.4, second vector",
        credentials: { accessKeyId: "YourAccessKeyId", accessKeySecret: "YourAccessKeySecret" },
        request: {
            method: "POST",
            host: "kms.cn-hangzhou.aliyuncs.com",
            path: "/",
            query: {
                KeySpec: "EC_P256",
                Subject: "CN=test,OU=kms,O=aliyun,C=CN",
                SubjectAlternativeNames: '["a.example.com","b.example.com"]',
                ExportablePrivateKey: "false",
            },
            headers: {},
            body: "",
        },
        options: { action: "CreateCertificate", version: "2016-01-20", now: new Date("2023-10-26T10:22:32Z"), nonce: "3156853299f313e23d1673dc12e1703d" },
        authorization:
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version," +
            "Signature=55d95b34560060a46348535b99c19c3adcc83ec8825dca5e256076b0cbd48512",
    },
];

export { EMPTY_SHA256 };
