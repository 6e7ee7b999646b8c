import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { EmulatorCredentials, EmulatorEndpoints, VendorName } from "../../emulator";
import { EMULATOR_HUAWEI_PROJECT_ID, SCLOUD_TEST_PROJECT, SCLOUD_TEST_REGION } from "../support/emulator";

const ROOT = path.resolve(__dirname, "..", "..");

export interface RunResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** The directory holding `pulumi` (PATH, then provide-pulumi's cache), or undefined. Never builds. */
export function findPulumi(): string | undefined {
    try {
        return execFileSync("bash", [path.join(ROOT, "scripts", "find-pulumi.sh")], { encoding: "utf8" }).trim() || undefined;
    } catch {
        return undefined;
    }
}

/**
 * The Pulumi CLI's directory, for a suite's `before`: without one the suite is skipped, or fails
 * when CLOUDCERTS_E2E=required (CI), so that engine tests never pass by not running.
 */
export function pulumiOrSkip(suite: Mocha.Context): string {
    const dir = findPulumi();
    if (dir) return dir;
    if (process.env.CLOUDCERTS_E2E === "required") throw new Error("CLOUDCERTS_E2E=required but no Pulumi CLI was found: run scripts/provide-pulumi.sh and put its directory on PATH");
    console.log('      skipped: no Pulumi CLI on PATH. To run these tests: export PATH="$(bash scripts/provide-pulumi.sh | tail -n 1):$PATH" (needs Go 1.26.6+).');
    suite.skip();
}

/** A stack config entry: key, value, and whether it is a secret. */
export type ConfigEntry = readonly [key: string, value: string, secret?: boolean];

/**
 * Stack config that points the providers of `vendors` at an emulator, with its test credentials,
 * project and region (the same SCloud region and project as the tests' own calls, so that drift
 * made from the test is in the stack's place).
 */
export function emulatorConfig(emulator: { readonly endpoints: EmulatorEndpoints; readonly credentials: EmulatorCredentials }, vendors: readonly VendorName[] = ["tencent", "huawei", "alibaba", "scloud"]): ConfigEntry[] {
    const { endpoints, credentials } = emulator;
    const byVendor: Record<VendorName, ConfigEntry[]> = {
        tencent: [
            ["cloudcerts:tencentEndpoint", endpoints.tencent],
            ["tencentcloud:secretId", credentials.tencent.secretId],
            ["tencentcloud:secretKey", credentials.tencent.secretKey, true],
        ],
        huawei: [
            ["cloudcerts:huaweiEndpoint", endpoints.huawei],
            ["huaweicloud:accessKey", credentials.huawei.accessKey],
            ["huaweicloud:secretKey", credentials.huawei.secretKey, true],
            ["huaweicloud:projectId", EMULATOR_HUAWEI_PROJECT_ID],
            ["huaweicloud:region", "cn-north-4"],
        ],
        alibaba: [
            ["cloudcerts:alibabaEndpoint", endpoints.alibaba],
            ["alicloud:accessKey", credentials.alibaba.accessKeyId],
            ["alicloud:secretKey", credentials.alibaba.accessKeySecret, true],
            ["alicloud:region", "cn-hangzhou"],
        ],
        scloud: [
            ["cloudcerts:scloudEndpoint", endpoints.scloud],
            ["scloud:publicKey", credentials.scloud.publicKey],
            ["scloud:privateKey", credentials.scloud.privateKey, true],
            ["scloud:region", SCLOUD_TEST_REGION],
            ["scloud:projectId", SCLOUD_TEST_PROJECT],
        ],
    };
    return vendors.flatMap((vendor) => byVendor[vendor]);
}

/**
 * Runs the real `pulumi` CLI against one project, isolated and offline: its own PULUMI_HOME, a
 * file backend, the passphrase secrets provider, no update checks and no plugin downloads.
 */
export class PulumiProject {
    readonly env: NodeJS.ProcessEnv;

    constructor(
        readonly dir: string,
        pulumiDir: string,
        workDir: string,
        extraEnv: NodeJS.ProcessEnv = {},
    ) {
        mkdirSync(path.join(workDir, "state"), { recursive: true });
        const env: NodeJS.ProcessEnv = { ...process.env };
        // The stack's own config must be what the providers use: no credentials from the test's environment.
        for (const k of Object.keys(env)) if (/^(TENCENTCLOUD_|ALIBABA_CLOUD_|ALICLOUD_|CLOUDCERTS_|PULUMI_)/.test(k)) delete env[k];
        this.env = {
            ...env,
            // The language host and the dynamic-provider plugin (a sh script) run the first `node`
            // on PATH: make it the Node running the tests, so the engine is tested on that Node too.
            PATH: [path.dirname(process.execPath), pulumiDir, process.env.PATH ?? ""].join(path.delimiter),
            PULUMI_HOME: path.join(workDir, "pulumi-home"),
            PULUMI_BACKEND_URL: `file://${path.join(workDir, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: "cloudcerts-e2e-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            ...extraEnv,
        };
    }

    run(args: readonly string[], options: { env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}): Promise<RunResult> {
        return new Promise((resolve, reject) => {
            execFile(
                "pulumi",
                ["--non-interactive", ...args],
                { cwd: this.dir, env: { ...this.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, timeout: 300000 },
                (error, stdout, stderr) => {
                    const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
                    const result = { code, stdout: String(stdout), stderr: String(stderr) };
                    if (code !== 0 && !options.allowFailure) {
                        // A config value after "--" may be a secret: never put it in the message.
                        const shown = args.includes("--") ? [...args.slice(0, args.indexOf("--")), "<value>"] : args;
                        reject(new Error(`pulumi ${shown.join(" ")} exited ${code}\n${result.stdout}\n${result.stderr}`));
                    } else {
                        resolve(result);
                    }
                },
            );
        });
    }

    async setConfig(key: string, value: string, secret = false): Promise<void> {
        // "--" keeps a PEM's leading dashes from being read as flags.
        await this.run(["config", "set", secret ? "--secret" : "--plaintext", key, "--", value]);
    }

    async setConfigs(entries: readonly ConfigEntry[]): Promise<void> {
        for (const [key, value, secret] of entries) await this.setConfig(key, value, secret);
    }
}

/**
 * Copies the Pulumi program in `sourceDir` to `targetDir` and installs its dependencies: the
 * quickstart's (one place pins @pulumi/pulumi and the TypeScript toolchain the language host
 * needs), plus pulumi-cloudcerts from `tarball`, as a user installs it. `overrides` replaces
 * dependency versions (e.g. an older @pulumi/pulumi).
 */
export function installProgram(sourceDir: string, targetDir: string, tarball: string, overrides: Record<string, string> = {}): void {
    rmSync(targetDir, { recursive: true, force: true, maxRetries: 5 });
    mkdirSync(path.dirname(targetDir), { recursive: true });
    cpSync(sourceDir, targetDir, { recursive: true, filter: (src) => !/node_modules|\.certs/.test(src) });
    const quickstart = JSON.parse(readFileSync(path.join(ROOT, "examples", "quickstart", "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
    };
    const pkg = {
        name: path.basename(targetDir),
        private: true,
        main: "index.ts",
        dependencies: { ...quickstart.dependencies, "pulumi-cloudcerts": `file:${tarball}`, ...overrides },
        devDependencies: quickstart.devDependencies,
    };
    writeFileSync(path.join(targetDir, "package.json"), JSON.stringify(pkg, null, 2));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: targetDir, stdio: ["ignore", "ignore", "inherit"] });
}
