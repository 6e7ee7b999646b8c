import { expect } from "chai";
import { UNKNOWN } from "../../../provider/core/unknown";
import { tencentCertificateProviderImpl as cert } from "../../../provider/tencent/certificateProvider";
import { tencentCsrProviderImpl as csr } from "../../../provider/tencent/csrProvider";
import { testChain } from "../../support/pki";

type Bag = Record<string, unknown>;
const chain = testChain("review.example.com");
const key = chain.leaf.privateKeyPem;
const validCert = (): Bag => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, __cloudcertsName: "web" });
const validCsr = (): Bag => ({
    domain: "www.example.com", organization: "Example", department: "IT", email: "admin@example.com",
    province: "Beijing", city: "Beijing", country: "CN", encryptAlgo: "RSA", keyParameter: "2048", __cloudcertsName: "req",
});

function hasUndefined(v: unknown): boolean {
    if (v === undefined) return true;
    if (Array.isArray(v)) return v.some(hasUndefined);
    if (v !== null && typeof v === "object") return Object.values(v).some(hasUndefined);
    return false;
}

describe("tencent on the framework: check is total (hostile inputs fail cleanly, never throw)", () => {
    const certCases: Array<[string, Bag]> = [
        ["certificatePublicKey as a number", { ...validCert(), certificatePublicKey: 12345 }],
        ["certificatePublicKey as an object", { ...validCert(), certificatePublicKey: { pem: "x" } }],
        ["certificatePublicKey as an array", { ...validCert(), certificatePublicKey: [chain.chainPem] }],
        ["certificatePrivateKey as a number", { ...validCert(), certificatePrivateKey: 42 }],
        ["keyPassword as a number", { ...validCert(), keyPassword: 42 }],
        ["keyPassword as an object", { ...validCert(), keyPassword: { a: 1 } }],
        ["tags as an array", { ...validCert(), tags: ["a", "b"] }],
        ["tags as a string", { ...validCert(), tags: "env=prod" }],
        ["alias as a number", { ...validCert(), alias: 7 }],
        ["alias as an object", { ...validCert(), alias: { a: 1 } }],
        ["certificateType as a number", { ...validCert(), certificateType: 1 }],
        ["certificateUse as a number", { ...validCert(), certificateUse: 5 }],
        ["certificateUse as an array", { ...validCert(), certificateUse: ["CLB"] }],
        ["repeatable as a string", { ...validCert(), repeatable: "false" }],
        ["expiryWarningDays as a string", { ...validCert(), expiryWarningDays: "30" }],
        ["alias 1 MB long", { ...validCert(), alias: "a".repeat(1 << 20) }],
        ["alias with a NUL", { ...validCert(), alias: "web\u0000x" }],
        ["__cloudcertsName as a number", { ...validCert(), __cloudcertsName: 5 }],
        ["__defaults as a string", { ...validCert(), __defaults: "alias" }],
        ["a 4 MB garbage certificate", { ...validCert(), certificatePublicKey: "-----BEGIN CERTIFICATE-----\n" + "A".repeat(4 << 20) + "\n-----END CERTIFICATE-----" }],
    ];
    for (const [name, news] of certCases) {
        it(`TencentCertificate: ${name}`, async function () {
            this.timeout(20000);
            const res = await cert.check({} as never, news as never);
            expect(hasUndefined(res.inputs), "undefined in checked inputs").to.equal(false);
            if (name !== "__cloudcertsName as a number" && name !== "__defaults as a string") expect((res.failures ?? []).length).to.be.greaterThan(0);
        });
    }
    const csrCases: Array<[string, Bag]> = [
        ["domain as a number", { ...validCsr(), domain: 5 }],
        ["keyParameter as an object", { ...validCsr(), keyParameter: { bits: 2048 } }],
        ["keyParameter as an array", { ...validCsr(), keyParameter: ["2048"] }],
        ["country as a number", { ...validCsr(), country: 86 }],
        ["encryptAlgo as a number", { ...validCsr(), encryptAlgo: 1 }],
        ["tags as an array", { ...validCsr(), tags: [{ TagKey: "a", TagValue: "b" }] }],
        ["keyPassword as a number", { ...validCsr(), keyPassword: 1234 }],
        ["generate as a string", { ...validCsr(), generate: "yes" }],
        ["remark as an object", { ...validCsr(), remark: { a: 1 } }],
        ["organization with a control character", { ...validCsr(), organization: "Ex\u0007ample" }],
    ];
    for (const [name, news] of csrCases) {
        it(`TencentCsr: ${name}`, async () => {
            const res = await csr.check({} as never, news as never);
            expect(hasUndefined(res.inputs)).to.equal(false);
            expect((res.failures ?? []).length).to.be.greaterThan(0);
        });
    }
});

