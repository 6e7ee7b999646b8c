import { createPrivateKey, createPublicKey } from "node:crypto";
import { expect } from "chai";
import { encryptPrivateKey, exportPrivateKey, generateKey, publicKeyOf, type KeyPairPem } from "../../../emulator/pki";
import { hasOpenssl, openssl } from "./openssl";

describe("emulator/pki generateKey", () => {
    let rsa: KeyPairPem;
    let ec: KeyPairPem;
    before(() => {
        rsa = generateKey({ algorithm: "RSA", bits: 2048 });
        ec = generateKey({ algorithm: "EC", curve: "P-256" });
    });

    it("should generate an RSA key as PKCS#8 with its SPKI public key", () => {
        expect(rsa.privateKeyPem).to.match(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----$/);
        expect(rsa.publicKeyPem).to.match(/^-----BEGIN PUBLIC KEY-----\n/);
        const key = createPrivateKey(rsa.privateKeyPem);
        expect(key.asymmetricKeyType).to.equal("rsa");
        expect(key.asymmetricKeyDetails?.modulusLength).to.equal(2048);
        expect(createPublicKey(key).equals(createPublicKey(rsa.publicKeyPem))).to.equal(true);
    });

    it("should generate EC keys on the requested curve", () => {
        expect(createPrivateKey(ec.privateKeyPem).asymmetricKeyDetails?.namedCurve).to.equal("prime256v1");
        const p384 = generateKey({ algorithm: "EC", curve: "P-384" });
        expect(createPrivateKey(p384.privateKeyPem).asymmetricKeyDetails?.namedCurve).to.equal("secp384r1");
    });

    it("should generate SM2 keys that node reloads as SM2 (asymmetricKeyType undefined on node 20)", () => {
        const sm2 = generateKey({ algorithm: "SM2" });
        const reloaded = createPrivateKey(sm2.privateKeyPem);
        expect(["sm2", undefined]).to.include(reloaded.asymmetricKeyType);
        // The SM2 curve OID 1.2.156.10197.1.301 is in the SubjectPublicKeyInfo.
        expect(createPublicKey(sm2.publicKeyPem).export({ type: "spki", format: "der" }).toString("hex")).to.contain("2a811ccf5501822d");
    });

    it("should derive the public key of a private key", () => {
        expect(publicKeyOf(ec.privateKeyPem)).to.equal(ec.publicKeyPem);
    });

    describe("exportPrivateKey", () => {
        it("should write PKCS#1 for RSA and SEC1 for EC, each the same key", () => {
            const pkcs1 = exportPrivateKey(rsa.privateKeyPem, "pkcs1");
            expect(pkcs1).to.match(/^-----BEGIN RSA PRIVATE KEY-----\n/);
            const sec1 = exportPrivateKey(ec.privateKeyPem, "sec1");
            expect(sec1).to.match(/^-----BEGIN EC PRIVATE KEY-----\n/);
            expect(createPublicKey(pkcs1).equals(createPublicKey(rsa.publicKeyPem))).to.equal(true);
            expect(createPublicKey(sec1).equals(createPublicKey(ec.publicKeyPem))).to.equal(true);
            expect(exportPrivateKey(pkcs1, "pkcs8")).to.equal(rsa.privateKeyPem);
        });

        it("should refuse encodings that do not exist for the key type", () => {
            expect(() => exportPrivateKey(ec.privateKeyPem, "pkcs1")).to.throw();
        });

        it("should write SM2 keys as SEC1 without crashing node (node 20 aborts on sec1 export of a loaded SM2 key)", () => {
            const sm2 = generateKey({ algorithm: "SM2" });
            const sec1 = exportPrivateKey(sm2.privateKeyPem, "sec1");
            expect(sec1).to.match(/^-----BEGIN EC PRIVATE KEY-----\n/);
            expect(createPublicKey(createPrivateKey(sec1)).export({ type: "spki", format: "pem" }).toString().trim()).to.equal(sm2.publicKeyPem);
            expect(exportPrivateKey(sec1, "pkcs8")).to.equal(sm2.privateKeyPem);
            expect(() => exportPrivateKey(sm2.privateKeyPem, "pkcs1")).to.throw(/RSA/);
            if (hasOpenssl()) {
                const text = openssl(["ec", "-in", "k.pem", "-noout", "-text"], { "k.pem": sec1 });
                expect(text.ok, text.stderr).to.equal(true);
                expect(text.stdout).to.contain("ASN1 OID: SM2");
            }
        });
    });

    describe("encryptPrivateKey", () => {
        const password = "pki test password";

        it("should write encrypted PKCS#8 that decrypts with the password only", () => {
            const encrypted = encryptPrivateKey(rsa.privateKeyPem, password);
            expect(encrypted).to.match(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
            expect(createPublicKey(createPrivateKey({ key: encrypted, passphrase: password })).equals(createPublicKey(rsa.publicKeyPem))).to.equal(true);
            expect(() => createPrivateKey({ key: encrypted, passphrase: "wrong" })).to.throw();
        });

        it("should write traditional encrypted PEM with Proc-Type and DEK-Info headers", () => {
            const rsaLegacy = encryptPrivateKey(rsa.privateKeyPem, password, { format: "traditional" });
            expect(rsaLegacy).to.match(/^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,[0-9A-F]+\n\n/);
            const ecLegacy = encryptPrivateKey(ec.privateKeyPem, password, { format: "traditional", cipher: "aes-128-cbc" });
            expect(ecLegacy).to.match(/^-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,/);
            expect(createPublicKey(createPrivateKey({ key: ecLegacy, passphrase: password })).equals(createPublicKey(ec.publicKeyPem))).to.equal(true);
        });

        it("should encrypt SM2 keys as PKCS#8 and refuse the traditional form cleanly", () => {
            const sm2 = generateKey({ algorithm: "SM2" });
            const encrypted = encryptPrivateKey(sm2.privateKeyPem, password);
            expect(createPublicKey(createPrivateKey({ key: encrypted, passphrase: password })).export({ type: "spki", format: "pem" }).toString().trim()).to.equal(sm2.publicKeyPem);
            expect(() => encryptPrivateKey(sm2.privateKeyPem, password, { format: "traditional" })).to.throw(/pkcs8/);
        });

        it("should be readable by the openssl CLI with the password", function () {
            if (!hasOpenssl()) this.skip();
            for (const format of ["pkcs8", "traditional"] as const) {
                const result = openssl(["pkey", "-in", "key.pem", "-passin", `pass:${password}`, "-pubout"], { "key.pem": encryptPrivateKey(rsa.privateKeyPem, password, { format }) });
                expect(result.ok, result.stderr).to.equal(true);
                expect(result.stdout.trim()).to.equal(rsa.publicKeyPem);
            }
        });
    });
});
