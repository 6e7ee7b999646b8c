import { expect } from "chai";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "../../emulator";
import { encryptPrivateKey } from "../../emulator/pki";
import { adminFetch, startTestEmulator, tcError, tcOk, testChain, uploadParams, type TestClock } from "./support";

const CSR = { Domain: "www.example.com", Organization: "O", Department: "D", Email: "a@example.com", Province: "P", City: "C", Country: "CN", EncryptAlgo: "ECC", KeyParameter: "prime256v1" };

describe("emulator: admin endpoints", () => {
    let emulator: Emulator;
    let clock: TestClock;

    before(async () => {
        ({ emulator, clock } = await startTestEmulator());
    });
    beforeEach(() => emulator.reset());
    after(() => emulator.close());

    it("GET /_emulator/inventory lists every object by vendor without private keys or passwords", async () => {
        const chain = testChain("inventory");
        const password = "inventory-password";
        const certId = (await tcOk(emulator, clock, "UploadCertificate", uploadParams(chain, { CertificatePrivateKey: encryptPrivateKey(chain.leaf.privateKeyPem, password), KeyPassword: password, Alias: "inv" })))
            .CertificateId;
        const csrId = (await tcOk(emulator, clock, "CreateCSR", { ...CSR, Generate: true, KeyPassword: password })).Id;

        const { status, json } = await adminFetch(emulator, "inventory");
        expect(status).to.equal(200);
        const inventory = json as { tencent: { certificates: Record<string, unknown>[]; csrs: Record<string, unknown>[] } } & Record<string, unknown>;
        expect(Object.keys(inventory)).to.deep.equal(["tencent", "huawei", "alibaba", "scloud"]);
        expect(inventory.huawei).to.deep.equal({ certificates: [] });
        expect(inventory.tencent.certificates).to.have.length(1);
        expect(inventory.tencent.certificates[0]).to.include({ CertificateId: certId, Alias: "inv", hasPrivateKey: true, hasKeyPassword: true });
        expect(inventory.tencent.csrs[0]).to.include({ Id: csrId, hasPrivateKey: true, hasKeyPassword: true });
        const text = JSON.stringify(inventory);
        expect(text).to.not.contain("PRIVATE KEY");
        expect(text).to.not.contain(password);
        expect(emulator.inventory()).to.deep.equal(inventory);
    });

    it("POST /_emulator/reset forgets everything", async () => {
        await tcOk(emulator, clock, "UploadCertificate", uploadParams(testChain("reset")));
        emulator.setFaults([{ vendor: "tencent", action: "UploadCertificate", kind: "throttle" }]);
        expect((await adminFetch(emulator, "reset", { method: "POST" })).status).to.equal(200);
        expect(emulator.inventory().tencent).to.deep.equal({ certificates: [], csrs: [] });
        expect(emulator.faults()).to.deep.equal([]);
    });

    it("GET /_emulator/requests counts vendor requests (refused ones too) until a reset; admin requests are not counted", async () => {
        expect((await adminFetch(emulator, "requests")).json).to.deep.include({ total: 0 });
        await tcOk(emulator, clock, "UploadCertificate", uploadParams(testChain("counted")));
        expect(await tcError(emulator, clock, "DeleteCertificate", { CertificateId: "missing1" })).to.not.equal("");
        await adminFetch(emulator, "inventory");
        const { status, json } = await adminFetch(emulator, "requests");
        expect(status).to.equal(200);
        expect(json).to.deep.equal({
            total: 2,
            byVendor: { tencent: 2, huawei: 0, alibaba: 0, scloud: 0 },
            byAction: { "tencent/DeleteCertificate": 1, "tencent/UploadCertificate": 1 },
        });
        expect(emulator.requests()).to.deep.equal(json);
        expect((await adminFetch(emulator, "requests", { method: "POST", body: {} })).status).to.equal(405);
        await emulator.reset();
        expect(emulator.requests().total).to.equal(0);
    });

    it("bindings: bad bodies are 400, unknown certificates 404, GET lists", async () => {
        const id = (await tcOk(emulator, clock, "UploadCertificate", uploadParams(testChain("binding")))).CertificateId;
        expect((await adminFetch(emulator, "tencent/bindings", { method: "POST", body: { Resource: "clb:lb-1" } })).status).to.equal(400);
        expect((await adminFetch(emulator, "tencent/bindings", { method: "POST", body: { CertificateId: id } })).status).to.equal(400);
        expect((await adminFetch(emulator, "tencent/bindings", { method: "POST", body: { CertificateId: "missing1", Resource: "clb:lb-1" } })).status).to.equal(404);
        await adminFetch(emulator, "tencent/bindings", { method: "POST", body: { CertificateId: id, Resource: "clb:lb-1" } });
        await adminFetch(emulator, "tencent/bindings", { method: "POST", body: { CertificateId: id, Resource: "cdn:www.example.com" } });
        expect((await adminFetch(emulator, "tencent/bindings")).json).to.deep.equal({ bindings: [{ CertificateId: id, Resources: ["clb:lb-1", "cdn:www.example.com"] }] });
        // DELETE without Resource unbinds everything.
        await adminFetch(emulator, "tencent/bindings", { method: "DELETE", body: { CertificateId: id } });
        expect(await tcError(emulator, clock, "DeleteCertificate", { CertificateId: id })).to.equal("");
    });

    it("unknown admin paths and vendor prefixes are 404; health answers", async () => {
        expect((await adminFetch(emulator, "nothing")).status).to.equal(404);
        expect((await adminFetch(emulator, "tencent/nothing")).status).to.equal(404);
        expect((await adminFetch(emulator, "health")).json).to.deep.equal({ ok: true, vendors: ["tencent", "huawei", "alibaba", "scloud"] });
        expect((await fetch(`${emulator.url}/aws/`, { method: "POST" })).status).to.equal(404);
        expect((await adminFetch(emulator, "inventory", { method: "POST", body: {} })).status).to.equal(405);
    });
});

