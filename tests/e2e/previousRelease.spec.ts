import { expect } from "chai";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { installPackedPackage } from "../support/packedPackage";
import { emulatorConfig, installProgram, pulumiOrSkip, PulumiProject } from "./pulumiCli";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURE = path.join(__dirname, "fixtures", "previous-release");
const WORK = path.join(ROOT, ".tmp", "e2e-previous-release");

type Inventory = { tencent: { certificates: unknown[]; csrs: unknown[] } };
type StateResource = { urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
type Deployment = { deployment: { resources?: StateResource[] } };

/**
 * The module paths and export names that state written by earlier releases loads through its
 * serialized `__provider` text. Renaming either breaks refresh and destroy of every existing stack.
 */
const STATE_CONTRACT = [
    { type: "pulumi-nodejs:dynamic/tencent:Certificate", module: "pulumi-cloudcerts/dist/provider/tencent/certificateProvider.js", exported: "tencentCertificateProviderImpl" },
    { type: "pulumi-nodejs:dynamic/tencent:Csr", module: "pulumi-cloudcerts/dist/provider/tencent/csrProvider.js", exported: "tencentCsrProviderImpl" },
];

describe("state written by the previous release is refreshed and destroyed by this one (e2e)", function () {
    this.timeout(600000);
    const fixture = JSON.parse(readFileSync(path.join(FIXTURE, "deployment.json"), "utf8")) as Deployment;
    const about = JSON.parse(readFileSync(path.join(FIXTURE, "generated.json"), "utf8")) as { stack: string; certificateNotAfter: string };
    let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
    let project: PulumiProject;
    let programDir: string;

    const inventory = async (): Promise<Inventory> => (await fetch(`${emulator!.url}/_emulator/inventory`)).json() as Promise<Inventory>;
    const exportState = async (): Promise<Deployment> => JSON.parse((await project.run(["stack", "export", "--show-secrets"])).stdout) as Deployment;
    const dynamicResources = (state: Deployment) => (state.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    const allResources = (state: Deployment) => state.deployment.resources ?? [];

    before(async function () {
        const pulumiDir = pulumiOrSkip(this);
        rmSync(WORK, { recursive: true, force: true, maxRetries: 5 });
        mkdirSync(WORK, { recursive: true });
        // A copy: the emulator rewrites its state file, and the fixture must stay as generated.
        const stateFile = path.join(WORK, "emulator-state.json");
        copyFileSync(path.join(FIXTURE, "emulator-state.json"), stateFile);
        emulator = await startEmulator({ port: 0, stateFile });

        // This release, installed as a user upgrading would: the program's node_modules is where
        // the old `__provider` text's require() calls resolve.
        const { tarball } = installPackedPackage();
        programDir = path.join(WORK, "project");
        installProgram(path.join(ROOT, "examples", "quickstart"), programDir, tarball);
        const passphrase = readFileSync(path.join(FIXTURE, "passphrase.txt"), "utf8").trim();
        project = new PulumiProject(programDir, pulumiDir, WORK, { PULUMI_CONFIG_PASSPHRASE: passphrase, CLOUDCERTS_LOG: "debug" });
        await project.run(["stack", "init", about.stack]);
        // Refresh and destroy configure the provider from the stack config recorded in state at the
        // last `up`, where the endpoint is the generator's emulator and its long-gone port; a real
        // vendor endpoint does not move, so point the recorded one at this run's emulator.
        const provider = allResources(fixture).find((r) => r.type === "pulumi:providers:pulumi-nodejs");
        const recorded = provider?.inputs?.["cloudcerts:tencentEndpoint"];
        expect(recorded, "the fixture's provider should record the emulator endpoint").to.be.a("string").and.match(/^http:\/\/127\.0\.0\.1:\d+\/tencent$/);
        const deployment = path.join(WORK, "deployment.json");
        writeFileSync(deployment, readFileSync(path.join(FIXTURE, "deployment.json"), "utf8").split(recorded as string).join(emulator.endpoints.tencent));
        await project.run(["stack", "import", "--file", deployment]);
        await project.setConfigs(emulatorConfig(emulator, ["tencent"]));
    });

    after(async () => {
        await emulator?.close();
    });

    it("the fixture loads its providers through the module paths this release still exports", () => {
        const resources = dynamicResources(fixture);
        expect(resources.map((r) => r.type)).to.have.members(STATE_CONTRACT.map((c) => c.type));
        for (const c of STATE_CONTRACT) {
            const text = String(resources.find((r) => r.type === c.type)!.outputs!.__provider);
            expect(text, c.type).to.contain(`require("${c.module}")`);
            // Resolved from the program directory, as the engine's provider host resolves it.
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is known only at run time
            const loaded = require(require.resolve(c.module, { paths: [programDir] })) as Record<string, { read?: unknown; delete?: unknown }>;
            expect(loaded[c.exported], `${c.module} exports ${c.exported}`).to.be.an("object");
            expect(loaded[c.exported].read, `${c.exported}.read`).to.be.a("function");
            expect(loaded[c.exported].delete, `${c.exported}.delete`).to.be.a("function");
        }
        expect(Date.parse(about.certificateNotAfter), "the fixture's certificate has expired: regenerate it (README.md beside it)").to.be.greaterThan(Date.now());
    });

    it("pulumi refresh reads every resource with this release's code and finds every old output unchanged", async () => {
        const before = await exportState();
        expect(dynamicResources(before)).to.have.length(STATE_CONTRACT.length);
        const refresh = await project.run(["refresh", "--yes", "--logflow"]);
        // The old package is installed nowhere: whatever answered these calls is this release.
        const output = refresh.stdout + refresh.stderr;
        expect(output).to.contain("[cloudcerts] Tencent DescribeCertificateDetail attempt 1: HTTP 200");
        expect(output).to.contain("[cloudcerts] Tencent DescribeCSR attempt 1: HTTP 200");
        const after = await exportState();
        for (const old of dynamicResources(before)) {
            const now = allResources(after).find((r) => r.urn === old.urn);
            expect(now, old.urn).to.not.equal(undefined);
            expect(now!.id, old.urn).to.equal(old.id);
            // A newer release may add outputs; it must not change or lose the ones state has.
            for (const [key, value] of Object.entries(old.outputs ?? {})) expect(now!.outputs![key], `${old.urn} ${key}`).to.deep.equal(value);
        }
        // And once refreshed, the state is stable: nothing drifted in the emulator.
        await project.run(["refresh", "--yes", "--expect-no-changes"]);
    });

    it("pulumi destroy deletes both objects with this release's code, leaving the emulator empty", async () => {
        const inv = await inventory();
        expect(inv.tencent.certificates).to.have.length(1);
        expect(inv.tencent.csrs).to.have.length(1);
        await project.run(["destroy", "--yes"]);
        const empty = await inventory();
        expect(empty.tencent.certificates).to.deep.equal([]);
        expect(empty.tencent.csrs).to.deep.equal([]);
        expect(dynamicResources(await exportState())).to.deep.equal([]);
    });
});
