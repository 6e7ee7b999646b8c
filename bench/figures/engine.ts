import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { findPulumi, PulumiProject } from "../../tests/e2e/pulumiCli";
import { installPackedPackage } from "../../tests/support/packedPackage";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulatorProcess";
import { manyCertificates } from "../support/fixtures";
import { ratioTarget, type Figure } from "../support/results";
import { median } from "../support/stats";

const ROOT = path.resolve(__dirname, "..", "..");
const WORK = path.join(ROOT, ".tmp", "bench-engine");
const PROGRAMS = path.join(ROOT, "bench", "programs");
const MAX_UP_RATIO = 1.3;
const MAX_PREVIEW_RATIO = 1.2;

interface Timings {
    preview: number[];
    up: number[];
    /** Bytes of `__provider` of the first resource in state, as stored by `up`. */
    stateProvider?: number;
}

/** Copies a program and installs it as a user would: @pulumi/pulumi, and the package from its packed tarball. */
function install(program: string, tarball: string): string {
    const dir = path.join(WORK, program, "project");
    rmSync(path.dirname(dir), { recursive: true, force: true, maxRetries: 5 });
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(PROGRAMS, program), dir, { recursive: true });
    const quickstart = JSON.parse(readFileSync(path.join(ROOT, "examples", "quickstart", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const pkg = { name: `bench-${program}`, private: true, main: "index.js", dependencies: { "@pulumi/pulumi": quickstart.dependencies["@pulumi/pulumi"], "pulumi-cloudcerts": `file:${tarball}` } };
    writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    return dir;
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
    const start = performance.now();
    await run();
    return (performance.now() - start) / 1000;
}

/** One program through `rounds` of: fresh stack, timed preview, timed up, untimed destroy. */
class Subject {
    readonly timings: Timings = { preview: [], up: [] };
    private round = 0;

    constructor(
        private readonly stackPrefix: string,
        readonly project: PulumiProject,
        private readonly configure: (stack: string) => Promise<void>,
        private readonly reset: () => Promise<void> = async () => {},
    ) {}

    async runOnce(): Promise<void> {
        const stack = `${this.stackPrefix}${++this.round}`;
        await this.project.run(["stack", "init", stack]);
        await this.configure(stack);
        await this.reset();
        this.timings.preview.push(await seconds(() => this.project.run(["preview"])));
        this.timings.up.push(await seconds(() => this.project.run(["up", "--yes", "--skip-preview"])));
        if (this.timings.stateProvider === undefined) {
            const exported = JSON.parse((await this.project.run(["stack", "export"])).stdout) as { deployment: { resources?: Array<{ type: string; inputs?: { __provider?: string } }> } };
            const resource = (exported.deployment.resources ?? []).find((r) => typeof r.inputs?.__provider === "string");
            if (resource) this.timings.stateProvider = Buffer.byteLength(resource.inputs!.__provider!);
        }
        await this.project.run(["destroy", "--yes", "--skip-preview"]);
        await this.project.run(["stack", "rm", "--yes", stack]);
    }
}

/**
 * `pulumi preview` and `pulumi up` of `count` TencentCertificates against the emulator (its own
 * process, rate limits on), beside the same for `count` minimal dynamic resources (a provider whose
 * create returns at once): the engine's own cost, the floor. Both programs are plain JavaScript
 * with the same dependencies, run by the real CLI on a local file backend; runs alternate between
 * the two so that load on a shared machine falls on both, and each figure is the median of `rounds`.
 */
export async function engineFigures(count = 100, rounds = 3): Promise<Figure[]> {
    const pulumiDir = findPulumi();
    if (!pulumiDir) throw new Error("no pulumi CLI: put it on PATH (scripts/provide-pulumi.sh)");
    const { tarball } = installPackedPackage();
    const emulator: EmulatorProcess = await startEmulatorProcess({ rateLimits: true });
    try {
        const minimalDir = install("minimal", tarball);
        const cloudcertsDir = install("cloudcerts", tarball);
        const certificates = JSON.stringify(manyCertificates(count, "engine"));
        for (const dir of [minimalDir, cloudcertsDir]) writeFileSync(path.join(dir, "certificates.json"), certificates);

        const minimal = new PulumiProject(minimalDir, pulumiDir, path.join(WORK, "minimal"));
        const cloudcerts = new PulumiProject(cloudcertsDir, pulumiDir, path.join(WORK, "cloudcerts"));
        const subjects = {
            minimal: new Subject("floor", minimal, async () => {
                await minimal.run(["config", "set", "count", String(count)]);
            }),
            // Not a target: how much of the difference is only the certificates' size in state.
            minimalWithCertificates: new Subject("data", minimal, async () => {
                await minimal.run(["config", "set", "count", String(count)]);
                await minimal.run(["config", "set", "withCertificates", "true"]);
            }),
            cloudcerts: new Subject(
                "certs",
                cloudcerts,
                async () => {
                    await cloudcerts.setConfig("cloudcerts:tencentEndpoint", emulator.endpoints.tencent);
                    await cloudcerts.setConfig("tencentcloud:secretId", emulator.credentials.tencent.secretId);
                    await cloudcerts.setConfig("tencentcloud:secretKey", emulator.credentials.tencent.secretKey, true);
                },
                async () => {
                    await emulator.admin("POST", "/_emulator/reset");
                },
            ),
        };
        for (let round = 0; round < rounds; round++) {
            // Alternate which goes first, so neither always runs on a warmer (or busier) machine.
            const all = [subjects.minimal, subjects.cloudcerts, subjects.minimalWithCertificates];
            const order = round % 2 === 0 ? all : [...all].reverse();
            for (const subject of order) await subject.runOnce();
        }
        const refused = Object.values(await emulator.refusals()).reduce((a, b) => a + b, 0);

        const figure = (step: "preview" | "up", max: number): Figure => {
            const value = median(subjects.cloudcerts.timings[step]);
            const floor = median(subjects.minimal.timings[step]);
            const ratio = value / floor;
            return {
                group: "engine",
                name: `pulumi ${step} of ${count} TencentCertificates`,
                note: `median of ${rounds} runs each (${subjects.cloudcerts.timings[step].map((s) => s.toFixed(1)).join(", ")} s; floor ${subjects.minimal.timings[step].map((s) => s.toFixed(1)).join(", ")} s); emulator rate limits on, ${refused} throttled`,
                value,
                unit: "s",
                floor: { name: `${count} minimal dynamic resources`, value: floor },
                ratio,
                targets: [ratioTarget(ratio, max)],
            };
        };
        const figures = [figure("preview", MAX_PREVIEW_RATIO), figure("up", MAX_UP_RATIO)];
        for (const step of ["preview", "up"] as const) {
            const value = median(subjects.minimalWithCertificates.timings[step]);
            const floor = median(subjects.minimal.timings[step]);
            figures.push({
                group: "engine",
                name: `pulumi ${step} of ${count} minimal dynamic resources carrying a certificate and its key`,
                note: "not a target: the engine's cost of the same inputs and state (the PEM chain, the key as a secret) with a provider that does nothing; the rest of the difference is the provider's work and the documented rate",
                value,
                unit: "s",
                floor: { name: `${count} minimal dynamic resources`, value: floor },
                ratio: value / floor,
                targets: [],
            });
        }
        const stored = subjects.cloudcerts.timings.stateProvider;
        if (stored !== undefined) {
            figures.push({ group: "serialized provider", name: "TencentCertificate, as stored in state by pulumi up", value: stored / 1024, unit: "KiB", targets: [{ what: "< 4 KiB", ok: stored / 1024 < 4 }] });
        }
        return figures;
    } finally {
        await emulator.stop();
    }
}
