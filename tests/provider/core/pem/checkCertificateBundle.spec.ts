import { expect } from "chai";
import { encryptPrivateKey, exportPrivateKey } from "../../../../emulator/pki";
import { checkCertificateBundle, type CheckCertificateBundleOptions } from "../../../../provider/core/pem";
import type { CheckFailure } from "../../../../provider/core/validate";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { ed25519SelfSigned, expectNoSecretIn, generateTestKeys, NOW, sm2Chain, sm2SelfSigned, testChain, withBrokenSignature, type TestKeys } from "./fixtures";

const CERT = "certificatePublicKey";
const KEY = "certificatePrivateKey";
const PASSWORD_PROPERTY = "keyPassword";
const PASSWORD = "Tr0ub4dor&3 correct horse";


/** check() options the way a vendor provider builds them, with overrides. */
function check(certificate: unknown, privateKey: unknown, overrides: Partial<CheckCertificateBundleOptions> = {}): CheckFailure[] {
    return checkCertificateBundle({
        certificate: { property: CERT, value: certificate },
        privateKey: { property: KEY, value: privateKey },
        password: { property: PASSWORD_PROPERTY, value: undefined },
        requireKey: true,
        now: NOW,
        ...overrides,
    });
}

/** Exactly one failure, returned for closer checks. */
function single(failures: CheckFailure[]): CheckFailure {
    expect(failures, JSON.stringify(failures, null, 1)).to.have.length(1);
    return failures[0]!;
}

