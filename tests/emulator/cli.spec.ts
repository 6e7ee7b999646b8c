import { expect } from "chai";
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { signTc3 } from "../../provider/tencent/sign";

const ROOT = resolve(__dirname, "../..");

interface Started {
    readonly child: ChildProcessByStdio<null, Readable, Readable>;
    readonly firstLine: string;
}

/** The runner's environment minus emulator credentials, so that what a test expects does not depend on the shell it runs in. */
function cleanEnv(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CLOUDCERTS_EMULATOR_")));
}

/** Runs the CLI from source (as `node --import tsx emulator/cli.ts`) and waits for its first stdout line. */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", ...args], { cwd: ROOT, env: { ...cleanEnv(), ...env }, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolvePromise, reject) => {
        let out = "";
        let err = "";
        child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
        child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const newline = out.indexOf("\n");
            if (newline >= 0) resolvePromise({ child, firstLine: out.slice(0, newline) });
        });
        child.once("exit", (code) => reject(new Error(`cloudcerts-emulator exited with ${code} before printing: ${err}`)));
    });
}

function exitCode(child: Started["child"]): Promise<number | null> {
    return new Promise((resolvePromise) => {
        if (child.exitCode !== null) resolvePromise(child.exitCode);
        else child.once("exit", (code) => resolvePromise(code));
    });
}

describe("emulator: cloudcerts-emulator CLI", function () {
    // Starting node with tsx takes a moment on a cold machine.
    this.timeout(30_000);
    let dir: string;

    before(async () => {
        dir = await mkdtemp(join(tmpdir(), "cloudcerts-cli-"));
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it("--port 0 prints one JSON line with the endpoints and credentials, serves signed calls, and exits 0 on SIGTERM after writing the state", async () => {
        const stateFile = join(dir, "state.json");
        const { child, firstLine } = await runCli(["--port", "0", "--state", stateFile], {
            CLOUDCERTS_EMULATOR_TENCENT_SECRET_ID: "AKIDCLITEST",
            CLOUDCERTS_EMULATOR_TENCENT_SECRET_KEY: "cli-test-key",
            CLOUDCERTS_EMULATOR_ALIBABA_ACCESS_KEY_SECRET: "cli-alibaba-secret",
        });
        try {
            const info = JSON.parse(firstLine) as { url: string; endpoints: { tencent: string }; credentials: unknown; inventory: string; faults: string };
            expect(info.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
            expect(info.endpoints.tencent).to.equal(`${info.url}/tencent`);
            // What the environment sets, else the fake defaults: a user pastes these into their stack.
            expect(info.credentials).to.deep.equal({
                tencent: { secretId: "AKIDCLITEST", secretKey: "cli-test-key" },
                huawei: { accessKey: "CLOUDCERTSEMULATORHUAWEI", secretKey: "cloudcerts-emulator-huawei-key" },
                alibaba: { accessKeyId: "CLOUDCERTSEMULATORALIBABA", accessKeySecret: "cli-alibaba-secret" },
                scloud: { publicKey: "cloudcerts-emulator-scloud-public-key", privateKey: "cloudcerts-emulator-scloud-private-key" },
            });
            expect(info.inventory).to.equal(`${info.url}/_emulator/inventory`);
            expect(info.faults).to.equal(`${info.url}/_emulator/faults`);

            const url = new URL(`${info.endpoints.tencent}/`);
            const body = JSON.stringify({ Domain: "cli.example.com", Organization: "O", Department: "D", Email: "a@example.com", Province: "P", City: "C", Country: "CN", EncryptAlgo: "ECC", KeyParameter: "prime256v1", Generate: false });
            const signed = signTc3({ method: "POST", host: url.hostname, path: url.pathname, query: "", headers: { "content-type": "application/json" }, body }, { secretId: "AKIDCLITEST", secretKey: "cli-test-key" }, { service: "ssl", now: new Date() });
            const response = await fetch(url, {
                method: "POST",
                body,
                headers: { "content-type": "application/json", "x-tc-action": "CreateCSR", "x-tc-version": "2019-12-05", "x-tc-timestamp": String(signed.timestamp), authorization: signed.authorization },
            });
            const answer = (await response.json()) as { Response: { Id?: number; Error?: unknown } };
            expect(answer.Response.Error).to.equal(undefined);
            expect(answer.Response.Id).to.be.a("number");
            const inventory = (await (await fetch(info.inventory)).json()) as { tencent: { csrs: unknown[] } };
            expect(inventory.tencent.csrs).to.have.length(1);
        } finally {
            child.kill("SIGTERM");
        }
        expect(await exitCode(child)).to.equal(0);
        expect(await readFile(stateFile, "utf8")).to.contain("cli.example.com");
    });

    it("prints every vendor's fake default credentials when the environment sets none", async () => {
        const { child, firstLine } = await runCli(["--port", "0"]);
        try {
            const info = JSON.parse(firstLine) as { credentials: Record<string, unknown> };
            expect(info.credentials).to.deep.equal({
                tencent: { secretId: "AKIDCLOUDCERTSEMULATOR", secretKey: "cloudcerts-emulator-tencent-key" },
                huawei: { accessKey: "CLOUDCERTSEMULATORHUAWEI", secretKey: "cloudcerts-emulator-huawei-key" },
                alibaba: { accessKeyId: "CLOUDCERTSEMULATORALIBABA", accessKeySecret: "cloudcerts-emulator-alibaba-key" },
                scloud: { publicKey: "cloudcerts-emulator-scloud-public-key", privateKey: "cloudcerts-emulator-scloud-private-key" },
            });
        } finally {
            child.kill("SIGTERM");
        }
        expect(await exitCode(child)).to.equal(0);
    });

    it("rejects unknown options with exit code 2", async () => {
        const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", "--bogus"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let err = "";
        child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
        expect(await exitCode(child)).to.equal(2);
        expect(err).to.contain("Usage: cloudcerts-emulator");
    });
});
