import { expect } from "chai";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { callTencent } from "../../provider/tencent/client";
import { generateKey } from "../../emulator/pki";
import { useEmulator } from "../support/emulator";
import { installPackedPackage } from "../support/packedPackage";
import { testChain } from "../support/pki";
import { emulatorConfig, installProgram, pulumiOrSkip, PulumiProject } from "./pulumiCli";

const ROOT = path.resolve(__dirname, "..", "..");
const WORK = path.join(ROOT, ".tmp", "e2e-lookup");
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

type Inventory = { tencent: { certificates: Array<{ CertificateId: string }>; csrs: Array<{ Id: number }> } };
type StateResource = { urn: string; type: string; id?: string; external?: boolean; outputs?: Record<string, unknown> };

describe("TencentCertificate.get and TencentCsr.get under the real pulumi engine (e2e)", function () {
    this.timeout(600000);
    const env = useEmulator({ resetBeforeEach: false });
    let project: PulumiProject;
    // Its own leaf key, so nothing else in the suite shares the secret this test looks for.
    const chain = testChain("lookup.example.com", { sans: ["lookup.example.com", "www.lookup.example.com"], keys: { leaf: generateKey() } });
    let certificateId: string;
    let csrId: string;
    const secrets: string[] = [];

    const inventory = () => env.admin<Inventory>("GET", "/_emulator/inventory");

    before(async function () {
        const pulumiDir = pulumiOrSkip(this);
        // Made outside Pulumi, as a certificate bought or uploaded by hand would be.
        const uploaded = await callTencent<{ CertificateId: string }>("ssl", "UploadCertificate", {
            CertificatePublicKey: chain.chainPem,
            CertificatePrivateKey: chain.leaf.privateKeyPem,
            CertificateType: "SVR",
            Alias: "made-by-hand",
        }, { idempotent: false, secrets: [chain.leaf.privateKeyPem] });
        certificateId = uploaded.CertificateId;
        const created = await callTencent<{ Id: number }>("ssl", "CreateCSR", {
            Domain: "csr.lookup.example.com",
            Organization: "Cloudcerts Lookup Test",
            Department: "Platform",
            Email: "pki@lookup.example.com",
            Province: "Guangdong",
            City: "Shenzhen",
            Country: "CN",
            EncryptAlgo: "ECC",
            KeyParameter: "prime256v1",
            Generate: true,
        }, { idempotent: false });
        csrId = String(created.Id);
        const described = await callTencent<{ PrivateKey?: string }>("ssl", "DescribeCSR", { CSRId: created.Id }, { idempotent: true });
        expect(described.PrivateKey, "the emulator should have generated the CSR's key").to.match(/PRIVATE KEY/);
        secrets.push(chain.leaf.privateKeyPem, described.PrivateKey!, env.emulator.credentials.tencent.secretKey);

        rmSync(WORK, { recursive: true, force: true, maxRetries: 5 });
        const { tarball } = installPackedPackage();
        const dir = path.join(WORK, "project");
        installProgram(path.join(__dirname, "programs", "lookup"), dir, tarball);
        project = new PulumiProject(dir, pulumiDir, WORK);
        await project.run(["stack", "init", "lookup"]);
        await project.setConfigs(emulatorConfig(env.emulator, ["tencent"]));
        await project.setConfig("certificateId", certificateId);
        await project.setConfig("csrId", csrId);
    });

    it("pulumi up reads both objects by id and exports what Tencent has", async () => {
        const up = await project.run(["up", "--yes", "--skip-preview"]);
        const outputs = JSON.parse((await project.run(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
        expect(outputs.certificateId).to.equal(certificateId);
        expect(outputs.certificateDomain).to.equal("lookup.example.com");
        expect(outputs.certificateSans).to.include("www.lookup.example.com");
        expect(Date.parse(String(outputs.certificateBegins))).to.equal(chain.leaf.notBefore.getTime());
        expect(Date.parse(String(outputs.certificateExpires))).to.equal(chain.leaf.notAfter.getTime());
        expect(outputs.certificateFingerprint).to.be.a("string").and.not.equal("");
        expect(outputs.certificatePrivateKey, "a looked-up key is a secret output").to.equal("[secret]");
        expect(outputs.csrId).to.equal(csrId);
        expect(outputs.csrStatus, "generated").to.equal(1);
        expect(outputs.csrPem).to.contain("-----BEGIN CERTIFICATE REQUEST-----");
        expect(outputs.csrPrivateKey, "a looked-up CSR key is a secret output").to.equal("[secret]");

        const state = JSON.parse((await project.run(["stack", "export"])).stdout) as { deployment: { resources: StateResource[] } };
        const read = state.deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/tencent:"));
        expect(read.map((r) => [r.type, r.id, r.external])).to.have.deep.members([
            ["pulumi-nodejs:dynamic/tencent:Certificate", certificateId, true],
            ["pulumi-nodejs:dynamic/tencent:Csr", csrId, true],
        ]);
        const cert = read.find((r) => r.type.endsWith(":Certificate"))!;
        const csr = read.find((r) => r.type.endsWith(":Csr"))!;
        // Outputs the classes do not seed (get passes no inputs) reach state but not the program.
        expect(cert.outputs!.alias).to.equal("made-by-hand");
        expect(csr.outputs!.domain).to.equal("csr.lookup.example.com");
        expect(cert.outputs!.certificatePrivateKey, "held in state encrypted").to.have.property(SECRET_SIGNATURE);
        expect(csr.outputs!.privateKey, "held in state encrypted").to.have.property(SECRET_SIGNATURE);
        const text = JSON.stringify(state) + up.stdout + up.stderr;
        expect(text).not.to.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
        for (const secret of secrets) {
            expect(text, "a secret in state or engine output").not.to.contain(secret);
            expect(text, "a secret in state or engine output").not.to.contain(JSON.stringify(secret).slice(1, -1));
        }
    });

    it("the program and the dynamic providers run on the Node that runs the tests", async () => {
        const outputs = JSON.parse((await project.run(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
        expect(outputs.programNode).to.equal(process.version);
        expect(outputs.providerNode).to.equal(process.version);
    });

    it("a second pulumi up reads them again and changes nothing", async () => {
        await project.run(["up", "--yes", "--expect-no-changes"]);
    });

    it("pulumi destroy leaves the looked-up objects where they were", async () => {
        await project.run(["destroy", "--yes"]);
        const inv = await inventory();
        expect(inv.tencent.certificates.map((c) => c.CertificateId)).to.include(certificateId);
        expect(inv.tencent.csrs.map((c) => String(c.Id))).to.include(csrId);
    });
});
