import { createPublicKey } from "node:crypto";
import { expect } from "chai";
import { generateKey, makeCsr, type KeyPairPem } from "../../../../emulator/pki";
import { parseCsr, PemError } from "../../../../provider/core/pem";
import { hasOpenssl, openssl } from "../../../emulator/pki/openssl";

describe("core/pem parseCsr", () => {
    let rsa: KeyPairPem;
    before(() => {
        rsa = generateKey();
    });
    const subject = { CN: "www.example.com", O: "Example Ltd", OU: "Ops", L: "Shenzhen", ST: "Guangdong", C: "CN", emailAddress: "ops@example.com" };

    it("should read the subject, SANs, key and a valid signature of an RSA CSR", () => {
        const { csrPem } = makeCsr({ subject, sans: ["www.example.com", "example.com", "10.0.0.1"], key: rsa });
        const csr = parseCsr(`\r\n${csrPem.replace(/\n/g, "\r\n")}\r\n`);
        expect(csr.subject).to.deep.include(subject);
        expect(csr.subject.text).to.equal("C=CN, ST=Guangdong, L=Shenzhen, O=Example Ltd, OU=Ops, CN=www.example.com, emailAddress=ops@example.com");
        expect(csr.subjectAltNames).to.deep.equal(["www.example.com", "example.com", "10.0.0.1"]);
        expect(csr.dnsNames).to.deep.equal(["www.example.com", "example.com"]);
        expect(csr.ipAddresses).to.deep.equal(["10.0.0.1"]);
        expect(csr.keyAlgorithm).to.deep.equal({ algorithm: "RSA", bits: 2048 });
        expect(csr.publicKey.equals(createPublicKey(rsa.publicKeyPem))).to.equal(true);
        expect(csr.signatureAlgorithm).to.equal("SHA256withRSA");
        expect(csr.signatureValid).to.equal(true);
        expect(csr.pem).to.equal(csrPem);
    });

    it("should read an EC CSR without SANs", () => {
        const csr = parseCsr(makeCsr({ subject: { CN: "ec.example.com" }, keySpec: { algorithm: "EC", curve: "P-384" } }).csrPem);
        expect(csr.subject).to.deep.equal({ text: "CN=ec.example.com", CN: "ec.example.com" });
        expect(csr.subjectAltNames).to.deep.equal([]);
        expect(csr.keyAlgorithm).to.deep.equal({ algorithm: "EC", curve: "P-384", bits: 384 });
        expect(csr.signatureAlgorithm).to.equal("SHA384withECDSA");
        expect(csr.signatureValid).to.equal(true);
    });

    it("should detect a signature that does not match the request", () => {
        const { csrPem } = makeCsr({ subject: { CN: "www.example.com" }, key: rsa });
        const der = Buffer.from(csrPem.split("\n").slice(1, -1).join(""), "base64");
        // Flip one byte of the CN inside the signed CertificationRequestInfo.
        const at = der.indexOf(Buffer.from("www.example.com"));
        der[at] = "v".charCodeAt(0);
        const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----`;
        const csr = parseCsr(tampered);
        expect(csr.subject.CN).to.equal("vww.example.com");
        expect(csr.signatureValid).to.equal(false);
    });

    it("should read CSRs made by openssl, including SM2 (signature left unchecked)", function () {
        if (!hasOpenssl()) this.skip();
        const rsaCsr = openssl(["req", "-new", "-key", "key.pem", "-subj", "/CN=o.example.com/O=Org", "-addext", "subjectAltName=DNS:o.example.com,IP:192.0.2.1"], { "key.pem": rsa.privateKeyPem });
        expect(rsaCsr.ok, rsaCsr.stderr).to.equal(true);
        const parsed = parseCsr(rsaCsr.stdout);
        expect(parsed.subject).to.deep.include({ CN: "o.example.com", O: "Org" });
        expect(parsed.subjectAltNames).to.deep.equal(["o.example.com", "192.0.2.1"]);
        expect(parsed.signatureValid).to.equal(true);

        const sm2 = generateKey({ algorithm: "SM2" });
        const sm2Csr = openssl(["req", "-new", "-key", "key.pem", "-sm3", "-subj", "/CN=sm2.example.com", "-addext", "subjectAltName=DNS:sm2.example.com"], { "key.pem": sm2.privateKeyPem });
        if (!sm2Csr.ok) {
            console.log("      (SM2 part skipped: this openssl build cannot sign SM2 CSRs)");
            return;
        }
        const sm2Parsed = parseCsr(sm2Csr.stdout);
        expect(sm2Parsed.keyAlgorithm).to.deep.equal({ algorithm: "SM2", bits: 256, curve: "SM2" });
        expect(sm2Parsed.signatureAlgorithm).to.equal("1.2.156.10197.1.501");
        expect(sm2Parsed.signatureValid).to.equal(undefined);
        expect(sm2Parsed.dnsNames).to.deep.equal(["sm2.example.com"]);
    });

    it("should reject other blocks, several blocks and DER that is not a CSR, quoting nothing", () => {
        const { csrPem } = makeCsr({ subject: { CN: "x" }, key: rsa });
        expect(() => parseCsr(rsa.privateKeyPem)).to.throw(PemError, "the PEM block is a private key, not a certificate signing request");
        expect(() => parseCsr(`${csrPem}\n${csrPem}`)).to.throw(PemError, "there are 2 PEM blocks; a CSR is exactly one");
        expect(() => parseCsr(rsa.publicKeyPem.replace(/PUBLIC KEY/g, "CERTIFICATE REQUEST"))).to.throw(PemError, "the PEM block is not a valid PKCS#10 certificate signing request");
        expect(() => parseCsr("-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----")).to.throw(PemError, /not a valid PKCS#10/);
        try {
            parseCsr(rsa.privateKeyPem);
        } catch (error) {
            expect((error as PemError).code).to.equal("UNEXPECTED_PRIVATE_KEY");
        }
    });
});
