import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

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
