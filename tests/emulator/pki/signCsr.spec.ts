import { createPublicKey, X509Certificate } from "node:crypto";
import { expect } from "chai";
import { makeSm2Csr } from "../../../emulator/alibaba/sm2";
import { makeCsr, signCsr } from "../../../emulator/pki";
import { testChain } from "../../support/pki";
import { hasOpenssl, openssl } from "./openssl";

describe("emulator/pki signCsr", () => {
    const ca = testChain("ca.example.com");
    const issuer = { certificatePem: ca.intermediate!.certificatePem, privateKeyPem: ca.intermediate!.privateKeyPem };
    const spki = (pem: string) => createPublicKey(pem).export({ type: "spki", format: "der" });

    const cases = [
        { name: "RSA", make: () => makeCsr({ subject: { CN: "rsa.example.com", O: "Example Ltd", OU: "web", C: "CN" }, sans: ["rsa.example.com", "10.0.0.1"] }) },
        { name: "EC P-256", make: () => makeCsr({ subject: { CN: "ec.example.com", O: "Example Ltd", OU: "web", C: "CN" }, sans: ["ec.example.com"], keySpec: { algorithm: "EC", curve: "P-256" } }) },
        { name: "SM2", make: () => makeSm2Csr({ CN: "sm2.example.com", O: "Example Ltd", OU: "web", C: "CN" }, ["sm2.example.com", "www.sm2.example.com"]) },
    ];
    for (const { name, make } of cases) {
        it(`certifies the key, subject and names of a ${name} CSR, signed by the issuer`, () => {
            const csr = make();
            const notBefore = new Date(Date.UTC(2026, 0, 1));
            const notAfter = new Date(Date.UTC(2026, 11, 31));
            const pem = signCsr(csr.csrPem, { issuer, notBefore, notAfter, serialNumberHex: "0a0b0c" });
            const cert = new X509Certificate(pem);
            expect(cert.publicKey.export({ type: "spki", format: "der" }).equals(spki(csr.publicKeyPem))).to.equal(true);
            expect(cert.verify(new X509Certificate(issuer.certificatePem).publicKey)).to.equal(true);
            expect(cert.checkIssued(new X509Certificate(issuer.certificatePem))).to.equal(true);
            expect(cert.subject).to.contain(`CN=${name === "RSA" ? "rsa" : name === "SM2" ? "sm2" : "ec"}.example.com`).and.to.contain("OU=web");
            expect(cert.serialNumber.toLowerCase()).to.equal("0a0b0c");
            expect(new Date(cert.validFrom).toISOString()).to.equal(notBefore.toISOString());
            expect(new Date(cert.validTo).toISOString()).to.equal(notAfter.toISOString());
            if (name === "RSA") expect(cert.subjectAltName).to.equal("DNS:rsa.example.com, IP Address:10.0.0.1");
            if (name === "SM2") expect(cert.subjectAltName).to.equal("DNS:sm2.example.com, DNS:www.sm2.example.com");
        });
    }

    it("with serialFromCsr, gives the same certificate for the same CSR and dates (an RSA CA), and another for another CSR", () => {
        const notBefore = new Date(Date.UTC(2026, 0, 1));
        const first = makeCsr({ subject: { CN: "same.example.com" }, sans: ["same.example.com"] });
        const other = makeCsr({ subject: { CN: "same.example.com" }, sans: ["same.example.com"] });
        const sign = (csrPem: string) => signCsr(csrPem, { issuer, notBefore, serialFromCsr: true });
        expect(sign(first.csrPem)).to.equal(sign(first.csrPem));
        const serial = (pem: string) => new X509Certificate(pem).serialNumber;
        expect(serial(sign(first.csrPem))).to.not.equal(serial(sign(other.csrPem)));
        // A positive 16-byte serial (RFC 5280: at most 20 octets, positive).
        expect(serial(sign(first.csrPem))).to.match(/^[0-7][0-9A-F]{31}$/i);
        // Without it, each signing draws a new serial.
        expect(serial(signCsr(first.csrPem, { issuer, notBefore }))).to.not.equal(serial(signCsr(first.csrPem, { issuer, notBefore })));
    });

    it("gives a leaf that openssl verifies against the chain", function () {
        if (!hasOpenssl()) this.skip();
        const csr = makeCsr({ subject: { CN: "chain.example.com" }, sans: ["chain.example.com"] });
        const leaf = signCsr(csr.csrPem, { issuer });
        const result = openssl(["verify", "-CAfile", "{dir}/root.pem", "-untrusted", "{dir}/inter.pem", "-purpose", "sslserver", "{dir}/leaf.pem"], {
            "root.pem": ca.root!.certificatePem,
            "inter.pem": ca.intermediate!.certificatePem,
            "leaf.pem": leaf,
        });
        expect(result.stdout + result.stderr).to.contain("leaf.pem: OK");
    });

    it("refuses a CSR whose signature does not verify, and an issuer whose key is not its certificate's", () => {
        const csr = makeCsr({ subject: { CN: "tampered.example.com" } });
        const der = Buffer.from(csr.csrPem.replace(/-----[^-]+-----|\s/g, ""), "base64");
        der[der.length - 5] ^= 0xff; // inside the signature
        const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----`;
        expect(() => signCsr(tampered, { issuer })).to.throw(/signature does not verify/);
        expect(() => signCsr("not a csr", { issuer })).to.throw(/not a PEM CERTIFICATE REQUEST/);
        expect(() => signCsr(csr.csrPem, { issuer: { certificatePem: issuer.certificatePem, privateKeyPem: ca.root!.privateKeyPem } })).to.throw(/does not match/);
    });
});
