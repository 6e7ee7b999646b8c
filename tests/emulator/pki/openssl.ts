import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Result of one openssl CLI run. */
export interface OpensslResult {
    readonly ok: boolean;
    readonly stdout: string;
    readonly stderr: string;
}

let available: boolean | undefined;

/** True when an `openssl` binary runs; specs that need it skip with a reason otherwise. */
export function hasOpenssl(): boolean {
    available ??= spawnSync("openssl", ["version"], { encoding: "utf8" }).status === 0;
    return available;
}

/**
 * Runs `openssl` in a fresh temporary directory holding `files` (name → content), so tests check
 * our output with an independent implementation. `{dir}` in args is replaced by that directory.
 */
export function openssl(args: readonly string[], files: Readonly<Record<string, string>> = {}, input?: string): OpensslResult {
    const dir = mkdtempSync(join(tmpdir(), "cloudcerts-pki-"));
    try {
        for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content.endsWith("\n") ? content : `${content}\n`);
        const result = spawnSync("openssl", args.map((arg) => arg.replaceAll("{dir}", dir)), { cwd: dir, encoding: "utf8", input });
        return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** openssl's -attime takes seconds since the epoch. */
export function epochSeconds(date: Date): string {
    return String(Math.floor(date.getTime() / 1000));
}
