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
/** TencentCertificate's documented UploadCertificate rate (provider/tencent/protocol.ts). */
const UPLOAD_PER_SECOND = 20;

type Step = "preview" | "up";

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
 * create returns at once): the engine's own cost, the floor. Three more runs of the minimal
 * program, not targets, split the difference: carrying the same certificate and key (the
 * engine's cost of that state), the same paced at the documented upload rate (what a provider
 * with no overhead of its own reaches), and carrying nothing but paced (the rate's share alone).
 * Both programs are plain JavaScript with the same dependencies, run by the real CLI on a local
 * file backend; subjects take turns so that load on a shared machine falls on all, and each
 * figure is the median of `rounds`.
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
            // Not a target: the same, and creates held to the documented upload rate as the
            // provider holds them: the floor for a provider with no overhead of its own.
            minimalPaced: new Subject("paced", minimal, async () => {
                await minimal.run(["config", "set", "count", String(count)]);
                await minimal.run(["config", "set", "withCertificates", "true"]);
                await minimal.run(["config", "set", "perSecond", String(UPLOAD_PER_SECOND)]);
            }),
            // Not a target: creates held to the documented rate and nothing carried, the rate's share alone.
            minimalPacedBare: new Subject("rate", minimal, async () => {
                await minimal.run(["config", "set", "count", String(count)]);
                await minimal.run(["config", "set", "perSecond", String(UPLOAD_PER_SECOND)]);
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
            const all = [subjects.minimal, subjects.cloudcerts, subjects.minimalWithCertificates, subjects.minimalPaced, subjects.minimalPacedBare];
            const order = round % 2 === 0 ? all : [...all].reverse();
            for (const subject of order) await subject.runOnce();
        }
        const refused = Object.values(await emulator.refusals()).reduce((a, b) => a + b, 0);

        const runs = (subject: Subject, step: Step) => subject.timings[step].map((s) => s.toFixed(1)).join(", ");
        /** `subject`'s median `step` beside `floor`'s, as a figure. */
        const versus = (subject: Subject, floor: Subject, step: Step, name: string, floorName: string, note: string, maxRatio?: number): Figure => {
            const value = median(subject.timings[step]);
            const floorValue = median(floor.timings[step]);
            const ratio = value / floorValue;
            return { group: "engine", name, note, value, unit: "s", floor: { name: floorName, value: floorValue }, ratio, targets: maxRatio === undefined ? [] : [ratioTarget(ratio, maxRatio)] };
        };
        const bare = `${count} minimal dynamic resources`;
        const figures = (["preview", "up"] as const).map((step) =>
            versus(
                subjects.cloudcerts,
                subjects.minimal,
                step,
                `pulumi ${step} of ${count} TencentCertificates`,
                bare,
                `median of ${rounds} runs each (${runs(subjects.cloudcerts, step)} s; floor ${runs(subjects.minimal, step)} s); emulator rate limits on, ${refused} throttled`,
                step === "preview" ? MAX_PREVIEW_RATIO : MAX_UP_RATIO,
            ),
        );
        for (const step of ["preview", "up"] as const) {
            figures.push(
                versus(
                    subjects.minimalWithCertificates,
                    subjects.minimal,
                    step,
                    `pulumi ${step} of ${count} minimal dynamic resources carrying a certificate and its key`,
                    bare,
                    "not a target: the engine's cost of the same inputs and state (the PEM chain, the key as a secret) with a provider that does nothing; the rest of the difference is the provider's work and the documented rate",
                ),
            );
        }
        figures.push(
            versus(
                subjects.cloudcerts,
                subjects.minimalPaced,
                "up",
                `pulumi up of ${count} TencentCertificates, against minimal resources carrying the same and paced at ${UPLOAD_PER_SECOND}/s`,
                `${count} minimal, same certificate and key, ${UPLOAD_PER_SECOND} creates/s`,
                `not the issue's floor: what a provider with no overhead of its own reaches with the same state and the documented upload rate (floor runs ${runs(subjects.minimalPaced, "up")} s)`,
            ),
            versus(
                subjects.minimalPacedBare,
                subjects.minimal,
                "up",
                `pulumi up of ${count} minimal dynamic resources carrying nothing, paced at ${UPLOAD_PER_SECOND}/s`,
                bare,
                `not a target: the documented upload rate's share of the floor alone (runs ${runs(subjects.minimalPacedBare, "up")} s)`,
            ),
        );
        const stored = subjects.cloudcerts.timings.stateProvider;
        if (stored !== undefined) {
            figures.push({ group: "serialized provider", name: "TencentCertificate, as stored in state by pulumi up", value: stored / 1024, unit: "KiB", targets: [{ what: "< 4 KiB", ok: stored / 1024 < 4 }] });
        }
        return figures;
    } finally {
        await emulator.stop();
    }
}
