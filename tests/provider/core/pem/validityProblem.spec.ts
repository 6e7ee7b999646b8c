import { expect } from "chai";
import { validityProblem } from "../../../../provider/core/pem/validityProblem";

describe("core/pem validityProblem", () => {
    const cert = { notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2026-12-31T23:59:59Z") };

    it("should accept the whole window, both ends included", () => {
        expect(validityProblem(cert, cert.notBefore)).to.equal(undefined);
        expect(validityProblem(cert, new Date("2026-06-01T00:00:00Z"))).to.equal(undefined);
        expect(validityProblem(cert, cert.notAfter)).to.equal(undefined);
    });

    it("should say when a certificate becomes valid", () => {
        expect(validityProblem(cert, new Date("2025-12-31T23:59:59Z"), "certificate 2")).to.equal(
            "certificate 2 is not yet valid: it is valid from 2026-01-01T00:00:00Z to 2026-12-31T23:59:59Z, and it is now 2025-12-31T23:59:59Z. Wait until it becomes valid, or check the clock of the machine running Pulumi.",
        );
    });

    it("should say when a certificate expired", () => {
        expect(validityProblem(cert, new Date("2027-01-01T00:00:00Z"))).to.equal(
            "the certificate expired on 2026-12-31T23:59:59Z (it is now 2027-01-01T00:00:00Z). Renew it and use the new certificate.",
        );
    });
});
