/**
 * Both Tencent resources on the framework against the emulator, as the engine drives them:
 * adoption, pending and partial creates, drafts, tags, drift, the get path, secret-safe logs,
 * and resources of one stack across runs (each run a new host process).
 */
import { expect } from "chai";
import { PartialCreateError } from "../../../provider/core/errors";
import { expiryOf } from "../../../provider/core/resource/expiry";
import { callTencent } from "../../../provider/tencent/client";
import { tencentCertificateProvider as cert } from "../../../provider/tencent/certificate";
import { tencentCsrProvider as csr } from "../../../provider/tencent/csr";
import { useEmulator } from "../../support/emulator";
import { pemFragments, testChain } from "../../support/pki";

type Bag = Record<string, unknown>;
type Inventory = { tencent: { certificates: Array<{ CertificateId: string; Alias?: string; Tags?: Array<{ TagKey: string; TagValue: string }> }>; csrs?: Array<{ Id: number }> } };

function hasUndefined(v: unknown): boolean {
    if (v === undefined) return true;
    if (Array.isArray(v)) return v.some(hasUndefined);
    if (v !== null && typeof v === "object") return Object.values(v).some(hasUndefined);
    return false;
}

const chain = testChain("adopt.example.com");
const key = chain.leaf.privateKeyPem;
const csrFields = (): Bag => ({
    domain: "www.review.example", organization: "Example", department: "IT", email: "admin@example.com",
    province: "Beijing", city: "Beijing", country: "CN", encryptAlgo: "RSA", keyParameter: "2048",
});

async function checkedCert(news: Bag, olds: Bag = {}): Promise<Bag> {
    const res = await cert.check(olds as never, news as never);
    expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
    return res.inputs as unknown as Bag;
}
async function checkedCsr(news: Bag, olds: Bag = {}): Promise<Bag> {
    const res = await csr.check(olds as never, news as never);
    expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
    return res.inputs as unknown as Bag;
}

