import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

function parts(version: string): number[] {
    return version.split(".").map((p) => Number.parseInt(p, 10) || 0);
}

function atLeast(version: string, floor: string): boolean {
    const [a, b] = [parts(version), parts(floor)];
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    return true;
}

describe("the Node.js the suite runs on", () => {
    // CI runs the suite once per Node it claims to support; a PATH mistake would otherwise
    // silently test the machine's own Node twice.
    it("is the one CI asked for (CLOUDCERTS_EXPECT_NODE)", function () {
        const expected = process.env.CLOUDCERTS_EXPECT_NODE;
        if (!expected) this.skip();
        expect(process.versions.node).to.equal(expected);
    });

    it("is admitted by package.json engines", () => {
        const engines = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
        const floor = /^>=(\d+(?:\.\d+){0,2})$/.exec(engines);
        expect(floor, `engines.node "${engines}" should be a plain >= range`).to.not.equal(null);
        const hint = `node ${process.versions.node} is older than engines ${engines}; put a supported one first on PATH: export PATH="$(bash scripts/provide-node.sh | tail -n 1):$PATH"`;
        expect(atLeast(process.versions.node, floor![1]), hint).to.equal(true);
    });
});
