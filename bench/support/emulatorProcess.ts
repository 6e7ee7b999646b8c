import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { EmulatorCredentials, EmulatorEndpoints, FaultSpec } from "../../emulator";

const CLI = path.resolve(__dirname, "..", "..", "dist", "emulator", "cli.js");

/** The emulator in a process of its own, as users run it: its work does not share the bench's event loop. */
export interface EmulatorProcess {
    readonly url: string;
    readonly endpoints: EmulatorEndpoints;
    readonly credentials: EmulatorCredentials;
    admin<T>(method: "GET" | "POST" | "DELETE", route: string, body?: unknown): Promise<T>;
    setFaults(faults: readonly FaultSpec[]): Promise<void>;
    /** Requests its rate limits refused, by vendor/caller/action. */
    refusals(): Promise<Record<string, number>>;
    stop(): Promise<void>;
}

export async function startEmulatorProcess(options: { rateLimits: boolean }): Promise<EmulatorProcess> {
    const child: ChildProcess = spawn(process.execPath, [CLI, "--port", "0", ...(options.rateLimits ? [] : ["--no-rate-limits"])], { stdio: ["ignore", "pipe", "inherit"] });
    const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const newline = out.indexOf("\n");
            if (newline >= 0) resolve(out.slice(0, newline));
        });
    });
    const ready = JSON.parse(line) as { url: string; endpoints: EmulatorEndpoints; credentials: EmulatorCredentials };
    const admin = async <T>(method: "GET" | "POST" | "DELETE", route: string, body?: unknown): Promise<T> => {
        const response = await fetch(`${ready.url}${route}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });
        if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${await response.text()}`);
        return (await response.json()) as T;
    };
    return {
        ...ready,
        admin,
        setFaults: async (faults) => {
            await admin("POST", "/_emulator/faults", faults);
        },
        refusals: async () => (await admin<{ refused: Record<string, number> }>("GET", "/_emulator/rate-limits")).refused,
        stop: () =>
            new Promise<void>((resolve) => {
                child.once("exit", () => resolve());
                child.kill("SIGTERM");
            }),
    };
}

/** The environment that points this process's providers at the emulator (what stack config does under the engine). */
export function emulatorEnv(emulator: Pick<EmulatorProcess, "endpoints" | "credentials">): Record<string, string> {
    return {
        CLOUDCERTS_TENCENT_ENDPOINT: emulator.endpoints.tencent,
        TENCENTCLOUD_SECRET_ID: emulator.credentials.tencent.secretId,
        TENCENTCLOUD_SECRET_KEY: emulator.credentials.tencent.secretKey,
    };
}
