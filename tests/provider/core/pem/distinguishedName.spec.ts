import { X509Certificate } from "node:crypto";
import { expect } from "chai";
import { X509 } from "jsrsasign";
import { generateKey, makeCertificate } from "../../../../emulator/pki";
import { readDistinguishedName } from "../../../../provider/core/pem/distinguishedName";

describe("core/pem readDistinguishedName", () => {
    it("should read each field and a one-line text in encoding order", () => {
        const key = generateKey({ algorithm: "EC" });
        const pem = makeCertificate({
            subject: { CN: "www.example.com", O: "Example, Ltd", OU: "Ops/Web", L: "Shenzhen", ST: "Guangdong", C: "CN", emailAddress: "ops@example.com" },
            subjectKey: key,
            notBefore: new Date("2026-01-01T00:00:00Z"),
            notAfter: new Date("2027-01-01T00:00:00Z"),
        });
        const x = new X509();
        x.readCertHex(new X509Certificate(pem).raw.toString("hex"));
        const name = readDistinguishedName(x.getSubjectHex());
        expect(name).to.deep.equal({
            text: "C=CN, ST=Guangdong, L=Shenzhen, O=Example, Ltd, OU=Ops/Web, CN=www.example.com, emailAddress=ops@example.com",
            C: "CN",
            ST: "Guangdong",
            L: "Shenzhen",
            O: "Example, Ltd",
            OU: "Ops/Web",
            CN: "www.example.com",
            emailAddress: "ops@example.com",
        });
    });

    it("should read an empty name", () => {
        expect(readDistinguishedName("3000")).to.deep.equal({ text: "" });
    });
});