describe("tencent on the framework: check failures never echo secrets", () => {
    it("TencentCsr: a keyPassword with a control character or of the wrong type is reported with property \"\"", async () => {
        for (const keyPassword of [1234, { p: "hunter2-secret" }, "x".repeat(200)]) {
            const res = await csr.check({} as never, { ...validCsr(), keyPassword } as never);
            for (const f of res.failures ?? []) expect(f.property, JSON.stringify(f)).to.not.equal("keyPassword");
        }
    });
    it("TencentCertificate: a non-string keyPassword is reported with property \"\"", async () => {
        const res = await cert.check({} as never, { ...validCert(), keyPassword: 1234 } as never);
        for (const f of res.failures ?? []) expect(f.property, JSON.stringify(f)).to.not.equal("keyPassword");
    });
});

describe("tencent on the framework: check is stable", () => {
    it("TencentCertificate: check(olds, check(x).inputs) keeps every value (alias, defaults)", async () => {
        const first = (await cert.check({} as never, validCert() as never)).inputs as unknown as Bag;
        const again = (await cert.check(first as never, { ...validCert() } as never)).inputs as unknown as Bag;
        expect(again).to.deep.equal(first);
        const fromChecked = (await cert.check({} as never, first as never)).inputs as unknown as Bag;
        expect(fromChecked).to.deep.equal(first);
    });
    it("TencentCsr: check(olds, check(x).inputs) is identical (keyParameter as a number)", async () => {
        const first = (await csr.check({} as never, { ...validCsr(), keyParameter: 2048 } as never)).inputs as unknown as Bag;
        const again = (await csr.check(first as never, first as never));
        expect(again.failures ?? []).to.deep.equal([]);
        expect(again.inputs).to.deep.equal(first);
    });
    it("TencentCertificate: an auto-name survives a user clearing then setting unknown alias during preview", async () => {
        const first = (await cert.check({} as never, validCert() as never)).inputs as unknown as Bag;
        const preview = (await cert.check(first as never, { ...validCert(), alias: UNKNOWN } as never)).inputs as unknown as Bag;
        expect(preview.alias).to.equal(UNKNOWN);
        expect(hasUndefined(preview)).to.equal(false);
    });
});

