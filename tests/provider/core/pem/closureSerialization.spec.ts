import Module from "node:module";
import * as path from "node:path";
import { expect } from "chai";
import { checkCertificateBundle, loadPrivateKey, normalizePem, PemError } from "../../../../provider/core/pem";
import { generateTestKeys, NOW, testChain, type TestKeys } from "./fixtures";

interface Serialized {
    readonly text: string;
}
type Handler = { check(certificate: string, key: string): unknown; load(key: string): string };

/** Serializes like the engine does for a dynamic provider, then loads the text as a fresh module. */
async function roundTrip(make: () => Handler): Promise<Handler> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pulumi = require("@pulumi/pulumi") as { runtime: { serializeFunction(f: () => unknown, o: { allowSecrets: boolean }): Promise<Serialized> } };
    const { text } = await pulumi.runtime.serializeFunction(make, { allowSecrets: false });
    expect(text).to.contain('require("jsrsasign/lib/jsrsasign.js")');
    const filename = path.join(process.cwd(), "serialized-provider.js");
    const mod = new Module(filename) as Module & { _compile(code: string, file: string): void; paths: string[] };
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(process.cwd());
    mod._compile(text, filename);
    return (mod.exports as { handler: () => Handler }).handler();
}

describe("core/pem under Pulumi closure serialization", function () {
    this.timeout(60000);
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should serialize (named jsrsasign imports) and keep PemError messages", async () => {
        // A captured Date does not survive serialization (it comes back as a plain object), so the
        // clock is rebuilt from a string inside the function, as providers call new Date() at run time.
        const nowIso = NOW.toISOString();
        const handler: Handler = {
            check: (certificate, key) =>
                checkCertificateBundle({ certificate: { property: "cert", value: certificate }, privateKey: { property: "key", value: key }, requireKey: true, now: new Date(nowIso) }),
            load: (key) => {
                try {
                    return normalizePem(loadPrivateKey(key).format);
                } catch (error) {
                    return error instanceof PemError ? `${error.code}: ${error.message}` : "other";
                }
            },
        };
        const revived = await roundTrip(() => handler);
        const c = testChain(keys);
        expect(revived.check(c.chainPem, c.leaf.privateKeyPem)).to.deep.equal([]);
        // Error.call(this, message) in the serialized class would lose the message without the explicit assignment.
        expect(revived.load("junk")).to.equal("NOT_PEM: the text is not PEM: it has no -----BEGIN …----- line");
        expect(revived.check(c.chainPem, keys.other.privateKeyPem)).to.have.length(1);
    });
});
