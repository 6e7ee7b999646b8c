import type { ScloudParams, ScloudScalar } from "../../../provider/scloud/sign";

export interface ScloudVector {
    readonly name: string;
    readonly source: string;
    /** The parameters as the vector states them, PublicKey included (the signer covers it like any other). */
    readonly params: ScloudParams;
    readonly privateKey: string;
    readonly signature: string;
    /** The signing string without the private key, where the source prints it. */
    readonly signingString?: string;
}

// The documentation's example keys (UCloud's and SCloud's signature pages), not real credentials.
export const EXAMPLE_PUBLIC_KEY = "ucloudsomeone@example.com1296235120854146120";
export const EXAMPLE_PRIVATE_KEY = "46f09bb9fab4f12dfc160dae12273d5332b5debe";

const createUHost = {
    Action: "CreateUHostInstance",
    CPU: 2,
    ChargeType: "Month",
    DiskSpace: 10,
    ImageId: "f43736e1-65a5-4bea-ad2e-8a46e18883c2",
    LoginMode: "Password",
    Memory: 2048,
    Name: "Host01",
    Password: "VUNsb3VkLmNu",
    PublicKey: EXAMPLE_PUBLIC_KEY,
    Quantity: 1,
    Region: "cn-bj2",
    Zone: "cn-bj2-04",
} as const;

/** Published vectors, V1–V8 of reference/scloud.md §2.4 (V9 is Go-specific; see goTypeRendering). */
export const vectors: readonly ScloudVector[] = [
    {
        name: "V1 DescribeUHostInstance (UCloud signature page; JS SDK credential test)",
        source: "UCloudDoc-Team/api summary/signature.md; ucloud/ucloud-sdk-js src/core/credential/index.test.ts",
        // The JS SDK test also passes Foo: null, which is skipped.
        params: { Action: "DescribeUHostInstance", Region: "cn-bj2", Limit: 10, PublicKey: EXAMPLE_PUBLIC_KEY, Foo: null },
        privateKey: EXAMPLE_PRIVATE_KEY,
        signingString: "ActionDescribeUHostInstanceLimit10PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj2",
        signature: "cba5cf5ec4d4233d206b1b54951e3787350a642f",
    },
    {
        name: "V2 DescribeUHostInstance with SCloud's example public key",
        source: "https://docs.scloudsg.com/en/docs/api/summary/signature (also docs.tnqacloud.com)",
        params: { Action: "DescribeUHostInstance", Region: "cn-bj2", Limit: 10, PublicKey: "someone@example.com1296235120854146120" },
        privateKey: EXAMPLE_PRIVATE_KEY,
        signature: "4201919d267504385deb93af19e0197870fed36b",
    },
    {
        name: "V3 DescribeUHostInstance in vn-sng (scloud.sg)",
        source: "https://docs.scloud.sg/api/common/signature-algorithm",
        params: { Action: "DescribeUHostInstance", Region: "vn-sng", Limit: 10, PublicKey: "john.doe@example.com1296235120854146120" },
        privateKey: EXAMPLE_PRIVATE_KEY,
        signature: "52fc1191f026532c9100946c6a863a90d5f766ed",
    },
    {
        name: "V4 CreateUHostInstance (Go and Python SDK tests)",
        source: "ucloud/ucloud-sdk-go ucloud/auth/credential_test.go; ucloud/ucloud-sdk-python3 tests/test_unit/test_core/test_auth.py",
        params: createUHost,
        privateKey: EXAMPLE_PRIVATE_KEY,
        signature: "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65",
    },
    {
        name: "V5 CreateUHostInstance with an STS security token",
        source: "ucloud/ucloud-sdk-go ucloud/auth/credential_test.go TestCredential_STSCredential",
        params: { ...createUHost, SecurityToken: "some_stoken" },
        privateKey: EXAMPLE_PRIVATE_KEY,
        signature: "170c480ad176a247b324eb92a2cfe536aacfbd04",
    },
    {
        name: "V6 AllocateBackendBatch with a 12-element array (Backends.10 sorts before Backends.2)",
        source: "ucloud/ucloud-sdk-go ucloud/auth/credential_test.go longArray",
        params: { Action: "AllocateBackendBatch", Backends: ["foo", "bar", "42", "foo", "bar", "42", "foo", "bar", "42", "foo", "bar", "42"], PublicKey: EXAMPLE_PUBLIC_KEY },
        privateKey: EXAMPLE_PRIVATE_KEY,
        signature: "6bc32642779f8cb0bb3d3f128b1c0688abf9a1a3",
    },
    {
        name: "V7 a single parameter, no PublicKey (Python doctest)",
        source: "ucloud/ucloud-sdk-python3 ucloud/core/auth/_cfg.py",
        params: { foo: "bar" },
        privateKey: "my_private_key",
        signingString: "foobar",
        signature: "634edc1bb957c0d65e5ab5494cf3b7784fbc87af",
    },
    {
        name: "V8 a parameter and a PublicKey (Python doctest)",
        source: "ucloud/ucloud-sdk-python3 ucloud/core/auth/_cfg.py",
        params: { foo: "bar", PublicKey: "my_public_key" },
        privateKey: "my_private_key",
        signingString: "PublicKeymy_public_keyfoobar",
        signature: "d4411ab30953fb0bbcb1e7313081f05e4e91a394",
    },
];

