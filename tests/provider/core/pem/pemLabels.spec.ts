import { expect } from "chai";
import { describePemLabel, isPrivateKeyLabel } from "../../../../provider/core/pem";

describe("core/pem pemLabels", () => {
    it("should recognise every private key label, including ones node cannot read", () => {
        for (const label of ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY", "OPENSSH PRIVATE KEY"]) {
            expect(isPrivateKeyLabel(label), label).to.equal(true);
        }
        expect(isPrivateKeyLabel("CERTIFICATE")).to.equal(false);
        expect(isPrivateKeyLabel("PUBLIC KEY")).to.equal(false);
    });

    it("should describe known labels and not echo unknown ones", () => {
        expect(describePemLabel("CERTIFICATE REQUEST")).to.equal("a certificate signing request (CSR)");
        expect(describePemLabel("EC PRIVATE KEY")).to.equal("a private key");
        expect(describePemLabel("MY SECRET LABEL")).to.equal("an unrecognised block");
    });
});
