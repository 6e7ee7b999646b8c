import { expect } from "chai";
import { createPrivateKey } from "node:crypto";
import { UNKNOWN } from "../../../provider/core/unknown";
import { callTencent } from "../../../provider/tencent/client";
import { tencentCsrProvider as provider, type TencentCsrInputs } from "../../../provider/tencent/csr";
import { useEmulator } from "../../support/emulator";

const base = {
    domain: "shop.example.com",
    organization: "Example Ltd",
    department: "Platform",
    email: "pki@example.com",
    province: "Guangdong",
    city: "Shenzhen",
    country: "CN",
    encryptAlgo: "ECC",
    keyParameter: "prime256v1",
};

async function checked(news: Record<string, unknown>): Promise<TencentCsrInputs> {
    const res = await provider.check({} as TencentCsrInputs, news as unknown as TencentCsrInputs);
    expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
    return res.inputs as TencentCsrInputs;
}

async function reasons(news: Record<string, unknown>): Promise<string> {
    const res = await provider.check({} as TencentCsrInputs, news as unknown as TencentCsrInputs);
    return (res.failures ?? []).map((f) => `${f.property}: ${f.reason}`).join("\n");
}

describe("tencent/csr: TencentCsr provider", () => {
    describe("check (preview)", () => {
        it("accepts valid input and defaults generate to true", async () => {
            const inputs = await checked(base);
            expect(inputs).to.include({ generate: true, remark: "" });
        });
        it("accepts a numeric RSA key size", async () => {
            expect((await checked({ ...base, encryptAlgo: "RSA", keyParameter: 4096 })).keyParameter).to.equal("4096");
        });
        it("rejects a country that is not an ISO 3166 alpha-2 code, suggesting the fix", async () => {
            expect(await reasons({ ...base, country: "China" })).to.match(/^country: .*ISO 3166-1 alpha-2/);
            expect(await reasons({ ...base, country: "cn" })).to.match(/did you mean "CN"/);
        });
        it("rejects a bad email", async () => {
            expect(await reasons({ ...base, email: "not-an-email" })).to.match(/^email: .*email address/);
        });
        it("rejects an algorithm / key size mismatch", async () => {
            expect(await reasons({ ...base, encryptAlgo: "ECC", keyParameter: "2048" })).to.match(/keyParameter "2048" does not fit encryptAlgo ECC: use "prime256v1"/);
            expect(await reasons({ ...base, encryptAlgo: "RSA", keyParameter: "1024" })).to.match(/use "2048" or "4096"/);
            expect(await reasons({ ...base, encryptAlgo: "DSA" })).to.match(/encryptAlgo must be one of RSA, ECC/);
        });
        it("names every missing required field", async () => {
            const text = await reasons({});
            for (const p of ["domain", "organization", "department", "email", "province", "city", "country", "encryptAlgo", "keyParameter"]) expect(text).to.contain(`${p}: ${p} is required`);
        });
        it("rejects a bad domain", async () => {
            expect(await reasons({ ...base, domain: "not a domain" })).to.match(/^domain: .*host name/);
        });
        it("never lets the engine print the key password", async () => {
            const password = "p".repeat(200);
            const res = await provider.check({} as TencentCsrInputs, { ...base, keyPassword: password } as unknown as TencentCsrInputs);
            const failure = (res.failures ?? []).find((f) => f.reason.includes("keyPassword"));
            expect(failure?.property).to.equal("");
            expect(failure?.reason).not.to.contain(password);
        });
        it("treats an empty key password (as unset config yields) as none", async () => {
            expect(await checked({ ...base, keyPassword: "" })).not.to.have.property("keyPassword");
        });
        it("caps organization and department at X.520's 64 characters", async () => {
            expect(await reasons({ ...base, organization: "O".repeat(65) })).to.match(/^organization: organization is 65 characters long; the limit is 64/);
            await checked({ ...base, department: "D".repeat(64) });
        });
        it("rejects tag keys with Tencent's reserved qcs: prefix", async () => {
            expect(await reasons({ ...base, tags: { "qcs:project": "x" } })).to.match(/tags key "qcs:project" uses the prefix "qcs:"/);
        });
        it("skips unknown values", async () => {
            const res = await provider.check({} as TencentCsrInputs, { ...base, domain: UNKNOWN, country: UNKNOWN } as unknown as TencentCsrInputs);
            expect(res.failures ?? []).to.deep.equal([]);
        });
    });

    describe("lifecycle against the emulator", () => {
        const env = useEmulator();
        const csrs = () => env.admin<{ tencent: { csrs: Array<{ Id: number }> } }>("GET", "/_emulator/inventory").then((i) => i.tencent.csrs);

        it("drafts, edits in place, generates, then replaces on change", async () => {
            const draft = await checked({ ...base, generate: false, remark: "first" });
            const created = await provider.create(draft);
            expect(created.id).to.match(/^\d+$/);
            expect(created.outs).to.include({ csrId: created.id, csr: "", privateKey: "", generate: false, remark: "first" });

            const edited = await checked({ ...base, generate: false, remark: "second", city: "Guangzhou" });
            const d1 = await provider.diff(created.id, created.outs!, edited);
            expect(d1).to.include({ changes: true });
            expect(d1.replaces).to.deep.equal([]);
            const u1 = await provider.update(created.id, created.outs!, edited);
            expect(u1.outs).to.include({ remark: "second", city: "Guangzhou", csr: "" });

            const generate = await checked({ ...base, generate: true, remark: "second", city: "Guangzhou" });
            const d2 = await provider.diff(created.id, u1.outs!, generate);
            expect(d2.replaces).to.deep.equal([]);
            const u2 = await provider.update(created.id, u1.outs!, generate);
            expect(u2.outs!.csr).to.match(/^-----BEGIN CERTIFICATE REQUEST-----/);
            expect(u2.outs!.privateKey).to.match(/PRIVATE KEY-----/);
            expect(createPrivateKey(u2.outs!.privateKey).asymmetricKeyType).to.equal("ec");

            const read = await provider.read(created.id, u2.outs);
            expect(read.props).to.deep.equal(u2.outs);

            const changed = await checked({ ...base, generate: true, remark: "third", city: "Guangzhou" });
            const d3 = await provider.diff(created.id, u2.outs!, changed);
            expect(d3.replaces).to.deep.equal(["remark"]);

            await provider.delete(created.id, u2.outs!);
            expect(await csrs()).to.deep.equal([]);
            await provider.delete(created.id, u2.outs!);
            expect(await provider.read(created.id, u2.outs)).to.deep.equal({});
        });

        it("clears a draft's remark for real, so the next diff is empty", async () => {
            const created = await provider.create(await checked({ ...base, generate: false, remark: "temporary" }));
            const cleared = await checked({ ...base, generate: false });
            const updated = await provider.update(created.id, created.outs!, cleared);
            expect(updated.outs!.remark).to.equal("");
            expect((await provider.diff(created.id, updated.outs!, cleared)).changes).to.equal(false);
        });

        it("never silently skips a change to a CSR generated outside the update: it says to refresh, which then replaces it", async () => {
            const created = await provider.create(await checked({ ...base, generate: false, remark: "draft" }));
            await callTencent("ssl", "ModifyCSR", { CSRId: Number(created.id), ...{ Domain: base.domain, Organization: base.organization, Department: base.department, Email: base.email, Province: base.province, City: base.city, Country: base.country, EncryptAlgo: base.encryptAlgo, KeyParameter: base.keyParameter }, Remark: "draft", Generate: true }, { idempotent: false });
            const changed = await checked({ ...base, generate: false, remark: "changed" });
            expect((await provider.diff(created.id, created.outs!, changed)).replaces, "state still says draft").to.deep.equal([]);
            const err = (await provider.update(created.id, created.outs!, changed).catch((e: unknown) => e)) as Error;
            expect(err).to.be.instanceOf(Error);
            expect(err.message).to.match(/has been generated outside this update.*remark changed.*pulumi refresh/);
            const refreshed = await provider.read(created.id, created.outs);
            expect((await provider.diff(created.id, refreshed.props!, changed)).replaces).to.include("remark");
        });

        it("reports an id that cannot be a CSR id as gone, without sending it", async () => {
            expect(await provider.read("not-a-number", undefined)).to.deep.equal({});
            await provider.delete("12abc", {} as never);
        });

        it("generates once even when the reply to ModifyCSR(Generate) is lost", async () => {
            const created = await provider.create(await checked({ ...base, generate: false }));
            await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "ModifyCSR", kind: "reset", when: "after", count: 1 });
            const updated = await provider.update(created.id, created.outs!, await checked({ ...base, generate: true }));
            expect(updated.outs!.csr).to.contain("CERTIFICATE REQUEST");
            expect(await csrs()).to.have.length(1);
            expect(await env.faultsFired("ModifyCSR")).to.equal(1);
        });

        it("generates once when ModifyCSR(Generate) reaches Tencent only after the client timed out", async function () {
            this.timeout(30000);
            const created = await provider.create(await checked({ ...base, generate: false }));
            process.env.CLOUDCERTS_TIMEOUT_SECONDS = "1";
            try {
                await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "ModifyCSR", kind: "latency", latencyMs: 1500, count: 1 });
                const updated = await provider.update(created.id, created.outs!, await checked({ ...base, generate: true }));
                expect(updated.outs!.csr).to.contain("CERTIFICATE REQUEST");
                expect(await csrs()).to.have.length(1);
                expect(await env.faultsFired("ModifyCSR")).to.equal(1);
            } finally {
                delete process.env.CLOUDCERTS_TIMEOUT_SECONDS;
            }
        });

        it("generates at once by default, encrypting the key with keyPassword", async () => {
            const created = await provider.create(await checked({ ...base, encryptAlgo: "RSA", keyParameter: "2048", keyPassword: "pa55word-for-test" }));
            expect(created.outs!.csr).to.contain("CERTIFICATE REQUEST");
            expect(() => createPrivateKey(created.outs!.privateKey)).to.throw();
            expect(createPrivateKey({ key: created.outs!.privateKey, passphrase: "pa55word-for-test" }).asymmetricKeyDetails?.modulusLength).to.equal(2048);
        });

        it("replaces on a tag change, which ModifyCSR cannot make", async () => {
            const created = await provider.create(await checked({ ...base, generate: false, tags: { a: "1" } }));
            const d = await provider.diff(created.id, created.outs!, await checked({ ...base, generate: false, tags: { a: "2" } }));
            expect(d.replaces).to.deep.equal(["tags"]);
        });

        it("does not duplicate a CSR when the create's reply is lost", async () => {
            await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "CreateCSR", kind: "reset", when: "after", count: 1 });
            const created = await provider.create(await checked(base));
            expect((await csrs()).map((c) => String(c.Id))).to.deep.equal([created.id]);
            expect(await env.faultsFired("CreateCSR")).to.equal(1);
        });

        it("retries throttled CreateCSR", async () => {
            await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "CreateCSR", kind: "throttle", count: 2 });
            const created = await provider.create(await checked(base));
            expect((await csrs()).map((c) => String(c.Id))).to.deep.equal([created.id]);
            expect(await env.faultsFired("CreateCSR")).to.equal(2);
        });
    });
});