describe("tencent on the framework: diff", () => {
    async function outputsFor(news: Bag): Promise<Bag> {
        const inputs = (await cert.check({} as never, news as never)).inputs as unknown as Bag;
        return { ...inputs, certificateId: "abc123", domain: "review.example.com", status: 1, adopted: false };
    }
    it("TencentCertificate: no change for identical inputs", async () => {
        const olds = await outputsFor(validCert());
        const news = (await cert.check(olds as never, validCert() as never)).inputs;
        const d = await cert.diff("abc123", olds as never, news as never);
        expect(d.changes).to.equal(false);
    });
    it("TencentCertificate: CRLF and tag order are not changes", async () => {
        const olds = await outputsFor({ ...validCert(), tags: { a: "1", b: "2" } });
        const news = (await cert.check(olds as never, { ...validCert(), certificatePublicKey: chain.chainPem.replace(/\n/g, "\r\n") + "\r\n", tags: { b: "2", a: "1" } } as never)).inputs;
        expect((await cert.diff("abc123", olds as never, news as never)).changes).to.equal(false);
    });
    it("TencentCertificate: an unknown nested in tags is a change, not a replacement", async () => {
        const olds = await outputsFor({ ...validCert(), tags: { a: "1" } });
        const news = (await cert.check(olds as never, { ...validCert(), tags: { a: UNKNOWN } } as never)).inputs;
        const d = await cert.diff("abc123", olds as never, news as never);
        expect(d.changes).to.equal(true);
        expect(d.replaces).to.deep.equal([]);
    });
    it("TencentCertificate: state written by 0.x (no __defaults, alias \"\", no expiryWarningDays) gets no replacement", async () => {
        const olds: Bag = { certificatePublicKey: chain.chainPem, certificatePrivateKey: key, certificateType: "SVR", alias: "", projectId: 0, certificateUse: "", tags: {}, repeatable: true, certificateId: "abc123", adopted: false };
        const checked = (await cert.check(olds as never, validCert() as never)).inputs as unknown as Bag;
        expect(checked.alias).to.equal("");
        const d = await cert.diff("abc123", olds as never, checked as never);
        expect(d.replaces).to.deep.equal([]);
    });
    it("TencentCsr: a generated CSR whose generate input is false shows no replacement after refresh", async () => {
        const inputs = (await csr.check({} as never, { ...validCsr(), generate: false } as never)).inputs as unknown as Bag;
        // refresh: the CSR was generated in the console; read reports generate true and csr text.
        const refreshed: Bag = { ...inputs, generate: true, csrId: "12", csr: "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", privateKey: "", status: 1, createTime: "" };
        const news = (await csr.check(inputs as never, { ...validCsr(), generate: false } as never)).inputs;
        const d = await csr.diff("12", refreshed as never, news as never);
        expect(d.replaces ?? [], "a hand-generated CSR (maybe already at a CA) would be deleted and recreated").to.deep.equal([]);
    });
});

describe("tencent on the framework: a private key pasted into a non-secret input is never printed by the engine", () => {
    // The engine prints the value of the failing property (reference §2): a failure on a non-secret
    // property whose value holds a private key must use property "" (as certificatePublicKey does).
    const cases: Array<[string, () => Promise<{ property: string }[]>]> = [
        ["TencentCertificate alias", async () => (await cert.check({} as never, { ...validCert(), alias: key } as never)).failures ?? []],
        ["TencentCertificate certificateUse", async () => (await cert.check({} as never, { ...validCert(), certificateUse: key } as never)).failures ?? []],
        ["TencentCertificate tags value", async () => (await cert.check({} as never, { ...validCert(), tags: { tls: key } } as never)).failures ?? []],
        ["TencentCsr remark", async () => (await csr.check({} as never, { ...validCsr(), remark: key } as never)).failures ?? []],
        ["TencentCsr organization", async () => (await csr.check({} as never, { ...validCsr(), organization: key } as never)).failures ?? []],
    ];
    for (const [name, run] of cases) {
        it(name, async () => {
            const failures = await run();
            expect(failures.length).to.be.greaterThan(0);
            const named = failures.filter((f) => f.property !== "");
            expect(named, JSON.stringify(failures)).to.deep.equal([]);
        });
    }
});

describe("tencent on the framework: diff compares keys by what they are", () => {
    it("TencentCertificate: the same private key re-exported as PKCS#1 is not a replacement", async () => {
        const { createPrivateKey } = await import("node:crypto");
        const pkcs1 = createPrivateKey(key).export({ type: "pkcs1", format: "pem" }).toString();
        expect(pkcs1).to.contain("BEGIN RSA PRIVATE KEY");
        const olds = { ...((await cert.check({} as never, validCert() as never)).inputs as unknown as Bag), certificateId: "abc123", adopted: false };
        const news = (await cert.check(olds as never, { ...validCert(), certificatePrivateKey: pkcs1 } as never)).inputs;
        const d = await cert.diff("abc123", olds as never, news as never);
        // toOutputs already treats a key in another encoding as the same key (no drift); diff should agree.
        expect(d.replaces).to.deep.equal([]);
    });
});
