import { randomBytes } from "node:crypto";
import { expect } from "chai";
import { checkCaCertificates, checkCertificateBundle, loadPrivateKey, MAX_PEM_INPUT_BYTES, normalizePem, parseCertificateChain, parseCsr, PemError, samePem, splitPemBlocks, type PemErrorCode } from "../../../../provider/core/pem";
import { expectNoSecretIn, generateTestKeys, NOW, testChain, type TestKeys } from "./fixtures";

const CERT = "certificatePublicKey";
const KEY = "certificatePrivateKey";
const FIVE_MB = 5 * 1024 * 1024;

function codeOf(run: () => unknown): PemErrorCode | "none" {
    try {
        run();
        return "none";
    } catch (error) {
        expect(error).to.be.instanceOf(PemError);
        return (error as PemError).code;
    }
}

/** `unit` repeated up to exactly `length` characters. */
function repeatTo(unit: string, length: number): string {
    return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/**
 * Inputs of every shape, `size` characters long. Below the limit each fails for its own reason
 * (or passes), so a TOO_LARGE answer at 5 MB proves the size was judged before anything scanned or
 * parsed the text.
 */
function shapedInputs(keys: TestKeys, size: number): Record<string, { text: string; belowLimit: PemErrorCode | "none" }> {
    const { leaf } = testChain(keys);
    const cert = `${leaf.certificatePem}\n`;
    const base64 = randomBytes(Math.floor((size - 60) / 4) * 3).toString("base64");
    return {
        "random bytes": { text: randomBytes(size).toString("latin1"), belowLimit: "CONTROL_CHARACTER" },
        "one giant base64 block on one line": { text: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----`, belowLimit: "BAD_CERTIFICATE" },
        "100k BEGIN lines without END": { text: repeatTo("-----BEGIN CERTIFICATE-----\n", size), belowLimit: "UNTERMINATED_BLOCK" },
        "5 MB of '-'": { text: "-".repeat(size), belowLimit: "NOT_PEM" },
        "a valid certificate repeated": { text: cert.repeat(Math.floor(size / cert.length)), belowLimit: "none" },
        "one huge base64 line with no markers": { text: base64, belowLimit: "NOT_PEM" },
    };
}

describe("core/pem hostile input", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    describe("size limit", () => {
        it("should be 64 KiB, exported", () => expect(MAX_PEM_INPUT_BYTES).to.equal(65536));

        it("should reject 5 MB of any shape as TOO_LARGE, before any scan or parse", () => {
            const small = shapedInputs(keys, 8_000);
            for (const [name, { text }] of Object.entries(shapedInputs(keys, FIVE_MB))) {
                expect(codeOf(() => parseCertificateChain(small[name]!.text)), `${name}, small`).to.equal(small[name]!.belowLimit);
                for (const parse of [splitPemBlocks, parseCertificateChain, (t: string) => loadPrivateKey(t), parseCsr]) {
                    expect(codeOf(() => parse(text)), name).to.equal("TOO_LARGE");
                }
            }
        });

        it("should accept 64 KiB exactly and reject one byte more, counting UTF-8 bytes", () => {
            const { leaf } = testChain(keys);
            const padded = (size: number): string => `${leaf.certificatePem}${" ".repeat(size - leaf.certificatePem.length)}`;
            expect(parseCertificateChain(padded(MAX_PEM_INPUT_BYTES))).to.have.length(1);
            expect(codeOf(() => parseCertificateChain(padded(MAX_PEM_INPUT_BYTES + 1)))).to.equal("TOO_LARGE");
            // Under the limit in characters, over it in bytes: "é" is two bytes in UTF-8.
            const wide = `${leaf.certificatePem}\n${"é".repeat(MAX_PEM_INPUT_BYTES / 2)}`;
            expect(wide.length).to.be.below(MAX_PEM_INPUT_BYTES);
            try {
                splitPemBlocks(wide);
                expect.fail("expected TOO_LARGE");
            } catch (error) {
                expect((error as PemError).code).to.equal("TOO_LARGE");
                expect((error as PemError).message).to.equal(`the text is ${Buffer.byteLength(wide)} bytes: PEM input is limited to 65536 bytes (64 KiB), and a certificate chain with its key is a few KB`);
            }
        });

        it("should make check() fail with the size failure alone, naming the property and the limit", () => {
            for (const [name, { text }] of Object.entries(shapedInputs(keys, FIVE_MB))) {
                const failures = checkCertificateBundle({ certificate: { property: CERT, value: text }, privateKey: { property: KEY, value: text }, requireKey: true, now: NOW });
                const reasons = failures.map((f) => f.reason);
                expect(reasons, name).to.have.length(2);
                expect(reasons[0], name).to.match(/^certificatePublicKey: the text is .*bytes: PEM input is limited to 65536 bytes \(64 KiB\)/);
                expect(reasons[1], name).to.match(/^certificatePrivateKey: the text is .*bytes: PEM input is limited to 65536 bytes \(64 KiB\)/);
                expect(failures[1]!.property, "a key failure never lets the engine print the key").to.equal("");
                expect(checkCaCertificates({ certificate: { property: "caCertificate", value: text }, now: NOW }).map((f) => f.reason), name).to.have.length(1);
            }
        });

        it("should never quote an oversized key", () => {
            const key = `${keys.leaf.privateKeyPem}\n${" ".repeat(MAX_PEM_INPUT_BYTES)}`;
            const failures = checkCertificateBundle({ certificate: { property: CERT, value: key }, privateKey: { property: KEY, value: key }, requireKey: true, now: NOW });
            expect(failures.map((f) => f.property)).to.deep.equal(["", ""]);
            expectNoSecretIn(failures.map((f) => f.reason), [keys.leaf.privateKeyPem]);
        });
    });

    describe("under the limit, crafted text fails for its own reason", () => {
        const near = MAX_PEM_INPUT_BYTES - 100;
        const shapes: Array<[string, () => string, PemErrorCode]> = [
            ["thousands of BEGIN lines without END", () => repeatTo("-----BEGIN CERTIFICATE-----\n", near), "UNTERMINATED_BLOCK"],
            ["BEGIN markers closed only by the next BEGIN", () => repeatTo("-----BEGIN CERTIFICATE", near), "UNTERMINATED_BLOCK"],
            ["BEGIN markers with four closing dashes", () => repeatTo("-----BEGIN CERTIFICATE----\n", near), "NOT_PEM"],
            ["one BEGIN then a label that never ends", () => `-----BEGIN ${"A".repeat(near)}`, "NOT_PEM"],
            ["runs of dashes", () => "-".repeat(near), "NOT_PEM"],
            ["dashes broken by BEGIN and END words", () => repeatTo("-----BEGIN -----END ----", near), "UNTERMINATED_BLOCK"],
            ["END lines only", () => repeatTo("-----END CERTIFICATE-----\n", near), "NOT_PEM"],
            ["a huge base64 line in a block", () => `-----BEGIN CERTIFICATE-----\n${"A".repeat(near - 60)}\n-----END CERTIFICATE-----`, "BAD_CERTIFICATE"],
            ["many tiny blocks", () => "-----BEGIN X-----QUJD-----END X-----\n".repeat(Math.floor(near / 37)), "TOO_MANY_CERTIFICATES"],
            ["a NUL byte", () => `-----BEGIN CERTIFICATE-----\nQUJD\u0000\n-----END CERTIFICATE-----`, "CONTROL_CHARACTER"],
        ];
        for (const [name, make, code] of shapes) {
            it(name, () => expect(codeOf(() => parseCertificateChain(make()))).to.equal(code));
        }
    });

    describe("control characters", () => {
        it("should reject any but tab, CR and LF, by position and without quoting", () => {
            const { leaf } = testChain(keys);
            const lines = leaf.certificatePem.split("\n");
            lines[2] = `${lines[2]!.slice(0, 5)}\u001b${lines[2]!.slice(5)}`;
            try {
                splitPemBlocks(lines.join("\n"));
                expect.fail("expected CONTROL_CHARACTER");
            } catch (error) {
                expect((error as PemError).code).to.equal("CONTROL_CHARACTER");
                expect((error as PemError).message).to.equal("the text contains a control character (U+001B) on line 3; PEM may contain only printable characters, spaces, tabs and line breaks");
            }
            expect(splitPemBlocks(`\t${leaf.certificatePem.replace(/\n/g, "\r\n\t")}\r\n`)).to.have.length(1);
        });

        it("should report a control character in a key without printing the key", () => {
            const key = keys.leaf.privateKeyPem.replace("\n", "\n\u0085");
            const failures = checkCertificateBundle({ certificate: { property: CERT, value: testChain(keys).chainPem }, privateKey: { property: KEY, value: key }, requireKey: true, now: NOW });
            expect(failures).to.have.length(1);
            expect(failures[0]!.property).to.equal("");
            expect(failures[0]!.reason).to.match(/^certificatePrivateKey: the text contains a control character \(U\+0085\) on line 2/);
            expectNoSecretIn([failures[0]!.reason], [keys.leaf.privateKeyPem]);
        });
    });

    describe("normalizePem and samePem on any input", () => {
        it("should normalise crafted text up to the limit", () => {
            for (const [name, { text }] of Object.entries(shapedInputs(keys, MAX_PEM_INPUT_BYTES))) {
                expect(normalizePem(text).length, name).to.be.at.most(text.length);
                expect(samePem(text, `${text}\n`), name).to.equal(true);
            }
            const begins = repeatTo("-----BEGIN A-----\n", MAX_PEM_INPUT_BYTES);
            expect(normalizePem(begins)).to.equal(begins.trim());
            // Thousands of labels that each open but never close, then one that does.
            const labels = Array.from({ length: 3_000 }, (_, i) => `-----BEGIN L${i}-----\n`).join("");
            expect(normalizePem(`${labels}QUJD\n-----END L2999-----`)).to.match(/-----BEGIN L2999-----\nQUJD\n-----END L2999-----$/);
        });

        it("should only fix line endings and trim text over the limit (check() rejects it)", () => {
            for (const [name, { text }] of Object.entries(shapedInputs(keys, FIVE_MB))) {
                expect(normalizePem(`  ${text}\r\n`), name).to.equal(text.replace(/\r\n?/g, "\n").trim());
            }
            const spaced = `-----BEGIN X-----\n   QUJD   \n-----END X-----${" ".repeat(MAX_PEM_INPUT_BYTES)}x`;
            expect(normalizePem(spaced), "blocks are left as written").to.contain("   QUJD   ");
        });

        it("should join a BEGIN to the first END of its label, skipping BEGINs that never end", () => {
            expect(normalizePem("-----BEGIN A-----\n-----BEGIN B-----\n  QUJD \n-----END B-----")).to.equal("-----BEGIN A-----\n-----BEGIN B-----\nQUJD\n-----END B-----");
            expect(normalizePem("x\n-----BEGIN B-----\n QUJD\n-----END B-----\n-----END B-----")).to.equal("x\n-----BEGIN B-----\nQUJD\n-----END B-----\n-----END B-----");
        });
    });
});