/**
 * Not published: computed for reference/scloud.md §2.4 by running the upstream JS and Python SDK
 * code, which agreed. They cover what the published ones do not: the CreateSSL shape with
 * multi-line PEM and a non-ASCII name, and every rendering and flattening rule at once.
 */
export const derivedVectors: readonly ScloudVector[] = [
    {
        name: "D1 CreateSSL with multi-line PEM and a non-ASCII name",
        source: "reference/scloud.md §2.4 D1 (upstream JS and Python SDK code)",
        params: {
            Action: "CreateSSL",
            Region: "sg",
            ProjectId: "org-abc123",
            SSLName: "证书-1",
            SSLType: "Pem",
            UserCert: "-----BEGIN CERTIFICATE-----\nMIIBfakeUSER\n-----END CERTIFICATE-----\n",
            PrivateKey: "-----BEGIN RSA PRIVATE KEY-----\nMIIEfakeKEY\n-----END RSA PRIVATE KEY-----\n",
            CaCert: "-----BEGIN CERTIFICATE-----\nMIIBfakeCA\n-----END CERTIFICATE-----\n",
            PublicKey: EXAMPLE_PUBLIC_KEY,
        },
        privateKey: EXAMPLE_PRIVATE_KEY,
        signature: "658dee659266790237b2a6979d1fa7677716efe5",
    },
    {
        name: "D2 DescribeSSL with booleans, 42.0, 3.5, an array, an object and an array of objects",
        source: "reference/scloud.md §2.4 D2 (upstream JS and Python SDK code)",
        params: {
            Action: "DescribeSSL",
            Region: "cn-bj2",
            Limit: 20,
            Offset: 0,
            Flag: true,
            Off: false,
            Ratio: 42.0,
            Pi: 3.5,
            Ids: ["ssl-b", "ssl-a"],
            Obj: { K: "v" },
            Nested: [{ A: 1 }],
            PublicKey: EXAMPLE_PUBLIC_KEY,
        },
        privateKey: EXAMPLE_PRIVATE_KEY,
        signingString:
            "ActionDescribeSSLFlagtrueIds.0ssl-bIds.1ssl-aLimit20Nested.0.A1Obj.KvOfffalseOffset0Pi3.5PublicKeyucloudsomeone@example.com1296235120854146120Ratio42Regioncn-bj2",
        signature: "1cff394eb4fdd4eb85858eb0549003727d924091",
    },
];

export interface DocBug {
    readonly name: string;
    readonly params: ScloudParams;
    readonly privateKey: string;
    /** What the page prints for these inputs. */
    readonly printed: string;
    /** What the inputs really sign to, with the published vector that proves it. */
    readonly actual: string;
    readonly explanation: string;
}

/** reference/scloud.md §1 "Doc bugs": a correct signer must NOT reproduce these printed values. */
export const docBugs: readonly DocBug[] = [
    {
        name: "surfercloud.com and docs.dezai.com print V1's signature beside V2's public key",
        params: { Action: "DescribeUHostInstance", Region: "cn-bj2", Limit: 10, PublicKey: "someone@example.com1296235120854146120" },
        privateKey: EXAMPLE_PRIVATE_KEY,
        printed: "cba5cf5ec4d4233d206b1b54951e3787350a642f",
        actual: "4201919d267504385deb93af19e0197870fed36b",
        explanation: "cba5cf5e… is the signature for PublicKey ucloudsomeone@…, so the page contradicts itself (docs.scloudsg.com prints 4201919d… for the same inputs)",
    },
];

