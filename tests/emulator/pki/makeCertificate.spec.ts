import { createPrivateKey, X509Certificate } from "node:crypto";
import { expect } from "chai";
import { generateKey, makeCertificate, type KeyPairPem } from "../../../emulator/pki";
import { epochSeconds, hasOpenssl, openssl } from "./openssl";

describe("emulator/pki makeCertificate", () => {
    const notBefore = new Date("2026-01-01T00:00:00Z");
    const notAfter = new Date("2027-01-01T00:00:00Z");
    let caKey: KeyPairPem;
    let leafKey: KeyPairPem;
    let ecKey: KeyPairPem;
    let caPem: string;
    before(() => {
        caKey = generateKey();
        leafKey = generateKey();
        ecKey = generateKey({ algorithm: "EC", curve: "P-384" });
        caPem = makeCertificate({ subject: { CN: "Test CA", O: "Example" }, subjectKey: caKey, ca: true, notBefore, notAfter });
    });

    it("should make a self-signed CA certificate node accepts", () => {
        const ca = new X509Certificate(caPem);
        expect(ca.ca).to.equal(true);
        expect(ca.subject).to.equal("O=Example\nCN=Test CA");
        expect(ca.issuer).to.equal(ca.subject);
        expect(ca.checkIssued(ca)).to.equal(true);
        expect(ca.verify(ca.publicKey)).to.equal(true);
        expect(new Date(ca.validFrom).toISOString()).to.equal(notBefore.toISOString());
        expect(new Date(ca.validTo).toISOString()).to.equal(notAfter.toISOString());
    });

    it("should make a leaf issued and signed by the CA, with SANs and the subject's key", () => {
        const leafPem = makeCertificate({
            subject: { CN: "www.example.com", O: "Example", OU: "Web", L: "Shenzhen", ST: "Guangdong", C: "CN", emailAddress: "ops@example.com" },
            subjectKey: { publicKeyPem: leafKey.publicKeyPem },
            issuer: { certificatePem: caPem, privateKeyPem: caKey.privateKeyPem },
            sans: ["www.example.com", "example.com", "192.0.2.7", "2001:db8::1"],
            notBefore,
            notAfter,
        });
        const leaf = new X509Certificate(leafPem);
        const ca = new X509Certificate(caPem);
        expect(leaf.ca).to.equal(false);
        expect(leaf.checkIssued(ca)).to.equal(true);
        expect(leaf.verify(ca.publicKey)).to.equal(true);
        expect(leaf.checkPrivateKey(createPrivateKey(leafKey.privateKeyPem))).to.equal(true);
        expect(leaf.subjectAltName).to.equal("DNS:www.example.com, DNS:example.com, IP Address:192.0.2.7, IP Address:2001:DB8:0:0:0:0:0:1");
        expect(leaf.subject).to.equal("C=CN\nST=Guangdong\nL=Shenzhen\nO=Example\nOU=Web\nCN=www.example.com\nemailAddress=ops@example.com");
        // node's keyUsage is the extended key usage list.
        expect(leaf.keyUsage).to.deep.equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
        expect(leaf.checkHost("example.com")).to.equal("example.com");
    });

    it("should sign with ECDSA and the hash that fits the CA's curve", () => {
        const pem = makeCertificate({ subject: { CN: "ec.example.com" }, subjectKey: ecKey, notBefore, notAfter });
        const cert = new X509Certificate(pem);
        expect(cert.verify(cert.publicKey)).to.equal(true);
        if (hasOpenssl()) expect(openssl(["x509", "-in", "c.pem", "-noout", "-text"], { "c.pem": pem }).stdout).to.contain("ecdsa-with-SHA384");
    });

    it("should encode dates from 2050 on as GeneralizedTime", () => {
        const late = new Date("2051-03-04T05:06:07Z");
        const cert = new X509Certificate(makeCertificate({ subject: { CN: "late" }, subjectKey: ecKey, notBefore, notAfter: late }));
        expect(new Date(cert.validTo).toISOString()).to.equal(late.toISOString());
    });

    it("should use the serial number given", () => {
        const cert = new X509Certificate(makeCertificate({ subject: { CN: "s" }, subjectKey: ecKey, notBefore, notAfter, serialNumberHex: "0102030405" }));
        expect(cert.serialNumber).to.equal("0102030405");
    });

    it("should refuse an issuer key that does not match the issuer certificate, and SM2 keys", () => {
        expect(() => makeCertificate({ subject: { CN: "x" }, subjectKey: leafKey, issuer: { certificatePem: caPem, privateKeyPem: leafKey.privateKeyPem }, notBefore, notAfter })).to.throw(/does not match/);
        const sm2 = generateKey({ algorithm: "SM2" });
        expect(() => makeCertificate({ subject: { CN: "x" }, subjectKey: sm2, notBefore, notAfter })).to.throw(/RSA or EC/);
        expect(() => makeCertificate({ subject: { C: "China" }, subjectKey: ecKey, notBefore, notAfter })).to.throw(/two-letter/);
    });

    it("should produce certificates openssl parses and verifies", function () {
        if (!hasOpenssl()) this.skip();
        const leafPem = makeCertificate({ subject: { CN: "v.example.com" }, subjectKey: leafKey, issuer: { certificatePem: caPem, privateKeyPem: caKey.privateKeyPem }, sans: ["v.example.com"], notBefore, notAfter });
        const at = epochSeconds(new Date("2026-06-01T00:00:00Z"));
        const result = openssl(["verify", "-attime", at, "-purpose", "sslserver", "-CAfile", "ca.pem", "leaf.pem"], { "ca.pem": caPem, "leaf.pem": leafPem });
        expect(result.ok, result.stdout + result.stderr).to.equal(true);
        const text = openssl(["x509", "-in", "leaf.pem", "-noout", "-text"], { "leaf.pem": leafPem }).stdout;
        const caText = openssl(["x509", "-in", "ca.pem", "-noout", "-text"], { "ca.pem": caPem }).stdout;
        expect(caText).to.contain("CA:TRUE").and.contain("Certificate Sign, CRL Sign");
        expect(text).to.contain("CA:FALSE").and.contain("Digital Signature, Key Encipherment").and.contain("TLS Web Server Authentication").and.contain("X509v3 Authority Key Identifier");
    });
});
