import { expect } from "chai";
import { encryptPrivateKey } from "../../../../emulator/pki";
import { normalizePem, samePem } from "../../../../provider/core/pem";
import { generateTestKeys, testChain, type TestKeys } from "./fixtures";

describe("core/pem normalizePem", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should leave canonical PEM unchanged", () => {
        const { chainPem } = testChain(keys);
        expect(normalizePem(chainPem)).to.equal(chainPem);
    });

    it("should turn CRLF into LF and drop surrounding whitespace and the trailing newline", () => {
        const { chainPem } = testChain(keys);
        expect(normalizePem(`\r\n  ${chainPem.replace(/\n/g, "\r\n")}\r\n\r\n`)).to.equal(chainPem);
        expect(normalizePem(`${chainPem}\n`)).to.equal(chainPem);
        expect(normalizePem(chainPem.replace(/\n/g, "\r"))).to.equal(chainPem);
    });

    it("should strip whitespace between blocks and around each line", () => {
        const chain = testChain(keys);
        const messy = `  ${chain.leaf.certificatePem.split("\n").map((line) => `  ${line}\t`).join("\n")}\n\n\n${chain.intermediate!.certificatePem}  `;
        expect(normalizePem(messy)).to.equal(chain.chainPem);
    });

    it("should keep the blank line that ends the headers of a traditional encrypted key", () => {
        const legacy = encryptPrivateKey(keys.ec.privateKeyPem, "pw", { format: "traditional" });
        expect(legacy).to.contain("\n\n");
        expect(normalizePem(legacy.replace(/\n/g, "\r\n"))).to.equal(legacy);
        expect(normalizePem(legacy.replace("\n\n", "\n\n\n"))).to.equal(legacy);
    });

    it("should only trim text that is not PEM, and never throw", () => {
        expect(normalizePem("  hello\r\nworld \n")).to.equal("hello\nworld");
        expect(normalizePem("")).to.equal("");
        expect(normalizePem("-----BEGIN CERTIFICATE-----\nabc")).to.equal("-----BEGIN CERTIFICATE-----\nabc");
    });

    it("should keep single-line PEM on one line", () => {
        expect(normalizePem(" -----BEGIN X-----QUJD-----END X----- ")).to.equal("-----BEGIN X-----QUJD-----END X-----");
    });
});

describe("core/pem samePem", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should treat CRLF, whitespace and trailing newline as the same PEM", () => {
        const { chainPem } = testChain(keys);
        expect(samePem(chainPem, `${chainPem.replace(/\n/g, "\r\n")}\r\n`)).to.equal(true);
    });

    it("should treat re-wrapped base64 as the same PEM", () => {
        const { leaf } = testChain(keys);
        const body = leaf.certificatePem.split("\n").slice(1, -1).join("");
        const wrapped76 = ["-----BEGIN CERTIFICATE-----", ...(body.match(/.{1,76}/g) ?? []), "-----END CERTIFICATE-----"].join("\n");
        expect(samePem(leaf.certificatePem, wrapped76)).to.equal(true);
    });

    it("should tell different certificates and different order apart", () => {
        const chain = testChain(keys);
        expect(samePem(chain.leaf.certificatePem, chain.intermediate!.certificatePem)).to.equal(false);
        expect(samePem(chain.chainPem, `${chain.intermediate!.certificatePem}\n${chain.leaf.certificatePem}`)).to.equal(false);
        expect(samePem(chain.chainPem, chain.leaf.certificatePem)).to.equal(false);
        expect(samePem("not pem", "not  pem")).to.equal(false);
    });
});
