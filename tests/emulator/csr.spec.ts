import { expect } from "chai";
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { KJUR } from "jsrsasign";
import type { Emulator } from "../../emulator";
import { startTestEmulator, tcError, tcOk, type TestClock } from "./support";

const FIELDS = {
    Domain: "www.example.com",
    Organization: "Example Ltd",
    Department: "IT",
    Email: "admin@example.com",
    Province: "Guangdong",
    City: "Shenzhen",
    Country: "CN",
    EncryptAlgo: "ECC",
    KeyParameter: "prime256v1",
};

/** The CSR's subject (jsrsasign's "/C=../CN=.." form) and public key. */
function readCsr(pem: string): { subject: string; publicKey: KeyObject; sans: string[] } {
    const param = KJUR.asn1.csr.CSRUtil.getParam(pem) as unknown as {
        subject: { str: string };
        sbjpubkey: string;
        extreq?: { extname: string; array?: { dns?: string }[] }[];
    };
    const san = param.extreq?.find((e) => e.extname === "subjectAltName");
    return { subject: param.subject.str, publicKey: createPublicKey(param.sbjpubkey), sans: (san?.array ?? []).map((n) => n.dns ?? "") };
}

describe("emulator/tencent: CSRs", () => {
    let emulator: Emulator;
    let clock: TestClock;

    before(async () => {
        ({ emulator, clock } = await startTestEmulator());
    });
    beforeEach(() => emulator.reset());
    after(() => emulator.close());

    it("CreateCSR with Generate=true returns an integer Id; DescribeCSR returns the CSR and its private key", async () => {
        const { Id } = await tcOk(emulator, clock, "CreateCSR", { ...FIELDS, Generate: true, Remark: "for the web", SubjectAltName: ["api.example.com"] });
        expect(Id).to.be.a("number");
        expect(Number.isInteger(Id)).to.equal(true);

        const csr = await tcOk(emulator, clock, "DescribeCSR", { CSRId: Id });
        expect(csr).to.include({ ...FIELDS, Id, Remarks: "for the web", Status: 1, KeyPassword: null, CreateTime: "2026-03-01 20:00:00" });
        expect(csr).to.not.have.property("Remark");
        expect(csr.SubjectAltName).to.deep.equal(["api.example.com"]);
        const parsed = readCsr(csr.CSR as string);
        expect(parsed.subject).to.equal("/C=CN/ST=Guangdong/L=Shenzhen/O=Example Ltd/OU=IT/CN=www.example.com/E=admin@example.com");
        expect(parsed.sans).to.deep.equal(["www.example.com", "api.example.com"]);
        expect(createPublicKey(createPrivateKey(csr.PrivateKey as string)).equals(parsed.publicKey)).to.equal(true);
    });

    it("RSA 2048 CSRs, with the private key encrypted by KeyPassword", async () => {
        const { Id } = await tcOk(emulator, clock, "CreateCSR", { ...FIELDS, EncryptAlgo: "RSA", KeyParameter: "2048", Generate: true, KeyPassword: "pa55word" });
        const csr = await tcOk(emulator, clock, "DescribeCSR", { CSRId: Id });
        expect(csr.KeyPassword).to.equal("pa55word");
        expect(csr.PrivateKey).to.contain("ENCRYPTED PRIVATE KEY");
        const key = createPrivateKey({ key: csr.PrivateKey as string, passphrase: "pa55word" });
        expect(key.asymmetricKeyType).to.equal("rsa");
        expect(key.asymmetricKeyDetails?.modulusLength).to.equal(2048);
        expect(createPublicKey(key).equals(readCsr(csr.CSR as string).publicKey)).to.equal(true);
    });

    it("a draft (Generate=false) has no CSR yet, can be modified, and ModifyCSR Generate=true generates it", async () => {
        const { Id } = await tcOk(emulator, clock, "CreateCSR", { ...FIELDS, Generate: false });
        const draft = await tcOk(emulator, clock, "DescribeCSR", { CSRId: Id });
        expect(draft).to.include({ CSR: null, PrivateKey: null, Status: 0 });

        expect(await tcOk(emulator, clock, "ModifyCSR", { CSRId: Id, Generate: false, Organization: "Renamed Ltd", Remark: "v2" })).to.include({ Id });
        expect(await tcOk(emulator, clock, "DescribeCSR", { CSRId: Id })).to.include({ Organization: "Renamed Ltd", Remarks: "v2", CSR: null });

        await tcOk(emulator, clock, "ModifyCSR", { CSRId: Id, Generate: true, Domain: "shop.example.com" });
        const generated = await tcOk(emulator, clock, "DescribeCSR", { CSRId: Id });
        expect(generated.Status).to.equal(1);
        expect(readCsr(generated.CSR as string).subject).to.contain("/O=Renamed Ltd/").and.contain("/CN=shop.example.com/");
    });

    it("ModifyCSR is refused once the CSR was generated → FailedOperation", async () => {
        const { Id } = await tcOk(emulator, clock, "CreateCSR", { ...FIELDS, Generate: true });
        expect(await tcError(emulator, clock, "ModifyCSR", { CSRId: Id, Generate: false, City: "Beijing" })).to.equal("FailedOperation");
        expect(await tcError(emulator, clock, "ModifyCSR", { CSRId: Id, Generate: true })).to.equal("FailedOperation");
    });

    it("DescribeCSRSet lists newest first with Total, without key material, filtered by Domain and EncryptAlgo", async () => {
        const a = (await tcOk(emulator, clock, "CreateCSR", { ...FIELDS, Domain: "a.example.com", Generate: false })).Id;
        const b = (await tcOk(emulator, clock, "CreateCSR", { ...FIELDS, Domain: "b.example.org", EncryptAlgo: "RSA", KeyParameter: "2048", Generate: false })).Id;
        const all = await tcOk(emulator, clock, "DescribeCSRSet", {});
        expect(all.Total).to.equal(2);
        const set = all.Set as Record<string, unknown>[];
        expect(set.map((s) => s.Id)).to.deep.equal([b, a]);
        expect(set[0]).to.not.have.property("PrivateKey");
        expect(set[0]).to.not.have.property("KeyPassword");
        expect(set[0]).to.have.property("Remarks");
        expect(((await tcOk(emulator, clock, "DescribeCSRSet", { Domain: "example.org" })).Set as { Id: number }[]).map((s) => s.Id)).to.deep.equal([b]);
        expect(((await tcOk(emulator, clock, "DescribeCSRSet", { EncryptAlgo: "ECC" })).Set as { Id: number }[]).map((s) => s.Id)).to.deep.equal([a]);
        expect(((await tcOk(emulator, clock, "DescribeCSRSet", { Limit: 1, Offset: 1 })).Set as { Id: number }[]).map((s) => s.Id)).to.deep.equal([a]);
    });

    it("BatchDeleteCSR deletes and returns in Success only the IDs that existed", async () => {
        const a = (await tcOk(emulator, clock, "CreateCSR", { ...FIELDS, Generate: false })).Id;
        const b = (await tcOk(emulator, clock, "CreateCSR", { ...FIELDS, Generate: false })).Id;
        expect((await tcOk(emulator, clock, "BatchDeleteCSR", { CSRIds: [11, a, b] })).Success).to.deep.equal([a, b]);
        expect(await tcError(emulator, clock, "DescribeCSR", { CSRId: a })).to.equal("InvalidParameter.InvalidCSRId");
        expect((await tcOk(emulator, clock, "BatchDeleteCSR", { CSRIds: [a] })).Success).to.deep.equal([]);
    });

    it("unknown CSR ID → InvalidParameter.InvalidCSRId", async () => {
        expect(await tcError(emulator, clock, "DescribeCSR", { CSRId: 999999 })).to.equal("InvalidParameter.InvalidCSRId");
        expect(await tcError(emulator, clock, "ModifyCSR", { CSRId: 999999, Generate: false })).to.equal("InvalidParameter.InvalidCSRId");
    });

    describe("CreateCSR validation", () => {
        const bad: [string, Record<string, unknown>][] = [
            ["EncryptAlgo not RSA/ECC", { EncryptAlgo: "DSA" }],
            ["RSA with a curve", { EncryptAlgo: "RSA", KeyParameter: "prime256v1" }],
            ["RSA 1024", { EncryptAlgo: "RSA", KeyParameter: "1024" }],
            ["ECC with a bit length", { EncryptAlgo: "ECC", KeyParameter: "2048" }],
            ["a country name instead of an ISO code", { Country: "China" }],
            ["a lower-case country code", { Country: "cn" }],
            ["an invalid email", { Email: "not-an-email" }],
            ["an invalid domain", { Domain: "bad domain!" }],
            ["an empty organisation", { Organization: "" }],
            ["an invalid SubjectAltName", { SubjectAltName: ["ok.example.com", "no spaces.example.com"] }],
        ];
        for (const [name, change] of bad) {
            it(`${name} → FailedOperation.InvalidParam`, async () => {
                expect(await tcError(emulator, clock, "CreateCSR", { ...FIELDS, Generate: false, ...change })).to.equal("FailedOperation.InvalidParam");
            });
        }
        it("every documented required field is required → MissingParameter", async () => {
            for (const name of [...Object.keys(FIELDS), "Generate"]) {
                const params: Record<string, unknown> = { ...FIELDS, Generate: false };
                delete params[name];
                expect(await tcError(emulator, clock, "CreateCSR", params), name).to.equal("MissingParameter");
            }
        });
        it("Remarks (the response name) is not a request parameter → UnknownParameter", async () => {
            expect(await tcError(emulator, clock, "CreateCSR", { ...FIELDS, Generate: false, Remarks: "x" })).to.equal("UnknownParameter");
        });
    });
});
