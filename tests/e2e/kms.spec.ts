import { expect } from "chai";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { useEmulator } from "../support/emulator";
import { signKmsCsr } from "../support/kms";
import { installPackedPackage } from "../support/packedPackage";
import { emulatorConfig, installProgram, pulumiOrSkip, PulumiProject } from "./pulumiCli";

const ROOT = path.resolve(__dirname, "..", "..");
const WORK = path.join(ROOT, ".tmp", "e2e-kms");
const SUBJECT = "CN=kms.e2e.example.com,OU=kms,O=Example Ltd,C=CN";

type Inventory = { alibaba: { certificates: Array<{ CertificateId: string; Status: string; Tags: Array<{ TagKey: string; TagValue: string }> }> } };
type Outputs = { certificateId: string; csr: string; certificateStatus: string; notAfter: string; tags: Record<string, string> };

describe("KmsCertificate under the real pulumi engine (e2e)", function () {
    this.timeout(600000);
    const env = useEmulator({ resetBeforeEach: false });
    let project: PulumiProject;

    const inventory = async () => (await env.admin<Inventory>("GET", "/_emulator/inventory")).alibaba.certificates;
    const outputs = async () => JSON.parse((await project.run(["stack", "output", "--json"])).stdout) as Outputs;

    before(async function () {
        const pulumiDir = pulumiOrSkip(this);
        await env.admin("POST", "/_emulator/reset");
        rmSync(WORK, { recursive: true, force: true, maxRetries: 5 });
        const { tarball } = installPackedPackage();
        const dir = path.join(WORK, "project");
        installProgram(path.join(__dirname, "programs", "kms"), dir, tarball);
        project = new PulumiProject(dir, pulumiDir, WORK);
        await project.run(["stack", "init", "kms"]);
        await project.setConfigs(emulatorConfig(env.emulator, ["alibaba"]));
        await project.setConfig("subject", SUBJECT);
    });

    it("preview with a bad input fails, naming it, and creates nothing", async () => {
        await project.setConfig("subject", "CN=kms.e2e.example.com,O=Example Ltd,C=CN");
        const preview = await project.run(["preview"], { allowFailure: true });
        expect(preview.code).to.not.equal(0);
        expect(preview.stdout + preview.stderr).to.match(/subject lacks OU/);
        expect(await inventory()).to.deep.equal([]);
        await project.setConfig("subject", SUBJECT);
    });

    it("up makes the key pair and CSR (PENDING); a second up and a refresh change nothing", async () => {
        await project.run(["up", "--yes", "--skip-preview"]);
        const out = await outputs();
        expect(out.certificateStatus).to.equal("PENDING");
        expect(out.csr).to.contain("BEGIN CERTIFICATE REQUEST");
        expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([out.certificateId]);
        await project.run(["up", "--yes", "--expect-no-changes"]);
        await project.run(["refresh", "--yes", "--expect-no-changes"]);
    });

    it("a new subject replaces the certificate, the new one created before the old one is deleted", async () => {
        const before = (await outputs()).certificateId;
        await project.setConfig("subject", "CN=kms.e2e.example.com,OU=kms-2,O=Example Ltd,C=CN");
        // With the old certificate's delete failing, both exist afterwards: the new one came first.
        await env.admin("POST", "/_emulator/faults", [{ vendor: "alibaba", action: "DeleteCertificate", kind: "http", status: 400, count: 1000 }]);
        const failed = await project.run(["up", "--yes", "--skip-preview"], { allowFailure: true });
        await env.admin("DELETE", "/_emulator/faults");
        expect(failed.code).to.not.equal(0);
        const both = (await inventory()).map((c) => c.CertificateId);
        expect(both).to.have.length(2);
        expect(both).to.include(before);
        await project.run(["up", "--yes", "--skip-preview"]);
        const after = (await outputs()).certificateId;
        expect(after).to.not.equal(before);
        expect(both).to.include(after);
        expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([after]);
    });

    it("the CA-signed CSR is uploaded in place; status and tags change in place; refresh shows no drift", async () => {
        const { certificateId, csr } = await outputs();
        const signed = signKmsCsr(csr);
        await project.setConfig("certificate", signed.certificate);
        await project.setConfig("certificateChain", signed.chain);
        await project.run(["up", "--yes", "--skip-preview"]);
        let out = await outputs();
        expect(out.certificateId).to.equal(certificateId);
        expect(out.certificateStatus).to.equal("ACTIVE");
        expect(out.notAfter).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        await project.setConfig("status", "INACTIVE");
        await project.setConfig("env", "prod");
        await project.run(["up", "--yes", "--skip-preview"]);
        out = await outputs();
        expect(out.certificateId).to.equal(certificateId);
        expect(out.certificateStatus).to.equal("INACTIVE");
        const [stored] = await inventory();
        expect(stored!.Status).to.equal("INACTIVE");
        expect(stored!.Tags).to.deep.equal([{ TagKey: "env", TagValue: "prod" }]);
        await project.run(["refresh", "--yes", "--expect-no-changes"]);
        await project.run(["up", "--yes", "--expect-no-changes"]);
    });

    it("destroy leaves the emulator empty", async () => {
        await project.run(["destroy", "--yes"]);
        expect(await inventory()).to.deep.equal([]);
    });
});