describe("core/pem checkCertificateBundle", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    describe("accepts", () => {
        it("a leaf-first chain with its key", () => {
            const c = testChain(keys);
            expect(check(c.chainPem, c.leaf.privateKeyPem)).to.deep.equal([]);
            expect(check(c.fullChainPem, c.leaf.privateKeyPem)).to.deep.equal([]);
            expect(check(c.leaf.certificatePem, c.leaf.privateKeyPem)).to.deep.equal([]);
        });

        it("CRLF line endings, surrounding whitespace and trailing newlines", () => {
            const c = testChain(keys);
            expect(check(`\r\n  ${c.chainPem.replace(/\n/g, "\r\n")}\r\n\r\n`, `${c.leaf.privateKeyPem.replace(/\n/g, "\r\n")}\r\n`)).to.deep.equal([]);
        });

        it("keys in PKCS#1, SEC1, encrypted PKCS#8 and traditional encrypted PEM", () => {
            const rsa = testChain(keys);
            const ec = testChain(keys, { keys: { leaf: keys.ec } });
            expect(check(rsa.chainPem, exportPrivateKey(keys.leaf.privateKeyPem, "pkcs1"))).to.deep.equal([]);
            expect(check(ec.chainPem, exportPrivateKey(keys.ec.privateKeyPem, "sec1"))).to.deep.equal([]);
            const password = { property: PASSWORD_PROPERTY, value: PASSWORD };
            expect(check(rsa.chainPem, encryptPrivateKey(keys.leaf.privateKeyPem, PASSWORD), { password })).to.deep.equal([]);
            expect(check(ec.chainPem, encryptPrivateKey(keys.ec.privateKeyPem, PASSWORD, { format: "traditional" }), { password })).to.deep.equal([]);
        });

        it("a chain given in a separate property", () => {
            const c = testChain(keys);
            expect(check(c.leaf.certificatePem, c.leaf.privateKeyPem, { chain: { property: "certificateChain", value: c.caChainPem } })).to.deep.equal([]);
            expect(check(c.leaf.certificatePem, c.leaf.privateKeyPem, { chain: { property: "certificateChain", value: undefined } })).to.deep.equal([]);
        });

        it("a self-signed leaf", () => {
            const c = testChain(keys, { selfSigned: true });
            expect(check(c.chainPem, c.leaf.privateKeyPem)).to.deep.equal([]);
        });

        it("no key when the key is optional", () => {
            const c = testChain(keys);
            expect(check(c.chainPem, undefined, { requireKey: false })).to.deep.equal([]);
            expect(check(c.chainPem, "  ", { requireKey: false })).to.deep.equal([]);
            expect(checkCertificateBundle({ certificate: { property: CERT, value: c.chainPem }, requireKey: false, now: NOW })).to.deep.equal([]);
        });

        it("an RSA-2048 bundle in a few milliseconds", () => {
            const c = testChain(keys);
            check(c.fullChainPem, c.leaf.privateKeyPem); // warm up
            const runs = 50;
            const started = performance.now();
            for (let i = 0; i < runs; i++) expect(check(c.fullChainPem, c.leaf.privateKeyPem)).to.have.length(0);
            const perRun = (performance.now() - started) / runs;
            expect(perRun, `${perRun.toFixed(2)} ms per validation`).to.be.lessThan(25);
        });
    });

    describe("skips inputs not known yet (preview)", () => {
        it("an unknown certificate, still checking the key", () => {
            const c = testChain(keys);
            expect(check(UNKNOWN, c.leaf.privateKeyPem)).to.deep.equal([]);
            expect(check(UNKNOWN, "garbage")).to.have.length(1);
        });

        it("an unknown key, still checking the certificate", () => {
            const c = testChain(keys, { validity: "expired" });
            expect(check(testChain(keys).chainPem, UNKNOWN)).to.deep.equal([]);
            expect(single(check(c.chainPem, UNKNOWN)).reason).to.match(/expired/);
        });

        it("an unknown password: an encrypted key waits for `up`", () => {
            const c = testChain(keys);
            const encrypted = encryptPrivateKey(keys.leaf.privateKeyPem, PASSWORD);
            expect(check(c.chainPem, encrypted, { password: { property: PASSWORD_PROPERTY, value: UNKNOWN } })).to.deep.equal([]);
            // An unencrypted key is still matched against the certificate.
            expect(single(check(c.chainPem, keys.other.privateKeyPem, { password: { property: PASSWORD_PROPERTY, value: UNKNOWN } })).reason).to.match(/does not match/);
        });
    });

    describe("reports missing and malformed inputs", () => {
        it("a missing certificate", () => {
            expect(single(check(undefined, undefined, { requireKey: false }))).to.deep.equal({
                property: CERT,
                reason: `${CERT} is required: set it to the PEM certificate, the leaf first, then its intermediate CA certificates.`,
            });
        });

        it("a missing key when it is required, without letting the engine print the key property", () => {
            const failure = single(check(testChain(keys).chainPem, undefined));
            expect(failure.property).to.equal("");
            expect(failure.reason).to.match(new RegExp(`^${KEY} is required`));
        });

        it("values that are not strings", () => {
            const failures = check(42, { pem: true }, { password: { property: PASSWORD_PROPERTY, value: 7 } });
            expect(failures.map((f) => f.property)).to.have.members(["", "", CERT]);
            expect(failures.map((f) => f.reason).join("\n")).to.contain(`${CERT} must be a string`).and.contain(`${KEY} must be a string`).and.contain(`${PASSWORD_PROPERTY} must be a string`);
        });

        const malformed: Array<[string, (pem: string) => string, RegExp]> = [
            ["text that is not PEM", () => "hello", /is not PEM.*-----BEGIN CERTIFICATE-----/],
            ["broken base64", (pem) => pem.replace(/\n(.)/, "\n!"), /PEM block 1 is not valid base64.*copy it again/],
            ["a cut-off block", (pem) => pem.slice(0, -10), /no matching -----END----- line/],
            ["openssl's Bag Attributes", (pem) => `Bag Attributes\n    friendlyName: x\n${pem}`, /text before the first PEM block.*Bag Attributes/],
            ["a CSR instead of a certificate", () => "-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----", /certificate signing request \(CSR\), not a certificate.*only certificates/],
        ];
        for (const [name, mangle, pattern] of malformed) {
            it(`a certificate that is ${name}`, () => {
                const c = testChain(keys);
                const failure = single(check(mangle(c.chainPem), c.leaf.privateKeyPem));
                expect(failure.property).to.equal(CERT);
                expect(failure.reason).to.match(new RegExp(`^${CERT}: `)).and.match(pattern);
            });
        }

        it("a private key pasted into the certificate, with property \"\" so its value is not printed", () => {
            const c = testChain(keys);
            const failure = single(check(`${c.chainPem}\n${c.leaf.privateKeyPem}`, c.leaf.privateKeyPem));
            expect(failure).to.deep.equal({ property: "", reason: `${CERT}: PEM block 3 is a private key, not a certificate. Move the private key to ${KEY} and keep only certificates in ${CERT}.` });
        });

        it("a key that is not a key", () => {
            const c = testChain(keys);
            const failure = single(check(c.chainPem, c.leaf.certificatePem));
            expect(failure).to.deep.equal({ property: "", reason: `${KEY}: there is no private key: PEM block 1 is a certificate. Put only the private key of the certificate in ${KEY}.` });
        });
    });

    describe("reports chain order", () => {
        it("a reversed chain (and that the key belongs to the last certificate)", () => {
            const c = testChain(keys);
            const failures = check(`${c.root!.certificatePem}\n${c.intermediate!.certificatePem}\n${c.leaf.certificatePem}`, c.leaf.privateKeyPem);
            expect(failures).to.deep.equal([
                { property: CERT, reason: `${CERT}: the chain is in reverse order (root first). Reverse it so that the leaf certificate comes first, each certificate followed by the one that issued it.` },
                { property: "", reason: `${KEY} matches certificate 3 in ${CERT}, not the first certificate. Put the certificate this key belongs to (the leaf) first, followed by its issuers.` },
            ]);
        });

        it("an out-of-order chain", () => {
            const c = testChain(keys);
            const failure = single(check([c.leaf.certificatePem, c.root!.certificatePem, c.intermediate!.certificatePem].join("\n"), c.leaf.privateKeyPem));
            expect(failure.property).to.equal(CERT);
            expect(failure.reason).to.equal(`${CERT}: the chain is out of order: certificate 1 was issued by certificate 3, not by the certificate after it. The chain must start with the leaf certificate, each certificate followed by the one that issued it.`);
        });

        it("an intermediate from another chain", () => {
            const c = testChain(keys);
            const other = testChain(keys, { keys: { root: keys.other, intermediate: keys.ec }, intermediateCommonName: "Other CA" });
            const failure = single(check(`${c.leaf.certificatePem}\n${other.intermediate!.certificatePem}`, c.leaf.privateKeyPem));
            expect(failure.reason).to.match(/^certificatePublicKey: certificate 2 did not issue certificate 1, and no certificate in the chain did\. Replace it/);
        });

        it("an intermediate from another chain in a separate chain property", () => {
            const c = testChain(keys);
            const other = testChain(keys, { keys: { root: keys.other, intermediate: keys.ec }, intermediateCommonName: "Other CA" });
            const failure = single(check(c.leaf.certificatePem, c.leaf.privateKeyPem, { chain: { property: "certificateChain", value: other.caChainPem } }));
            expect(failure.property).to.equal("certificateChain");
            expect(failure.reason).to.match(/^certificateChain: certificate 1 of certificateChain did not issue certificate 1 of certificatePublicKey/);
        });

        it("a duplicated certificate", () => {
            const c = testChain(keys);
            const failure = single(check(`${c.chainPem}\n${c.intermediate!.certificatePem}`, c.leaf.privateKeyPem));
            expect(failure.reason).to.equal(`${CERT}: certificate 3 is a copy of certificate 2. Remove the duplicate.`);
        });

        it("a signature that does not verify", () => {
            const c = testChain(keys);
            const failure = single(check(`${withBrokenSignature(c.leaf.certificatePem)}\n${c.intermediate!.certificatePem}`, c.leaf.privateKeyPem));
            expect(failure.reason).to.match(/the signature of certificate 1 does not verify with the key of certificate 2/);
        });
    });

    describe("reports validity, with ISO-8601 UTC dates", () => {
        it("an expired leaf", () => {
            const c = testChain(keys, { validity: "expired" });
            const failure = single(check(c.chainPem, c.leaf.privateKeyPem));
            expect(failure).to.deep.equal({
                property: CERT,
                reason: `${CERT}: the certificate expired on 2026-05-31T12:00:00Z (it is now 2026-06-01T12:00:00Z). Renew it and use the new certificate.`,
            });
        });

        it("a leaf not yet valid", () => {
            const c = testChain(keys, { validity: "notYetValid" });
            const failure = single(check(c.chainPem, c.leaf.privateKeyPem));
            expect(failure.reason).to.equal(
                `${CERT}: the certificate is not yet valid: it is valid from 2026-06-02T12:00:00Z to 2026-08-31T12:00:00Z, and it is now 2026-06-01T12:00:00Z. Wait until it becomes valid, or check the clock of the machine running Pulumi.`,
            );
        });

        it("judged at the time given", () => {
            const c = testChain(keys);
            expect(check(c.chainPem, c.leaf.privateKeyPem, { now: c.leaf.notAfter })).to.deep.equal([]);
            expect(single(check(c.chainPem, c.leaf.privateKeyPem, { now: new Date(c.leaf.notAfter.getTime() + 1000) })).reason).to.match(/expired/);
        });
    });

    describe("reports key problems with property \"\"", () => {
        it("a key of another certificate", () => {
            const c = testChain(keys);
            expect(single(check(c.chainPem, keys.other.privateKeyPem))).to.deep.equal({
                property: "",
                reason: `${KEY} does not match the certificate in ${CERT}: it is the key of a different certificate (for example the one before a renewal). Use the private key that the certificate was issued for (the one its CSR was made with).`,
            });
        });

        it("a key of another type", () => {
            const c = testChain(keys);
            expect(single(check(c.chainPem, keys.ec.privateKeyPem)).reason).to.contain("the certificate has a key of type RSA-2048 and the private key is EC P-256");
        });

        it("an encrypted key without its password, naming the password property", () => {
            const c = testChain(keys);
            expect(single(check(c.chainPem, encryptPrivateKey(keys.leaf.privateKeyPem, PASSWORD)))).to.deep.equal({
                property: "",
                reason: `${KEY}: the private key is encrypted and no password was given. Set ${PASSWORD_PROPERTY} to its password.`,
            });
        });

        it("an encrypted key where the service takes no password", () => {
            const c = testChain(keys);
            const failure = single(check(c.chainPem, encryptPrivateKey(keys.leaf.privateKeyPem, PASSWORD), { password: undefined }));
            expect(failure.reason).to.match(/takes unencrypted keys only: decrypt it with `openssl pkey/);
        });

        it("a wrong password", () => {
            const c = testChain(keys);
            const failure = single(check(c.chainPem, encryptPrivateKey(keys.leaf.privateKeyPem, PASSWORD), { password: { property: PASSWORD_PROPERTY, value: "wrong" } }));
            expect(failure).to.deep.equal({ property: "", reason: `${KEY} could not be decrypted with ${PASSWORD_PROPERTY}: the password is wrong or the key is damaged. Check ${PASSWORD_PROPERTY}.` });
        });

        it("a password for a key that is not encrypted (rejected: it is usually the decrypted copy by mistake)", () => {
            const c = testChain(keys);
            expect(single(check(c.chainPem, c.leaf.privateKeyPem, { password: { property: PASSWORD_PROPERTY, value: PASSWORD } }))).to.deep.equal({
                property: "",
                reason: `${PASSWORD_PROPERTY} is set but ${KEY} is not encrypted. Remove ${PASSWORD_PROPERTY}, or set ${KEY} to the encrypted key it belongs to.`,
            });
            // An empty password counts as none.
            expect(check(c.chainPem, c.leaf.privateKeyPem, { password: { property: PASSWORD_PROPERTY, value: "" } })).to.deep.equal([]);
        });

        it("a password without a key", () => {
            const c = testChain(keys);
            expect(single(check(c.chainPem, undefined, { requireKey: false, password: { property: PASSWORD_PROPERTY, value: PASSWORD } }))).to.deep.equal({
                property: "",
                reason: `${PASSWORD_PROPERTY} is set but ${KEY} is not. Remove ${PASSWORD_PROPERTY}, or set ${KEY} to the encrypted key it unlocks.`,
            });
        });
    });

    describe("checks the key algorithm", () => {
        it("against the declared algorithm, size and curve", () => {
            const rsa = testChain(keys);
            const ec = testChain(keys, { keys: { leaf: keys.ec } });
            expect(check(rsa.chainPem, rsa.leaf.privateKeyPem, { expectedKeyAlgorithm: { property: "keySpec", algorithm: "RSA", bits: 2048 } })).to.deep.equal([]);
            expect(check(ec.chainPem, keys.ec.privateKeyPem, { expectedKeyAlgorithm: { property: "keySpec", algorithm: "EC", curve: "P-256" } })).to.deep.equal([]);
            expect(single(check(ec.chainPem, keys.ec.privateKeyPem, { expectedKeyAlgorithm: { property: "algorithmType", algorithm: "RSA" } }))).to.deep.equal({
                property: "algorithmType",
                reason: `algorithmType declares RSA, but the certificate in ${CERT} has a key of type EC P-256. Set algorithmType to match the certificate, or use a certificate whose key is RSA.`,
            });
            expect(single(check(rsa.chainPem, rsa.leaf.privateKeyPem, { expectedKeyAlgorithm: { property: "keySpec", algorithm: "RSA", bits: 4096 } })).reason).to.match(/declares RSA-4096/);
            expect(single(check(ec.chainPem, keys.ec.privateKeyPem, { expectedKeyAlgorithm: { property: "keySpec", algorithm: "EC", curve: "P-384" } })).reason).to.match(/declares EC P-384/);
        });

        it("against the algorithms the service accepts", function () {
            const ed = ed25519SelfSigned();
            if ("skip" in ed) {
                console.log(`      (skipped: ${ed.skip})`);
                this.skip();
            }
            expect(check(ed.certificatePem, ed.privateKeyPem, { now: new Date(), allowedKeyAlgorithms: ["Ed25519"] })).to.deep.equal([]);
            expect(single(check(ed.certificatePem, ed.privateKeyPem, { now: new Date(), allowedKeyAlgorithms: ["RSA", "EC"] }))).to.deep.equal({
                property: CERT,
                reason: `${CERT}: the certificate has a key of type Ed25519; this service accepts RSA (2048 bits or more), EC P-256 or P-384 keys only. Use a certificate issued for a key of one of those types.`,
            });
        });
    });

    // The openssl CLI dates certificates from the real clock, so those checks run at `new Date()`.
    describe("SM2 (certificates from the openssl CLI, keys from node)", () => {
        it("matches an SM2 key to its certificate and rejects another SM2 key", function () {
            const sm2 = sm2SelfSigned();
            const other = sm2SelfSigned("other.example.com");
            if ("skip" in sm2 || "skip" in other) {
                console.log(`      (skipped: ${"skip" in sm2 ? sm2.skip : ""})`);
                this.skip();
            }
            expect(check(sm2.certificatePem, sm2.privateKeyPem, { now: new Date(), expectedKeyAlgorithm: { property: "algorithmType", algorithm: "SM2" } })).to.deep.equal([]);
            expect(check(sm2.certificatePem, exportPrivateKey(sm2.privateKeyPem, "sec1"), { now: new Date() })).to.deep.equal([]);
            expect(check(sm2.certificatePem, encryptPrivateKey(sm2.privateKeyPem, PASSWORD), { now: new Date(), password: { property: PASSWORD_PROPERTY, value: PASSWORD } })).to.deep.equal([]);
            expect(single(check(sm2.certificatePem, other.privateKeyPem, { now: new Date() })).reason).to.match(/does not match/);
            expect(single(check(sm2.certificatePem, keys.ec.privateKeyPem, { now: new Date() })).reason).to.contain("the certificate has a key of type SM2 and the private key is EC P-256");
        });

        it("checks the order of an SM2 chain without verifying SM2 signatures", function () {
            const chain = sm2Chain();
            if ("skip" in chain) {
                console.log(`      (skipped: ${chain.skip})`);
                this.skip();
            }
            expect(check(`${chain.leaf}\n${chain.root}`, chain.leafKeyPem, { now: new Date() })).to.deep.equal([]);
            expect(check(`${chain.root}\n${chain.leaf}`, chain.leafKeyPem, { now: new Date() }).map((f) => f.reason).join("\n")).to.match(/reverse order/);
        });
    });

    describe("never quotes secrets", () => {
        it("for garbage, damaged and encrypted keys and wrong passwords", () => {
            const c = testChain(keys);
            const encrypted = encryptPrivateKey(keys.leaf.privateKeyPem, PASSWORD);
            const legacy = encryptPrivateKey(keys.leaf.privateKeyPem, PASSWORD, { format: "traditional" });
            const damaged = keys.leaf.privateKeyPem.replace(/\n(.{10})/, "\nAAAAAAAAAA");
            const garbageKey = `-----BEGIN PRIVATE KEY-----\n${Buffer.from("jsrsasign would echo this ciphertext back ".repeat(5)).toString("base64")}\n-----END PRIVATE KEY-----`;
            const truncated = encrypted.split("\n").slice(0, 8).join("\n");
            const cases: Array<[unknown, unknown, unknown]> = [
                [c.chainPem, encrypted, undefined],
                [c.chainPem, encrypted, "wrong password"],
                [c.chainPem, legacy, undefined],
                [c.chainPem, legacy, "wrong password"],
                [c.chainPem, damaged, undefined],
                [c.chainPem, garbageKey, undefined],
                [c.chainPem, truncated, PASSWORD],
                [c.chainPem, keys.leaf.privateKeyPem.split("\n").slice(1, -1).join("\n"), undefined],
                [c.chainPem, keys.other.privateKeyPem, PASSWORD],
                [c.chainPem, `${keys.leaf.privateKeyPem}\n${keys.other.privateKeyPem}`, undefined],
                [`${c.chainPem}\n${keys.leaf.privateKeyPem}`, keys.leaf.privateKeyPem, undefined],
                [`${c.chainPem}\n${encrypted}`, encrypted, PASSWORD],
                [keys.leaf.privateKeyPem, undefined, undefined],
            ];
            for (const [certificate, privateKey, password] of cases) {
                const failures = check(certificate, privateKey, { password: { property: PASSWORD_PROPERTY, value: password } });
                expect(failures.length, "expected failures").to.be.greaterThan(0);
                for (const f of failures) expect([KEY, PASSWORD_PROPERTY]).not.to.include(f.property);
                const secrets = [keys.leaf.privateKeyPem, keys.other.privateKeyPem, encrypted, legacy, garbageKey, PASSWORD];
                expectNoSecretIn(
                    failures.map((f) => `${f.property} ${f.reason}`),
                    secrets,
                );
                // A failure printed with property "" is the only way a certificate input holding a key is reported.
                for (const f of failures) if (f.property === CERT) expect(String(certificate)).not.to.contain("PRIVATE KEY");
            }
        });
    });
});
