import { createPrivateKey, createPublicKey } from "node:crypto";
import { expect } from "chai";
import { generateKey, makeCsr, type KeyPairPem } from "../../../emulator/pki";
import { hasOpenssl, openssl } from "./openssl";

describe("emulator/pki makeCsr", () => {
    let rsa: KeyPairPem;
    before(() => {
        rsa = generateKey();
    });
    const subject = { CN: "www.example.com", O: "Example Ltd", OU: "Ops", L: "Shenzhen", ST: "Guangdong", C: "CN", emailAddress: "ops@example.com" };

    it("should sign a CSR with the given key and return that key", () => {
        const csr = makeCsr({ subject, sans: ["www.example.com", "example.com"], key: rsa });
        expect(csr.csrPem).to.match(/^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+\n-----END CERTIFICATE REQUEST-----$/);
        expect(csr.privateKeyPem).to.equal(rsa.privateKeyPem);
        expect(csr.publicKeyPem).to.equal(rsa.publicKeyPem);
    });

    it("should generate the key when none is given (CreateCSR with Generate=true)", () => {
        const csr = makeCsr({ subject: { CN: "gen.example.com" }, keySpec: { algorithm: "EC", curve: "P-256" } });
        const key = createPrivateKey(csr.privateKeyPem);
        expect(key.asymmetricKeyDetails?.namedCurve).to.equal("prime256v1");
        expect(createPublicKey(key).export({ type: "spki", format: "pem" }).toString().trim()).to.equal(csr.publicKeyPem);
    });

    it("should refuse a subject without fields and SM2 keys", () => {
        expect(() => makeCsr({ subject: {}, key: rsa })).to.throw(/at least one field/);
        expect(() => makeCsr({ subject: { CN: "x" }, keySpec: { algorithm: "SM2" } })).to.throw(/RSA or EC/);
    });

    describe("checked by the openssl CLI", () => {
        before(function () {
            if (!hasOpenssl()) this.skip();
        });

        it("should carry a valid self-signature, the subject and the SANs (RSA)", () => {
            const csr = makeCsr({ subject, sans: ["www.example.com", "10.1.2.3"], key: rsa });
            const result = openssl(["req", "-in", "csr.pem", "-noout", "-verify", "-text", "-nameopt", "RFC2253"], { "csr.pem": csr.csrPem });
            expect(result.ok, result.stderr).to.equal(true);
            expect(result.stdout + result.stderr).to.match(/verify OK/i);
            expect(result.stdout).to.contain("Subject: emailAddress=ops@example.com,CN=www.example.com,OU=Ops,O=Example Ltd,L=Shenzhen,ST=Guangdong,C=CN");
            expect(result.stdout).to.contain("DNS:www.example.com, IP Address:10.1.2.3");
            expect(result.stdout).to.contain("sha256WithRSAEncryption");
            const pub = openssl(["req", "-in", "csr.pem", "-noout", "-pubkey"], { "csr.pem": csr.csrPem });
            expect(pub.stdout.trim()).to.equal(rsa.publicKeyPem);
        });

        it("should carry a valid self-signature with an EC P-384 key", () => {
            const csr = makeCsr({ subject: { CN: "ec.example.com" }, keySpec: { algorithm: "EC", curve: "P-384" } });
            const result = openssl(["req", "-in", "csr.pem", "-noout", "-verify", "-text"], { "csr.pem": csr.csrPem });
            expect(result.ok, result.stderr).to.equal(true);
            expect(result.stdout).to.contain("ecdsa-with-SHA384");
            // No SANs: the attributes are an empty [0] SET, which openssl prints as "(none)".
            expect(result.stdout).to.contain("(none)").and.not.contain("Subject Alternative Name");
        });
    });
});