describe("tencent on the framework: framework against the emulator", function () {
    this.timeout(60000);
    const env = useEmulator();
    const inventory = async () => (await env.admin<Inventory>("GET", "/_emulator/inventory")).tencent;

    describe("adoption (repeatable:false) must not change what it does not own", () => {
        it("TencentCertificate: adopting a certificate uploaded by hand does not rename it to the auto-name", async () => {
            const byHand = await callTencent<{ CertificateId: string }>("ssl", "UploadCertificate", { CertificatePublicKey: chain.chainPem, CertificatePrivateKey: key, Alias: "by-hand" }, { idempotent: false });
            const created = await cert.create((await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, repeatable: false, __cloudcertsName: "web" })) as never);
            expect(created.id).to.equal(byHand.CertificateId);
            expect(created.outs).to.include({ adopted: true });
            const stored = (await inventory()).certificates.find((c) => c.CertificateId === byHand.CertificateId)!;
            expect(stored.Alias, "the owner's certificate was renamed").to.equal("by-hand");
        });

        it("TencentCertificate: adopting a certificate does not strip its owner's tags", async () => {
            const byHand = await callTencent<{ CertificateId: string }>("ssl", "UploadCertificate", {
                CertificatePublicKey: chain.chainPem, CertificatePrivateKey: key, Alias: "by-hand", Tags: [{ TagKey: "owner", TagValue: "alice" }],
            }, { idempotent: false });
            const created = await cert.create((await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, repeatable: false, alias: "by-hand", __cloudcertsName: "web" })) as never);
            expect(created.id).to.equal(byHand.CertificateId);
            const stored = (await inventory()).certificates.find((c) => c.CertificateId === byHand.CertificateId)!;
            expect(stored.Tags, "the owner's tags were deleted").to.deep.equal([{ TagKey: "owner", TagValue: "alice" }]);
        });
    });

    describe("pending creates", () => {
        it("TencentCsr: destroying a pending create never deletes an identical CSR another stack made since", async () => {
            const inputs = await checkedCsr({ ...csrFields(), __cloudcertsName: "a" });
            // Run 1 of stack A, an hour ago: CreateCSR's reply was lost and the search failed too; nothing was made.
            // (Within minutes of a pending create an identical CSR cannot be told from its own: see the README.)
            const hourAgo = new Date(Date.now() - 3600_000).toISOString();
            const pendingState: Bag = { ...inputs, csrId: "", __pending: { label: "Tencent CreateCSR", before: [], at: hourAgo } };
            // Meanwhile stack B (another process, same account) creates a CSR with the same subject.
            const other = await callTencent<{ Id: number }>("ssl", "CreateCSR", {
                Domain: inputs.domain, Organization: inputs.organization, Department: inputs.department, Email: inputs.email,
                Province: inputs.province, City: inputs.city, Country: inputs.country, EncryptAlgo: inputs.encryptAlgo,
                KeyParameter: inputs.keyParameter, Generate: true,
            }, { idempotent: false });
            // Run 2 of stack A: pulumi destroy.
            await csr.delete("cloudcerts-pending-0123456789abcdef", pendingState as never);
            const described = await callTencent<{ Id?: number }>("ssl", "DescribeCSR", { CSRId: other.Id }, { idempotent: true }).catch((e: Error) => e);
            expect(described, "stack B's CSR was deleted by stack A's destroy").not.to.be.instanceOf(Error);
        });
    });

    describe("pending creates, end to end (TencentCertificate)", () => {
        it("a lost upload whose search failed is pending; the next up finds it, later ups see no change, destroy removes it", async function () {
            this.timeout(120000);
            const inputs = await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { env: "p" }, __cloudcertsName: "p" });
            await env.admin("POST", "/_emulator/faults", [
                { vendor: "tencent", action: "UploadCertificate", kind: "reset", when: "after", count: 1 },
                { vendor: "tencent", action: "DescribeCertificateDetail", kind: "http", status: 503, count: 1000 },
            ]);
            const err = (await cert.create(inputs as never).catch((e: unknown) => e)) as PartialCreateError;
            await env.admin("DELETE", "/_emulator/faults");
            expect(err).to.be.instanceOf(PartialCreateError);
            expect(err.id).to.match(/^cloudcerts-pending-/);
            for (const fragment of pemFragments(key)) expect(err.message).not.to.contain(fragment);
            expect(hasUndefined(err.properties)).to.equal(false);
            const state = err.properties as unknown as Bag;
            const news = await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { env: "p" }, __cloudcertsName: "p" }, inputs);
            expect(news.alias).to.equal(inputs.alias);
            expect((await cert.diff(err.id, state as never, news as never)).changes).to.equal(true);
            const updated = await cert.update(err.id, state as never, news as never);
            const stored = (await inventory()).certificates;
            expect(stored).to.have.length(1);
            expect((updated.outs as unknown as Bag).certificateId).to.equal(stored[0]!.CertificateId);
            expect(updated.outs).to.not.have.property("__pending");
            expect(hasUndefined(updated.outs)).to.equal(false);
            const again = await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { env: "p" }, __cloudcertsName: "p" }, news);
            expect((await cert.diff(err.id, updated.outs as never, again as never)).changes).to.equal(false);
            const refreshed = await cert.read(err.id, updated.outs as never);
            expect(refreshed.id).to.equal(stored[0]!.CertificateId);
            await cert.delete(err.id, updated.outs as never);
            expect((await inventory()).certificates).to.deep.equal([]);
        });
    });

    describe("TencentCsr updates", () => {
        it("a draft's field changes reach the vendor, and generating it later fills csr and privateKey", async () => {
            const inputs = await checkedCsr({ ...csrFields(), generate: false, __cloudcertsName: "r" });
            const created = await csr.create(inputs as never);
            expect(created.outs).to.include({ csr: "" });
            const news = await checkedCsr({ ...csrFields(), organization: "Example Two", remark: "second", generate: false, __cloudcertsName: "r" }, inputs);
            const d = await csr.diff(created.id, created.outs as never, news as never);
            expect(d.changes).to.equal(true);
            expect(d.replaces).to.deep.equal([]);
            const updated = await csr.update(created.id, created.outs as never, news as never);
            const rec = await callTencent<{ Organization?: string; Remarks?: string }>("ssl", "DescribeCSR", { CSRId: Number(created.id) }, { idempotent: true });
            expect(rec).to.include({ Organization: "Example Two", Remarks: "second" });
            const gen = await checkedCsr({ ...csrFields(), organization: "Example Two", remark: "second", generate: true, __cloudcertsName: "r" }, news);
            const generated = await csr.update(created.id, updated.outs as never, gen as never);
            expect((generated.outs as unknown as Bag).csr).to.match(/BEGIN CERTIFICATE REQUEST/);
            expect((generated.outs as unknown as Bag).privateKey).to.match(/PRIVATE KEY/);
            expect(hasUndefined(generated.outs)).to.equal(false);
            expect((await csr.diff(created.id, generated.outs as never, gen as never)).changes).to.equal(false);
        });

        it("removing a draft's keyPassword before generating yields an unencrypted key", async () => {
            const inputs = await checkedCsr({ ...csrFields(), keyPassword: "first-password-1", generate: false, __cloudcertsName: "k" });
            const created = await csr.create(inputs as never);
            const news = await checkedCsr({ ...csrFields(), generate: true, __cloudcertsName: "k" }, inputs);
            expect((await csr.diff(created.id, created.outs as never, news as never)).replaces).to.deep.equal([]);
            const updated = await csr.update(created.id, created.outs as never, news as never);
            expect((updated.outs as unknown as Bag).privateKey).to.match(/BEGIN (RSA )?PRIVATE KEY/);
            expect((updated.outs as unknown as Bag).privateKey).not.to.match(/ENCRYPTED/);
        });

        it("a create whose describe failed is recorded as partial and finished by the next up", async () => {
            const inputs = await checkedCsr({ ...csrFields(), __cloudcertsName: "r" });
            // CreateCSR generates at once (Generate: true); the describe that follows fails.
            await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "DescribeCSR", kind: "http", status: 503, count: 50 });
            const err = (await csr.create(inputs as never).catch((e: unknown) => e)) as PartialCreateError;
            await env.admin("DELETE", "/_emulator/faults");
            expect(err).to.be.instanceOf(PartialCreateError);
            expect(hasUndefined(err.properties)).to.equal(false);
            const updated = await csr.update(err.id, err.properties as never, inputs as never);
            expect((updated.outs as unknown as Bag).csr).to.match(/BEGIN CERTIFICATE REQUEST/);
        });
    });

    describe("tags", () => {
        for (const tagKey of ["constructor", "toString", "valueOf"]) {
            it(`TencentCertificate: removing the tag "${tagKey}" removes it`, async () => {
                const olds = await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { [tagKey]: "x", keep: "y" }, __cloudcertsName: "t" });
                const created = await cert.create(olds as never);
                const news = await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { keep: "y" }, __cloudcertsName: "t" }, olds);
                expect((await cert.diff(created.id, created.outs as never, news as never)).changes).to.equal(true);
                const updated = await cert.update(created.id, created.outs as never, news as never);
                const stored = (await inventory()).certificates.find((c) => c.CertificateId === created.id)!;
                expect(stored.Tags, "the tag was silently kept").to.deep.equal([{ TagKey: "keep", TagValue: "y" }]);
                expect((await cert.diff(created.id, updated.outs as never, news as never)).changes, "the next up shows the same change again").to.equal(false);
            });
        }
    });

    describe("what the vendor reports back is not drift", () => {
        it("TencentCsr: a mixed-case domain and padded fields show no change after create and refresh", async () => {
            const fields = { ...csrFields(), domain: "WWW.Review.Example", organization: "Example  Ltd", remark: "note ", generate: false, __cloudcertsName: "c" };
            const inputs = await checkedCsr(fields);
            const created = await csr.create(inputs as never);
            const news = await checkedCsr(fields, inputs);
            expect((await csr.diff(created.id, created.outs as never, news as never)).changes).to.equal(false);
            const refreshed = await csr.read(created.id, created.outs as never);
            expect((await csr.diff(created.id, refreshed.props as never, news as never)).changes).to.equal(false);
        });
        it("TencentCertificate: alias with spaces and unicode, tags with unicode show no change after create and refresh", async () => {
            const fields = { certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias: "证书 web", tags: { "环境": "生产", b: "" }, __cloudcertsName: "u" };
            const inputs = await checkedCert(fields);
            const created = await cert.create(inputs as never);
            const news = await checkedCert(fields, inputs);
            expect((await cert.diff(created.id, created.outs as never, news as never)).changes).to.equal(false);
            const refreshed = await cert.read(created.id, created.outs as never);
            expect((await cert.diff(created.id, refreshed.props as never, news as never)).changes).to.equal(false);
        });
    });

    describe("get path and outputs", () => {
        it("TencentCertificate: read(id, {}) returns plain outputs with nothing undefined", async () => {
            const created = await cert.create((await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, __cloudcertsName: "g" })) as never);
            const got = await cert.read(created.id, {} as never);
            expect(got.id).to.equal(created.id);
            expect(hasUndefined(got.props)).to.equal(false);
            expect(got.props).to.not.have.property("__pending");
        });
        it("TencentCertificate: expiry outputs agree with the certificate itself", async () => {
            
            const created = await cert.create((await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, __cloudcertsName: "e" })) as never);
            expect(created.outs).to.deep.include(expiryOf(chain.chainPem)!);
        });
        it("TencentCsr: read(id, {}) and read of a non-numeric id", async () => {
            const created = await csr.create((await checkedCsr({ ...csrFields(), __cloudcertsName: "g" })) as never);
            const got = await csr.read(created.id, {} as never);
            expect(hasUndefined(got.props)).to.equal(false);
            expect(await csr.read("../../etc", {} as never)).to.deep.equal({});
        });
    });

    describe("debug logs and errors hold no secrets", () => {
        it("TencentCertificate: a create with a lost reply and failing reads under CLOUDCERTS_LOG=debug", async () => {
            const saved = process.env.CLOUDCERTS_LOG;
            process.env.CLOUDCERTS_LOG = "debug";
            const written: string[] = [];
            const original = process.stderr.write.bind(process.stderr);
            (process.stderr as unknown as { write: (s: string) => boolean }).write = (s: string) => { written.push(String(s)); return true; };
            let message = "";
            try {
                await env.admin("POST", "/_emulator/faults", [
                    { vendor: "tencent", action: "UploadCertificate", kind: "reset", when: "after", count: 1 },
                    { vendor: "tencent", action: "DescribeCertificateDetail", kind: "http", status: 503, count: 100 },
                ]);
                const err = (await cert.create((await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, __cloudcertsName: "d" })) as never).catch((e: Error) => e)) as Error;
                message = `${err?.message}\n${err?.stack}`;
            } finally {
                (process.stderr as unknown as { write: typeof original }).write = original;
                process.env.CLOUDCERTS_LOG = saved;
                await env.admin("DELETE", "/_emulator/faults");
            }
            const text = written.join("") + message;
            for (const fragment of pemFragments(key)) expect(text).not.to.contain(fragment);
        });
    });
});

