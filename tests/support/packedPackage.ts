import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

function newestSource(dirs: readonly string[]): number {
    let newest = 0;
    const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const p = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(p);
            else newest = Math.max(newest, statSync(p).mtimeMs);
        }
    };
    for (const d of dirs) walk(path.join(ROOT, d));
    return newest;
}

/** True when dist is missing or older than the sources (a stale dist would test old code). */
function builtBefore(sourceMtime: number): boolean {
    const marker = path.join(ROOT, "dist", "provider", "index.js");
    return !existsSync(marker) || statSync(marker).mtimeMs < sourceMtime;
}

/**
 * Installs the package the way a user gets it: `npm pack`, unpacked into a consumer's node_modules.
 * Local sources would be serialized by value and hide exports-map and module-format problems.
 * The consumer lives under the repo, so the package's own dependencies resolve from the repo's
 * node_modules. Returns the consumer directory and the tarball.
 */
export function installPackedPackage(): { consumer: string; tarball: string } {
    if (builtBefore(newestSource(["provider", "emulator"]))) {
        execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
    }
    const packDir = path.join(ROOT, ".tmp", "pack");
    const consumer = path.join(ROOT, ".tmp", "consumer");
    rmSync(packDir, { recursive: true, force: true });
    rmSync(consumer, { recursive: true, force: true });
    mkdirSync(packDir, { recursive: true });
    execFileSync("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack produced no tarball");
    const target = path.join(consumer, "node_modules", "pulumi-cloudcerts");
    mkdirSync(target, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(packDir, tarball), "-C", target, "--strip-components=1"]);
    return { consumer, tarball: path.join(packDir, tarball) };
}
