import { expect } from "chai";
import { generateKey, type KeyPairPem } from "../../../../emulator/pki";
import { checkCertificateBundle, DEFAULT_ALLOWED_EC_CURVES, DEFAULT_ALLOWED_KEY_ALGORITHMS, MIN_RSA_KEY_BITS, type CheckCertificateBundleOptions } from "../../../../provider/core/pem";
import { UNKNOWN } from "../../../../provider/core/unknown";
import type { CheckFailure } from "../../../../provider/core/validate";
import { ed25519SelfSigned, expectNoSecretIn, generateTestKeys, NOW, nodeKeyPem, opensslForcedKeyCertificate, opensslSelfSigned, testChain, type OpensslMade, type TestKeys } from "./fixtures";

const CERT = "certificatePublicKey";
const KEY = "certificatePrivateKey";
const ACCEPTED = "this service accepts RSA (2048 bits or more), EC P-256 or P-384, SM2 keys only";

// openssl dates its certificates from the real clock, so those are judged at `new Date()`.
function check(certificate: unknown, privateKey: unknown, overrides: Partial<CheckCertificateBundleOptions> = {}): CheckFailure[] {
    return checkCertificateBundle({ certificate: { property: CERT, value: certificate }, privateKey: { property: KEY, value: privateKey }, requireKey: false, now: new Date(), ...overrides });
}

function made(context: Mocha.Context, result: OpensslMade): { certificatePem: string; privateKeyPem: string } {
    if ("skip" in result) {
        console.log(`      (skipped: ${result.skip})`);
        context.skip();
    }
    return result as { certificatePem: string; privateKeyPem: string };
}

function certificateFailure(type: string): CheckFailure {
    return { property: CERT, reason: `${CERT}: the certificate has a key of type ${type}; ${ACCEPTED}. Use a certificate issued for a key of one of those types.` };
}

function keyFailure(type: string): CheckFailure {
    return { property: "", reason: `${KEY} is a key of type ${type}; ${ACCEPTED}. Use a key of one of those types, and a certificate issued for it.` };
}