describe("emulator: state file", () => {
    let dir: string;

    before(async () => {
        dir = await mkdtemp(join(tmpdir(), "cloudcerts-emulator-"));
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it("keeps objects across a stop and a restart with the same file", async () => {
        const stateFile = join(dir, "nested", "state.json");
        const first = await startTestEmulator({ stateFile });
        const certId = (await tcOk(first.emulator, first.clock, "UploadCertificate", uploadParams(testChain("persist"), { Alias: "kept", Tags: [{ TagKey: "k", TagValue: "v" }] })))
            .CertificateId;
        const csrId = (await tcOk(first.emulator, first.clock, "CreateCSR", { ...CSR, Generate: true })).Id;
        await first.emulator.close();
        expect((await stat(stateFile)).mode & 0o077, "the file holds private keys: owner only").to.equal(0);

        const second = await startTestEmulator({ stateFile });
        try {
            const detail = await tcOk(second.emulator, second.clock, "DescribeCertificateDetail", { CertificateId: certId });
            expect(detail).to.include({ Alias: "kept", CertificatePrivateKey: testChain("persist").leaf.privateKeyPem });
            expect(detail.Tags).to.deep.equal([{ TagKey: "k", TagValue: "v" }]);
            expect((await tcOk(second.emulator, second.clock, "DescribeCSR", { CSRId: csrId })).CSR).to.contain("BEGIN CERTIFICATE REQUEST");
            // Counters survive too: the next CSR gets a new ID.
            const next = (await tcOk(second.emulator, second.clock, "CreateCSR", { ...CSR, Generate: false })).Id;
            expect(next).to.be.greaterThan(csrId as number);
        } finally {
            await second.emulator.close();
        }
    });

    it("is written after each change, not only at close", async () => {
        const stateFile = join(dir, "live.json");
        const { emulator, clock } = await startTestEmulator({ stateFile });
        try {
            const id = (await tcOk(emulator, clock, "UploadCertificate", uploadParams(testChain("live")))).CertificateId as string;
            expect(await readFile(stateFile, "utf8")).to.contain(id);
        } finally {
            await emulator.close();
        }
    });

    it("refuses to start on a file that is not a state file, rather than overwrite it", async () => {
        const stateFile = join(dir, "other.json");
        await writeFile(stateFile, '{"something":"else"}');
        let failure: unknown;
        await startEmulator({ stateFile, env: {} }).then(
            (e) => e.close(),
            (error: unknown) => (failure = error),
        );
        expect(String(failure)).to.contain("not a version 1 cloudcerts-emulator state file");
        expect(await readFile(stateFile, "utf8")).to.equal('{"something":"else"}');
    });
});