describe("tencent on the framework: resources of one stack across runs (each run is a new host process)", function () {
    this.timeout(60000);
    const env = useEmulator();
    const inventory = async () => (await env.admin<Inventory>("GET", "/_emulator/inventory")).tencent;

    async function createInOtherProcess(kind: string, inputs: Bag): Promise<{ id: string; outs: Bag }> {
        // Asynchronously: the emulator runs in this process and must keep answering.
        const { execFile } = await import("node:child_process");
        const out = await new Promise<string>((resolve, reject) =>
            execFile(process.execPath, ["-r", "tsx/cjs", "tests/support/createInOtherProcess.ts", kind, JSON.stringify(inputs)], { env: process.env, encoding: "utf8", timeout: 50000 }, (error, stdout, stderr) =>
                error ? reject(new Error(`${error.message}: ${stderr}`)) : resolve(stdout),
            ),
        );
        return JSON.parse(out) as { id: string; outs: Bag };
    }

    it("TencentCertificate: B (repeatable:false, same PEM) added in a later run neither renames nor re-tags A's certificate", async () => {
        // Run 1: resource A uploads the certificate with its own tags.
        const a = await createInOtherProcess("TencentCertificate", await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { app: "a" }, __cloudcertsName: "a" }));
        // Run 2: the user adds B with repeatable:false; Tencent answers with A's certificate.
        const b = await cert.create((await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, repeatable: false, __cloudcertsName: "b" })) as never);
        const stored = (await inventory()).certificates.find((c) => c.CertificateId === a.id)!;
        expect(stored.Alias, `B took A's certificate ${b.id === a.id ? "(adopted)" : ""} and renamed it`).to.equal(a.outs.alias);
        expect(stored.Tags).to.deep.equal([{ TagKey: "app", TagValue: "a" }]);
        // And A's next refresh must not see drift it would then undo (the two would flip-flop on every up).
        const refreshed = await cert.read(a.id, a.outs as never);
        expect((await cert.diff(a.id, refreshed.props as never, a.outs as never)).changes).to.equal(false);
    });

    it("TencentCertificate: changing certificateUse of an adopted certificate says it cannot, before anything is deleted", async () => {
        await callTencent("ssl", "UploadCertificate", { CertificatePublicKey: chain.chainPem, CertificatePrivateKey: key, Alias: "shared", CertificateUse: "CLB" }, { idempotent: false });
        const olds = await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, repeatable: false, alias: "shared", certificateUse: "CLB", __cloudcertsName: "w" });
        const created = await createInOtherProcess("TencentCertificate", olds);
        expect(created.outs.adopted).to.equal(true);
        // The user changes certificateUse: a replacement, deleted before created (same leaf, repeatable:false).
        // Re-uploading the same leaf would adopt the same certificate again, leaving certificateUse undone.
        const news = { certificatePublicKey: chain.chainPem, certificatePrivateKey: key, repeatable: false, alias: "shared", certificateUse: "CDN", __cloudcertsName: "w" };
        const err = (await cert.diff(created.id, created.outs as never, (await checkedCert(news, olds)) as never).catch((e: unknown) => e)) as Error;
        expect(err).to.be.instanceOf(Error);
        expect(err.message).to.match(/was adopted .* cannot change certificateUse: set repeatable: true/);
        // With repeatable: true it gets a copy of its own, created before the adopted one is left alone.
        const own = { ...news, repeatable: true };
        const d = await cert.diff(created.id, created.outs as never, (await checkedCert(own, olds)) as never);
        expect(d).to.deep.include({ replaces: ["certificateUse"], deleteBeforeReplace: false });
    });

    async function callInOtherProcess(kind: string, method: string, args: unknown[]): Promise<unknown> {
        const { execFile } = await import("node:child_process");
        const out = await new Promise<string>((resolve, reject) =>
            execFile(process.execPath, ["-r", "tsx/cjs", "tests/support/createInOtherProcess.ts", kind, method, JSON.stringify(args)], { env: process.env, encoding: "utf8", timeout: 100000 }, (error, stdout, stderr) =>
                error ? reject(new Error(`${error.message.slice(0, 200)}: ${stderr}`)) : resolve(stdout),
            ),
        );
        return JSON.parse(out) as unknown;
    }

    it("TencentCertificate: a pending create whose finishing update failed, after the user changed its tags, is not uploaded twice", async function () {
        this.timeout(120000);
        const olds = await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { env: "old" }, __cloudcertsName: "p" });
        // What PendingCreateError recorded: the lost upload made nothing, nothing existed before.
        const pendingId = "cloudcerts-pending-00112233aabbccdd";
        const state = { ...olds, certificateId: "", __pending: { label: "Tencent UploadCertificate", before: [], at: new Date().toISOString() } };
        // Before the next up, the user changes the tags.
        const news = await checkedCert({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { env: "new" }, __cloudcertsName: "p" }, olds);
        // Run 2: update finds nothing, uploads, then fails to read the new certificate back.
        await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "DescribeCertificateDetail", kind: "http", status: 503, count: 1000 });
        const failed = await callInOtherProcess("TencentCertificate", "update", [pendingId, state, news]).catch((e: Error) => e);
        await env.admin("DELETE", "/_emulator/faults");
        expect(failed).to.be.instanceOf(Error);
        expect((await inventory()).certificates).to.have.length(1);
        // The engine keeps the old (pending) state after a failed update. Run 3: up again.
        await callInOtherProcess("TencentCertificate", "update", [pendingId, state, news]);
        expect((await inventory()).certificates, "a second copy was uploaded; the first is orphaned").to.have.length(1);
    });
});

