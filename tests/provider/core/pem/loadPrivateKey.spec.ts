import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { expect } from "chai";
import { encryptPrivateKey, exportPrivateKey, generateKey, type KeyPairPem } from "../../../../emulator/pki";
import { loadPrivateKey, PemError, type PemErrorCode } from "../../../../provider/core/pem";
import { hasOpenssl, openssl } from "../../../emulator/pki/openssl";
import { expectNoSecretIn } from "./fixtures";

const PASSWORD = "Tr0ub4dor&3 correct horse";
/** The DER of the P-256 curve OID, as `openssl ecparam -name prime256v1` writes it. */
const EC_PARAMETERS_P256 = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----";

function expectLoadError(text: string, password: string | undefined, code: PemErrorCode): PemError {
    try {
        loadPrivateKey(text, password);
    } catch (error) {
        expect(error).to.be.instanceOf(PemError);
        expect((error as PemError).code).to.equal(code);
        expectNoSecretIn([(error as PemError).message], [text, ...(password ? [password] : [])]);
        return error as PemError;
    }
    return expect.fail(`expected PemError ${code}`);
}

describe("core/pem loadPrivateKey", () => {
    let rsa: KeyPairPem;
    let ec: KeyPairPem;
    let sm2: KeyPairPem;
    before(() => {
        rsa = generateKey();
        ec = generateKey({ algorithm: "EC", curve: "P-256" });
        sm2 = generateKey({ algorithm: "SM2" });
    });
    const sameKey = (pem: string, expected: KeyPairPem, password?: string) =>
        expect(createPublicKey(loadPrivateKey(pem, password).keyObject).equals(createPublicKey(expected.publicKeyPem))).to.equal(true);

    describe("reads every encoding users paste", () => {
        it("PKCS#8 RSA", () => {
            const info = loadPrivateKey(rsa.privateKeyPem);
            expect(info).to.include({ format: "PKCS#8", encryption: "none" });
            expect(info.keyAlgorithm).to.deep.equal({ algorithm: "RSA", bits: 2048 });
            expect(info.keyObject.type).to.equal("private");
        });
        it("PKCS#1 RSA", () => {
            const pem = exportPrivateKey(rsa.privateKeyPem, "pkcs1");
            expect(loadPrivateKey(pem)).to.include({ format: "PKCS#1", encryption: "none" });
            sameKey(pem, rsa);
        });
        it("SEC1 EC, with or without an EC PARAMETERS block before it", () => {
            const sec1 = exportPrivateKey(ec.privateKeyPem, "sec1");
            expect(loadPrivateKey(sec1)).to.include({ format: "SEC1" });
            expect(loadPrivateKey(sec1).keyAlgorithm).to.deep.equal({ algorithm: "EC", curve: "P-256", bits: 256 });
            sameKey(`${EC_PARAMETERS_P256}\n${sec1}`, ec);
        });
        it("encrypted PKCS#8 with its password", () => {
            const pem = encryptPrivateKey(rsa.privateKeyPem, PASSWORD);
            expect(loadPrivateKey(pem, PASSWORD)).to.include({ format: "PKCS#8", encryption: "PKCS#8" });
            sameKey(pem, rsa, PASSWORD);
        });
        it("traditional encrypted PEM (Proc-Type/DEK-Info) with its password", () => {
            const rsaLegacy = encryptPrivateKey(rsa.privateKeyPem, PASSWORD, { format: "traditional" });
            expect(loadPrivateKey(rsaLegacy, PASSWORD)).to.include({ format: "PKCS#1", encryption: "traditional" });
            const ecLegacy = encryptPrivateKey(ec.privateKeyPem, PASSWORD, { format: "traditional", cipher: "aes-128-cbc" });
            expect(loadPrivateKey(ecLegacy, PASSWORD)).to.include({ format: "SEC1", encryption: "traditional" });
            sameKey(ecLegacy, ec, PASSWORD);
        });
        it("SM2 keys in PKCS#8 and in SEC1 (labelled EC or SM2 PRIVATE KEY)", () => {
            expect(loadPrivateKey(sm2.privateKeyPem).keyAlgorithm).to.deep.equal({ algorithm: "SM2", bits: 256, curve: "SM2" });
            const sec1 = exportPrivateKey(sm2.privateKeyPem, "sec1");
            expect(loadPrivateKey(sec1).keyAlgorithm.algorithm).to.equal("SM2");
            const sm2Labelled = sec1.replace(/EC PRIVATE KEY/g, "SM2 PRIVATE KEY");
            expect(loadPrivateKey(sm2Labelled)).to.include({ format: "SEC1" });
            sameKey(sm2Labelled, sm2);
        });
        it("Ed25519 PKCS#8", () => {
            const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
            expect(loadPrivateKey(pem).keyAlgorithm).to.deep.equal({ algorithm: "Ed25519" });
        });
        it("CRLF and surrounding whitespace", () => {
            sameKey(`\r\n ${rsa.privateKeyPem.replace(/\n/g, "\r\n")} \r\n`, rsa);
        });
    });

    describe("password rules", () => {
        it("should ask for the password of an encrypted key (an empty string is no password)", () => {
            const pkcs8 = encryptPrivateKey(rsa.privateKeyPem, PASSWORD);
            expect(expectLoadError(pkcs8, undefined, "PASSWORD_REQUIRED").message).to.equal("the private key is encrypted and no password was given");
            expectLoadError(pkcs8, "", "PASSWORD_REQUIRED");
            expectLoadError(encryptPrivateKey(ec.privateKeyPem, PASSWORD, { format: "traditional" }), undefined, "PASSWORD_REQUIRED");
        });
        it("should report a wrong password, PKCS#8 and traditional", () => {
            expectLoadError(encryptPrivateKey(rsa.privateKeyPem, PASSWORD), "wrong password", "WRONG_PASSWORD");
            expectLoadError(encryptPrivateKey(rsa.privateKeyPem, PASSWORD, { format: "traditional" }), "wrong password", "WRONG_PASSWORD");
        });
        it("should ignore a password given for an unencrypted key, saying so through `encryption`", () => {
            expect(loadPrivateKey(rsa.privateKeyPem, PASSWORD).encryption).to.equal("none");
        });
        it("should decrypt a 600,000-iteration PBKDF2 key quickly (jsrsasign would take minutes)", function () {
            if (!hasOpenssl()) this.skip();
            const made = openssl(["pkcs8", "-topk8", "-in", "key.pem", "-v2", "aes-256-cbc", "-iter", "600000", "-passout", `pass:${PASSWORD}`], { "key.pem": ec.privateKeyPem });
            if (!made.ok) this.skip();
            const started = performance.now();
            sameKey(made.stdout, ec, PASSWORD);
            expect(performance.now() - started).to.be.lessThan(2000);
        });
    });

    describe("rejects without quoting the key", () => {
        it("a certificate or public key instead of a private key", () => {
            expect(expectLoadError(rsa.publicKeyPem, undefined, "UNEXPECTED_BLOCK").message).to.equal("there is no private key: PEM block 1 is a public key");
            expect(expectLoadError(`${rsa.privateKeyPem}\n${rsa.publicKeyPem}`, undefined, "UNEXPECTED_BLOCK").message).to.match(/more than the private key/);
            expectLoadError(EC_PARAMETERS_P256, undefined, "UNEXPECTED_BLOCK");
        });
        it("two private keys", () => {
            expectLoadError(`${rsa.privateKeyPem}\n${ec.privateKeyPem}`, undefined, "MULTIPLE_KEYS");
        });
        it("base64 that is not a key", () => {
            const garbage = `-----BEGIN PRIVATE KEY-----\n${Buffer.from("this is not a private key at all, only some bytes ".repeat(4)).toString("base64")}\n-----END PRIVATE KEY-----`;
            expectLoadError(garbage, undefined, "BAD_KEY");
        });
        it("a key with a byte changed", () => {
            const lines = rsa.privateKeyPem.split("\n");
            lines[1] = `AAAA${lines[1]!.slice(4)}`;
            expectLoadError(lines.join("\n"), undefined, "BAD_KEY");
        });
        it("an encrypted key whose ciphertext end was damaged, as a wrong password", () => {
            // Damage in the middle of CBC ciphertext can still decrypt to a well-formed (wrong) key,
            // which the key-match check catches; damage to the last block breaks the padding.
            const der = Buffer.from(encryptPrivateKey(rsa.privateKeyPem, PASSWORD).split("\n").slice(1, -1).join(""), "base64");
            der.writeUInt8(der.readUInt8(der.length - 1) ^ 0xff, der.length - 1);
            expectLoadError(`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${der.toString("base64")}\n-----END ENCRYPTED PRIVATE KEY-----`, PASSWORD, "WRONG_PASSWORD");
        });
        it("OpenSSH keys, which node cannot read", () => {
            const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from("openssh-key-v1\0 pretend").toString("base64")}\n-----END OPENSSH PRIVATE KEY-----`;
            expect(expectLoadError(openssh, undefined, "UNSUPPORTED").message).to.match(/OpenSSH private key.*PKCS#8/);
        });
        it("text that is not PEM", () => {
            expectLoadError(rsa.privateKeyPem.split("\n").slice(1, -1).join("\n"), undefined, "NOT_PEM");
        });
    });
});
