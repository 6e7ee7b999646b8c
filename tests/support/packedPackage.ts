import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Installs the package the way a user gets it: `npm pack`, unpacked into a consumer's node_modules.
 * Local sources would be serialized by value and hide exports-map and module-format problems.
 * The consumer lives under the repo, so the package's own dependencies resolve from the repo's
 * node_modules. Returns the consumer directory.
 */
export function installPackedPackage(): string {
    if (!existsSync(path.join(ROOT, "dist", "provider", "index.js"))) {
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
    return consumer;
}
