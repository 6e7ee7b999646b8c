import { expect } from "chai";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The emulator stands for the vendors, so it must not share the provider's code: a provider bug
 * copied into the emulator would pass every test. The exceptions are the vendor signers, each
 * proved on its own against the vendor's published vectors (and, where one is installable, its
 * official SDK): tests/provider/{tencent,huawei,alibaba,scloud}/sign.spec.ts. Reusing them checks
 * signatures the vendor's way.
 */

const ROOT = resolve(__dirname, "../..");
const ALLOWED = new Set(["provider/tencent/sign", "provider/huawei/sign", "provider/alibaba/sign", "provider/scloud/sign"]);
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

async function sourceFiles(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true });
    const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : Promise.resolve(entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []))));
    return nested.flat();
}

describe("emulator: imports", () => {
    it("imports nothing from provider/ except the proven vendor signers", async () => {
        const found: string[] = [];
        for (const file of await sourceFiles(join(ROOT, "emulator"))) {
            for (const match of (await readFile(file, "utf8")).matchAll(SPECIFIER)) {
                if (!match[1].startsWith(".")) continue;
                const target = relative(ROOT, resolve(dirname(file), match[1])).replace(/\\/g, "/").replace(/\.(ts|js)$/, "");
                if (target === "provider" || target.startsWith("provider/")) found.push(`${relative(ROOT, file)} -> ${target}`);
            }
        }
        expect(found.filter((line) => !ALLOWED.has(line.split(" -> ")[1]))).to.deep.equal([]);
        expect(found.sort(), "the signers are still what each vendor's auth.ts verifies with").to.deep.equal([
            "emulator/alibaba/auth.ts -> provider/alibaba/sign",
            "emulator/huawei/auth.ts -> provider/huawei/sign",
            "emulator/scloud/auth.ts -> provider/scloud/sign",
            "emulator/tencent/auth.ts -> provider/tencent/sign",
        ]);
    });
});
