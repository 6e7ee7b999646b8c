import { createHash } from "node:crypto";
import { expect } from "chai";
import { makeCertificate } from "../../../../emulator/pki";
import { certificateFacts, daysUntilExpiry, parseCertificateChain } from "../../../../provider/core/pem";
import { generateTestKeys, testChain, type TestKeys } from "./fixtures";

function derOf(pem: string): Buffer {
    return Buffer.from(pem.split("\n").slice(1, -1).join(""), "base64");
}

describe("core/pem certificateFacts", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should give the leaf's dates, serial and SHA-256 fingerprint", () => {
        const leaf = makeCertificate({
            subject: { CN: "facts.example.com" },
            subjectKey: keys.ec,
            notBefore: new Date("2026-01-02T03:04:05.678Z"),
            notAfter: new Date("2027-01-02T03:04:05Z"),
            // High bit set: DER adds a 00 sign byte, which the serial number leaves out.
            serialNumberHex: "00ab01cd",
        });
        const chain = testChain(keys);
        expect(certificateFacts(`${leaf}\n${chain.intermediate!.certificatePem}`)).to.deep.equal({
            notBefore: "2026-01-02T03:04:05Z",
            notAfter: "2027-01-02T03:04:05Z",
            serialNumber: "AB01CD",
            fingerprintSha256: createHash("sha256").update(derOf(leaf)).digest("hex").toUpperCase(),
        });
    });

    it("should agree with parseCertificateChain", () => {
        const { leaf } = testChain(keys);
        const [info] = parseCertificateChain(leaf.certificatePem);
        const facts = certificateFacts(`\r\n${leaf.certificatePem}\r\n`)!;
        expect(facts.serialNumber).to.equal(info!.serialNumber);
        expect(facts.fingerprintSha256).to.equal(info!.fingerprintSha256.replace(/:/g, ""));
        expect(facts.fingerprintSha256).to.match(/^[0-9A-F]{64}$/);
        expect(new Date(facts.notAfter).getTime()).to.equal(info!.notAfter.getTime());
    });

    it("should read only the leaf, so a bad later block does not hide it", () => {
        const { leaf } = testChain(keys);
        const junk = "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----";
        expect(certificateFacts(`${leaf.certificatePem}\n${junk}`)?.serialNumber).to.equal(parseCertificateChain(leaf.certificatePem)[0]!.serialNumber);
    });

    it("should be undefined for anything that is not a certificate first", () => {
        const { leaf } = testChain(keys);
        for (const text of ["", "garbage", keys.leaf.privateKeyPem, "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----", `${leaf.certificatePem}${" ".repeat(70_000)}`, `${leaf.certificatePem}\ntrailing text`]) {
            expect(certificateFacts(text), JSON.stringify(text.slice(0, 30))).to.equal(undefined);
        }
    });
});

describe("core/pem daysUntilExpiry", () => {
    const now = new Date("2026-06-01T12:00:00Z");

    it("should count whole days, rounded down", () => {
        expect(daysUntilExpiry("2026-07-01T12:00:00Z", now)).to.equal(30);
        expect(daysUntilExpiry(new Date("2026-07-01T11:59:59Z"), now)).to.equal(29);
        expect(daysUntilExpiry("2026-06-02T11:59:59Z", now), "within 24 hours").to.equal(0);
        expect(daysUntilExpiry("2026-06-01T12:00:00Z", now)).to.equal(0);
    });

    it("should be negative once expired", () => {
        expect(daysUntilExpiry("2026-06-01T11:59:59Z", now)).to.equal(-1);
        expect(daysUntilExpiry("2026-05-01T12:00:00Z", now)).to.equal(-31);
    });

    it("should throw on an invalid date", () => {
        expect(() => daysUntilExpiry("not a date", now)).to.throw(RangeError);
        expect(() => daysUntilExpiry("2026-07-01T12:00:00Z", new Date(NaN))).to.throw(RangeError);
    });
});
