import { expect } from "chai";
import { expiryOf, expiryWarning, type ExpiryOutputs } from "../../../../provider/core/resource/expiry";
import { testChain } from "../../../support/pki";

describe("core/resource/expiry", () => {
    const facts: ExpiryOutputs = { notBefore: "2026-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z", serialNumber: "0A", fingerprintSha256: "AB" };

    it("reads the leaf's validity, serial and fingerprint, and nothing from text that is not a certificate", () => {
        const chain = testChain("expiry.example.com");
        const out = expiryOf(chain.chainPem)!;
        expect(out.notAfter).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(out.fingerprintSha256).to.match(/^[0-9A-F]{64}$/);
        expect(expiryOf(chain.leaf.certificatePem)).to.deep.equal(out);
        expect(expiryOf("not a certificate")).to.equal(undefined);
    });

    it("warns within the warning window, and about an expired certificate, but not before", () => {
        expect(expiryWarning("X", facts, 30, new Date("2026-11-01T00:00:00Z"))).to.equal(undefined);
        expect(expiryWarning("X", facts, 30, new Date("2026-12-15T00:00:00Z"))).to.match(/expires at 2027-01-01T00:00:00Z, in 17 day\(s\) \(expiryWarningDays is 30\)/);
        expect(expiryWarning("X", facts, 30, new Date("2027-02-01T00:00:00Z"))).to.match(/expired at 2027-01-01T00:00:00Z; rotate it/);
        expect(expiryWarning("X", facts, 0, new Date("2027-02-01T00:00:00Z")), "0 turns warnings off").to.equal(undefined);
    });
});