export interface FlatteningVector {
    readonly name: string;
    readonly source: string;
    readonly params: ScloudParams;
    /** The flattened parameters with each value as its signed text. */
    readonly rendered: Readonly<Record<string, string>>;
    /** The flattened parameters with JS types kept, where the source states them (the JS SDK's Request). */
    readonly typed?: Readonly<Record<string, ScloudScalar>>;
}

/** Published flattening and rendering tables of the SDKs. */
export const flatteningVectors: readonly FlatteningVector[] = [
    ...(
        [
            [{ foo: "bar" }, { foo: "bar" }],
            [{ foo: 42 }, { foo: "42" }],
            [{ foo: 42.42 }, { foo: "42.42" }],
            [{ foo: 42.0 }, { foo: "42" }],
            [{ foo: true }, { foo: "true" }],
            [{ foo: false }, { foo: "false" }],
            [{ IP: ["127.0.0.1"] }, { "IP.0": "127.0.0.1" }],
            [{ TemplateParams: ["中文"] }, { "TemplateParams.0": "中文" }],
            [{ IP: ["foo", "bar"] }, { "IP.0": "foo", "IP.1": "bar" }],
            [{ IP: [{ foo: "bar" }] }, { "IP.0.foo": "bar" }],
        ] as Array<[ScloudParams, Record<string, string>]>
    ).map(([params, rendered], i) => ({
        name: `Python encoder case ${i + 1}: ${JSON.stringify(params)}`,
        source: "ucloud/ucloud-sdk-python3 tests/test_unit/test_core/test_encoder.py",
        params,
        rendered,
    })),
    {
        name: "JS SDK Request.toObject: null skipped, arrays, objects, arrays of objects",
        source: "ucloud/ucloud-sdk-js src/core/request/index.test.ts",
        params: { Name: "foo", CPU: 1, Size: 42.0, Foo: null, UHostIds: ["uhost-xxx", "uhost-yyy"], Led: { Enabled: true }, NetworkInterface: [{ Bandwidth: 42 }] },
        typed: { Name: "foo", CPU: 1, Size: 42, "UHostIds.0": "uhost-xxx", "UHostIds.1": "uhost-yyy", "Led.Enabled": true, "NetworkInterface.0.Bandwidth": 42 },
        rendered: { Name: "foo", CPU: "1", Size: "42", "UHostIds.0": "uhost-xxx", "UHostIds.1": "uhost-yyy", "Led.Enabled": "true", "NetworkInterface.0.Bandwidth": "42" },
    },
];

/**
 * V9 (ucloud/ucloud-sdk-go ucloud/auth/signature_test.go, private key "foo"): Go's own map2String,
 * which concatenates container values without index keys and keeps empty ones, so the vector as a
 * whole is not one for the flattened form we send (as the JS and Python SDKs do, scloud.md §2.2).
 * Its published signing string still fixes how scalars render, float32 42.1 included.
 */
export const goTypeRendering = {
    source: "ucloud/ucloud-sdk-go ucloud/auth/signature_test.go TestSign",
    privateKey: "foo",
    signature: "682fc4fbb46a71c6c690a1f8cb233f4174662845",
    signingString:
        "arr2foobararrMapfoobararrMapMissTyped1arrMapMissTyped2arrayfoobarboolValuetrueboolValuePointertruefloat32TValue42float32TValuePointer42float32Value42.099998474121094float32ValuePointer42.099998474121094float64TValue42float64TValuePointer42float64Value42.1float64ValuePointer42.1int42int1642int16Pointer42int3242int32Pointer42int6442int64Pointer42int842int8Pointer42intPointer42mapfoobarmapArrMapMissTypedstrValuefoostrValuePointerfoouint42uint1642uint16Pointer42uint3242uint32Pointer42uint6442uint64Pointer42uint842uint8Pointer42uintPointer42",
    /** Scalars of the Go test, as JS values (float32 42.1 is Math.fround(42.1)). */
    scalars: {
        boolValue: true,
        float32TValue: 42.0,
        float32Value: Math.fround(42.1),
        float64TValue: 42.0,
        float64Value: 42.1,
        int: 42,
        strValue: "foo",
    } as Readonly<Record<string, ScloudScalar>>,
};
