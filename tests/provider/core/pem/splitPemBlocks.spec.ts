import { expect } from "chai";
import { encryptPrivateKey } from "../../../../emulator/pki";
import { encodePemBlock, PemError, splitPemBlocks, type PemErrorCode } from "../../../../provider/core/pem";
import { generateTestKeys, testChain, type TestKeys } from "./fixtures";

function expectPemError(run: () => unknown, code: PemErrorCode, message?: RegExp): void {
    try {
        run();
    } catch (error) {
        expect(error).to.be.instanceOf(PemError);
        expect((error as PemError).code).to.equal(code);
        if (message) expect((error as PemError).message).to.match(message);
        return;
    }
    expect.fail(`expected a PemError ${code}`);
}

describe("core/pem splitPemBlocks", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should split a bundle into its blocks, in order, with their DER", () => {
        const chain = testChain(keys);
        const blocks = splitPemBlocks(chain.fullChainPem);
        expect(blocks.map((b) => b.label)).to.deep.equal(["CERTIFICATE", "CERTIFICATE", "CERTIFICATE"]);
        expect(blocks.map((b) => b.pem)).to.deep.equal([chain.leaf.certificatePem, chain.intermediate!.certificatePem, chain.root!.certificatePem]);
        expect(blocks[0]!.der[0]).to.equal(0x30); // DER SEQUENCE
    });

    it("should accept CRLF, blank lines and indentation around and inside blocks", () => {
        const chain = testChain(keys);
        const messy = `\r\n\r\n${chain.chainPem.split("\n").map((l) => `   ${l}  `).join("\r\n\r\n")}\r\n`;
        expect(splitPemBlocks(messy).map((b) => b.pem)).to.deep.equal([chain.leaf.certificatePem, chain.intermediate!.certificatePem]);
    });

    it("should re-wrap to canonical 64-column PEM", () => {
        const { leaf } = testChain(keys);
        const body = leaf.certificatePem.split("\n").slice(1, -1).join("");
        expect(splitPemBlocks(`-----BEGIN CERTIFICATE-----${body}-----END CERTIFICATE-----`)[0]!.pem).to.equal(leaf.certificatePem);
    });

    it("should keep RFC 1421 headers of traditional encrypted keys", () => {
        const legacy = encryptPrivateKey(keys.ec.privateKeyPem, "pw", { format: "traditional" });
        const [block] = splitPemBlocks(legacy);
        expect(block!.label).to.equal("EC PRIVATE KEY");
        expect(block!.headers["Proc-Type"]).to.equal("4,ENCRYPTED");
        expect(block!.headers["DEK-Info"]).to.match(/^AES-256-CBC,[0-9A-F]{32}$/);
        expect(block!.pem).to.equal(legacy);
    });

    it("should round-trip through encodePemBlock", () => {
        const [block] = splitPemBlocks(keys.leaf.privateKeyPem);
        expect(encodePemBlock(block!.label, block!.der)).to.equal(keys.leaf.privateKeyPem);
    });

    describe("rejects, naming the block by position and quoting nothing", () => {
        it("empty text", () => expectPemError(() => splitPemBlocks(" \r\n "), "EMPTY"));
        it("text with no PEM block", () => expectPemError(() => splitPemBlocks("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"), "NOT_PEM", /no -----BEGIN/));
        it("text before the first block", () => {
            const { leaf } = testChain(keys);
            expectPemError(() => splitPemBlocks(`Bag Attributes\n    localKeyID: 01\n${leaf.certificatePem}`), "TEXT_OUTSIDE_BLOCKS", /before the first PEM block/);
        });
        it("text between blocks", () => {
            const chain = testChain(keys);
            expectPemError(() => splitPemBlocks(`${chain.leaf.certificatePem}\nsubject=CN=x\n${chain.intermediate!.certificatePem}`), "TEXT_OUTSIDE_BLOCKS", /between PEM blocks 1 and 2/);
        });
        it("text after the last block", () => {
            const { leaf } = testChain(keys);
            expectPemError(() => splitPemBlocks(`${leaf.certificatePem}\ntrailing`), "TEXT_OUTSIDE_BLOCKS", /after the last/);
        });
        it("a block without its END line", () => {
            const { leaf } = testChain(keys);
            expectPemError(() => splitPemBlocks(leaf.certificatePem.replace("-----END CERTIFICATE-----", "")), "UNTERMINATED_BLOCK", /block 1/);
        });
        it("a block cut off before the next one begins", () => {
            const chain = testChain(keys);
            const cut = chain.chainPem.replace("-----END CERTIFICATE-----\n", "");
            expectPemError(() => splitPemBlocks(cut), "UNTERMINATED_BLOCK", /block 1/);
        });
        it("END and BEGIN labels that differ", () => {
            const { leaf } = testChain(keys);
            expectPemError(() => splitPemBlocks(leaf.certificatePem.replace("END CERTIFICATE", "END PRIVATE KEY")), "MISMATCHED_LABELS");
        });
        it("broken base64", () => {
            const { chainPem } = testChain(keys);
            const lines = chainPem.split("\n");
            const second = lines.findIndex((l, i) => i > 0 && l.startsWith("-----BEGIN"));
            lines[second + 2] = `${lines[second + 2]!.slice(0, 10)}!${lines[second + 2]!.slice(11)}`;
            expectPemError(() => splitPemBlocks(lines.join("\n")), "BAD_BASE64", /block 2 is not valid base64/);
        });
        it("base64 of the wrong length (a character lost)", () => {
            const { leaf } = testChain(keys);
            const lines = leaf.certificatePem.split("\n");
            lines[3] = lines[3]!.slice(1);
            expectPemError(() => splitPemBlocks(lines.join("\n")), "BAD_BASE64");
        });
        it("an empty block", () => expectPemError(() => splitPemBlocks("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----"), "BAD_BASE64", /block 1 is empty/));
    });
});
