import { X509Certificate } from "node:crypto";
import { expect } from "chai";
import { makeCertificate, makeCsr } from "../../../../emulator/pki";
import { parseCertificateBlock, parseCertificateChain, PemError, splitPemBlocks } from "../../../../provider/core/pem";
import { hasOpenssl, openssl } from "../../../emulator/pki/openssl";
import { generateTestKeys, NOW, sm2SelfSigned, testChain, type TestKeys } from "./fixtures";

describe("core/pem parseCertificateChain", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should parse every certificate of a bundle, leaf first (not the last one, as jsrsasign's readCertPEM would)", () => {
        const chain = testChain(keys, { commonName: "shop.example.com", sans: ["shop.example.com", "www.shop.example.com", "192.0.2.10", "2001:db8::10"], subject: { O: "Shop Ltd", C: "CN" } });
        const [leaf, inter, root] = parseCertificateChain(chain.fullChainPem);
        expect(leaf!.position).to.equal(1);
        expect(leaf!.subjectCommonName).to.equal("shop.example.com");
        expect(leaf!.subject).to.deep.equal({ text: "C=CN, O=Shop Ltd, CN=shop.example.com", C: "CN", O: "Shop Ltd", CN: "shop.example.com" });
        expect(leaf!.issuer.CN).to.equal("Cloudcerts Test Intermediate CA");
        expect(leaf!.subjectAltNames).to.deep.equal(["shop.example.com", "www.shop.example.com", "192.0.2.10", "2001:db8::10"]);
        expect(leaf!.dnsNames).to.deep.equal(["shop.example.com", "www.shop.example.com"]);
        expect(leaf!.ipAddresses).to.deep.equal(["192.0.2.10", "2001:db8::10"]);
        expect(leaf!.notBefore.toISOString()).to.equal(chain.leaf.notBefore.toISOString());
        expect(leaf!.notAfter.toISOString()).to.equal(chain.leaf.notAfter.toISOString());
        expect(leaf!.keyAlgorithm).to.deep.equal({ algorithm: "RSA", bits: 2048 });
        expect(leaf!.signatureAlgorithm).to.equal("SHA256withRSA");
        expect([leaf!.isCA, inter!.isCA, root!.isCA]).to.deep.equal([false, true, true]);
        expect([leaf!.selfIssued, inter!.selfIssued, root!.selfIssued]).to.deep.equal([false, false, true]);
        expect(inter!.subjectCommonName).to.equal("Cloudcerts Test Intermediate CA");
        expect(root!.position).to.equal(3);
        expect(leaf!.pem).to.equal(chain.leaf.certificatePem);
    });

    it("should report serial and fingerprints as node:crypto (and openssl -fingerprint) do", () => {
        const chain = testChain(keys);
        const [leaf] = parseCertificateChain(chain.leaf.certificatePem);
        const node = new X509Certificate(chain.leaf.certificatePem);
        expect(leaf!.serialNumber).to.equal(node.serialNumber).and.match(/^[0-9A-F]+$/);
        expect(leaf!.fingerprintSha1).to.equal(node.fingerprint).and.match(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
        expect(leaf!.fingerprintSha256).to.match(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
        expect(leaf!.x509.checkPrivateKey).to.be.a("function");
    });

    it("should parse EC certificates", () => {
        const chain = testChain(keys, { keys: { leaf: keys.ec } });
        const [leaf] = parseCertificateChain(chain.chainPem);
        expect(leaf!.keyAlgorithm).to.deep.equal({ algorithm: "EC", curve: "P-256", bits: 256 });
        expect(leaf!.signatureAlgorithm).to.equal("SHA256withRSA"); // signed by the RSA intermediate
    });

    it("should recognise an SM2 certificate by its curve OID", function () {
        const sm2 = sm2SelfSigned();
        if ("skip" in sm2) {
            console.log(`      (skipped: ${sm2.skip})`);
            this.skip();
        }
        const [cert] = parseCertificateChain(sm2.certificatePem);
        expect(cert!.keyAlgorithm).to.deep.equal({ algorithm: "SM2", bits: 256, curve: "SM2" });
        expect(cert!.signatureAlgorithm).to.equal("1.2.156.10197.1.501"); // SM2-with-SM3
        expect(cert!.subjectCommonName).to.equal("sm2.example.com");
        expect(cert!.dnsNames).to.deep.equal(["sm2.example.com"]);
        expect(cert!.notAfter.getTime()).to.be.greaterThan(NOW.getTime());
    });

    it("should parse a v1 certificate, which has no extensions (jsrsasign's extension getters throw on it)", function () {
        if (!hasOpenssl()) this.skip();
        const csr = makeCsr({ subject: { CN: "v1.example.com" }, key: keys.ec }).csrPem;
        const made = openssl(["x509", "-req", "-in", "csr.pem", "-key", "key.pem", "-days", "30"], { "csr.pem": csr, "key.pem": keys.ec.privateKeyPem });
        expect(made.ok, made.stderr).to.equal(true);
        const [cert] = parseCertificateChain(made.stdout);
        expect(cert!.subjectCommonName).to.equal("v1.example.com");
        expect(cert!.subjectAltNames).to.deep.equal([]);
        expect(cert!.isCA).to.equal(false);
        expect(cert!.selfIssued).to.equal(true);
        // And it can issue certificates in the test PKI (no key identifier to copy).
        const issued = makeCertificate({ subject: { CN: "child" }, subjectKey: keys.leaf, issuer: { certificatePem: made.stdout, privateKeyPem: keys.ec.privateKeyPem }, notBefore: NOW, notAfter: new Date(NOW.getTime() + 86_400_000) });
        expect(parseCertificateChain(issued)[0]!.issuer.CN).to.equal("v1.example.com");
    });

    it("should reject a private key in the bundle with its own code", () => {
        const chain = testChain(keys);
        try {
            parseCertificateChain(`${chain.chainPem}\n${keys.leaf.privateKeyPem}`);
            expect.fail("expected an error");
        } catch (error) {
            expect(error).to.be.instanceOf(PemError);
            expect((error as PemError).code).to.equal("UNEXPECTED_PRIVATE_KEY");
            expect((error as PemError).message).to.equal("PEM block 3 is a private key, not a certificate");
        }
    });

    it("should reject other blocks and DER that is not a certificate", () => {
        expect(() => parseCertificateChain(keys.leaf.publicKeyPem)).to.throw(PemError, "PEM block 1 is a public key, not a certificate");
        const notCert = keys.leaf.publicKeyPem.replace(/PUBLIC KEY/g, "CERTIFICATE");
        expect(() => parseCertificateChain(notCert)).to.throw(PemError, "PEM block 1 is not a valid X.509 certificate");
    });

    it("should parse one block with its position", () => {
        const chain = testChain(keys);
        const blocks = splitPemBlocks(chain.chainPem);
        expect(parseCertificateBlock(blocks[1]!, 2).subjectCommonName).to.equal("Cloudcerts Test Intermediate CA");
    });
});