describe("core/pem key algorithms the vendors accept", () => {
    let keys: TestKeys;
    let dsa: KeyPairPem;
    let ed448: KeyPairPem;
    let x25519: KeyPairPem;
    let rsa1024: KeyPairPem;
    let p521: KeyPairPem;
    before(() => {
        keys = generateTestKeys();
        dsa = nodeKeyPem("dsa");
        ed448 = nodeKeyPem("ed448");
        x25519 = nodeKeyPem("x25519");
        rsa1024 = generateKey({ algorithm: "RSA", bits: 1024 });
        p521 = generateKey({ algorithm: "EC", curve: "P-521" });
    });

    it("should default to RSA of 2048 bits or more, EC P-256/P-384 and SM2", () => {
        expect(DEFAULT_ALLOWED_KEY_ALGORITHMS).to.deep.equal(["RSA", "EC", "SM2"]);
        expect(DEFAULT_ALLOWED_EC_CURVES).to.deep.equal(["P-256", "P-384"]);
        expect(MIN_RSA_KEY_BITS).to.equal(2048);
        const rsa = testChain(keys);
        const p256 = testChain(keys, { keys: { leaf: keys.ec } });
        const p384Key = generateKey({ algorithm: "EC", curve: "P-384" });
        const p384 = testChain(keys, { keys: { leaf: p384Key } });
        expect(check(rsa.chainPem, rsa.leaf.privateKeyPem, { now: NOW })).to.deep.equal([]);
        expect(check(p256.chainPem, keys.ec.privateKeyPem, { now: NOW })).to.deep.equal([]);
        expect(check(p384.chainPem, p384Key.privateKeyPem, { now: NOW })).to.deep.equal([]);
    });

    it("should reject an Ed25519 certificate and key once, saying what is accepted", function () {
        const ed = made(this, ed25519SelfSigned());
        expect(check(ed.certificatePem, ed.privateKeyPem)).to.deep.equal([certificateFailure("Ed25519")]);
    });

    it("should reject an Ed25519 key on its own, without letting the engine print it", function () {
        const ed = made(this, ed25519SelfSigned());
        expect(check(UNKNOWN, ed.privateKeyPem)).to.deep.equal([keyFailure("Ed25519")]);
        const rsa = testChain(keys);
        const failures = check(rsa.chainPem, ed.privateKeyPem, { now: NOW });
        expect(failures[0]).to.deep.equal(keyFailure("Ed25519"));
        expect(failures[1]!.reason).to.match(/does not match the certificate/);
    });

    it("should reject DSA certificates and keys", function () {
        const cert = made(this, opensslSelfSigned(dsa, "dsa.example.com"));
        expect(check(cert.certificatePem, dsa.privateKeyPem)).to.deep.equal([certificateFailure("DSA-2048")]);
        expect(check(undefined, dsa.privateKeyPem, { certificate: { property: CERT, value: UNKNOWN } })).to.deep.equal([keyFailure("DSA-2048")]);
    });

    it("should reject Ed448 certificates", function () {
        const cert = made(this, opensslSelfSigned(ed448, "ed448.example.com"));
        expect(check(cert.certificatePem, ed448.privateKeyPem)).to.deep.equal([certificateFailure("Ed448")]);
    });

    it("should reject an X25519 certificate (a CA can certify a key that cannot sign)", function () {
        const root = testChain(keys).root!;
        const cert = made(this, opensslForcedKeyCertificate(x25519, root, "x25519.example.com"));
        expect(check(cert.certificatePem, undefined)).to.deep.equal([certificateFailure("X25519")]);
        expect(check(UNKNOWN, x25519.privateKeyPem)).to.deep.equal([keyFailure("X25519")]);
    });

    it("should reject RSA keys under 2048 bits, unless the service says otherwise", () => {
        const weak = testChain(keys, { keys: { leaf: rsa1024 } });
        expect(check(weak.chainPem, rsa1024.privateKeyPem, { now: NOW })).to.deep.equal([certificateFailure("RSA-1024")]);
        expect(check(UNKNOWN, rsa1024.privateKeyPem, { now: NOW })).to.deep.equal([keyFailure("RSA-1024")]);
        expect(check(weak.chainPem, rsa1024.privateKeyPem, { now: NOW, minRsaKeyBits: 1024 })).to.deep.equal([]);
    });

    it("should reject other EC curves unless allowed", () => {
        const c = testChain(keys, { keys: { leaf: p521 } });
        expect(check(c.chainPem, p521.privateKeyPem, { now: NOW })).to.deep.equal([certificateFailure("EC P-521")]);
        expect(check(c.chainPem, p521.privateKeyPem, { now: NOW, allowedEcCurves: ["P-256", "P-384", "P-521"] })).to.deep.equal([]);
    });

    it("should name the service's own list when it gives one", () => {
        const c = testChain(keys, { keys: { leaf: keys.ec } });
        expect(check(c.chainPem, keys.ec.privateKeyPem, { now: NOW, allowedKeyAlgorithms: ["RSA"] })[0]!.reason).to.contain("this service accepts RSA (2048 bits or more) keys only");
        expect(check(c.chainPem, keys.ec.privateKeyPem, { now: NOW, allowedKeyAlgorithms: ["RSA", "EC"], allowedEcCurves: ["P-384"] })[0]!.reason).to.contain(
            "the certificate has a key of type EC P-256; this service accepts RSA (2048 bits or more), EC P-384 keys only",
        );
    });

    it("should never quote the keys it rejects", function () {
        const ed = made(this, ed25519SelfSigned());
        const dsaCert = made(this, opensslSelfSigned(dsa, "dsa.example.com"));
        const weak = testChain(keys, { keys: { leaf: rsa1024 } });
        const cases: Array<[unknown, string]> = [
            [ed.certificatePem, ed.privateKeyPem],
            [UNKNOWN, ed.privateKeyPem],
            [testChain(keys).chainPem, ed.privateKeyPem],
            [dsaCert.certificatePem, dsa.privateKeyPem],
            [UNKNOWN, dsa.privateKeyPem],
            [weak.chainPem, rsa1024.privateKeyPem],
            [UNKNOWN, rsa1024.privateKeyPem],
            [UNKNOWN, x25519.privateKeyPem],
            [UNKNOWN, ed448.privateKeyPem],
        ];
        for (const [certificate, key] of cases) {
            const failures = check(certificate, key);
            expect(failures.length).to.be.greaterThan(0);
            for (const f of failures) expect(f.property).not.to.equal(KEY);
            expectNoSecretIn(failures.map((f) => `${f.property} ${f.reason}`), [key]);
        }
    });
});
