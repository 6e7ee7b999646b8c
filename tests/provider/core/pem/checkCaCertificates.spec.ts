import { expect } from "chai";
import { makeCertificate } from "../../../../emulator/pki";
import { checkCaCertificates } from "../../../../provider/core/pem";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { expectNoSecretIn, generateTestKeys, NOW, testChain, type TestKeys } from "./fixtures";

const PROP = "trustedRootCa";
const check = (value: unknown, extra: { required?: boolean; requireCa?: boolean } = {}) => checkCaCertificates({ certificate: { property: PROP, value }, now: NOW, ...extra });

describe("core/pem checkCaCertificates", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should accept CA certificates in any order", () => {
        const c = testChain(keys);
        expect(check(c.root!.certificatePem)).to.deep.equal([]);
        expect(check(c.caChainPem)).to.deep.equal([]);
        expect(check(`${c.root!.certificatePem}\r\n${c.intermediate!.certificatePem}\r\n`)).to.deep.equal([]);
    });

    it("should reject a server certificate, unless CA certificates are not required", () => {
        const c = testChain(keys);
        expect(check(`${c.root!.certificatePem}\n${c.leaf.certificatePem}`)).to.deep.equal([
            {
                property: PROP,
                reason: `${PROP}: certificate 2 is not a CA certificate (it lacks basicConstraints CA:TRUE). ${PROP} takes the CA certificates that issue the certificates to trust, not a server certificate.`,
            },
        ]);
        expect(check(c.leaf.certificatePem, { requireCa: false })).to.deep.equal([]);
    });

    it("should reject expired and not-yet-valid CA certificates, with dates", () => {
        const expired = makeCertificate({ subject: { CN: "Old CA" }, subjectKey: keys.root, ca: true, notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2025-01-01T00:00:00Z") });
        expect(check(expired)).to.deep.equal([
            { property: PROP, reason: `${PROP}: the certificate expired on 2025-01-01T00:00:00Z (it is now 2026-06-01T12:00:00Z). Renew it and use the new certificate.` },
        ]);
        const future = makeCertificate({ subject: { CN: "New CA" }, subjectKey: keys.root, ca: true, notBefore: new Date("2027-01-01T00:00:00Z"), notAfter: new Date("2030-01-01T00:00:00Z") });
        expect(check(`${testChain(keys).root!.certificatePem}\n${future}`)[0]!.reason).to.match(/^trustedRootCa: certificate 2 is not yet valid: it is valid from 2027-01-01T00:00:00Z/);
    });

    it("should reject duplicates", () => {
        const c = testChain(keys);
        expect(check(`${c.root!.certificatePem}\n${c.root!.certificatePem}`)[0]!.reason).to.equal(`${PROP}: certificate 2 is a copy of certificate 1. Remove the duplicate.`);
    });

    it("should report a private key without echoing it or letting the engine print the value", () => {
        const c = testChain(keys);
        const failures = check(`${c.root!.certificatePem}\n${keys.root.privateKeyPem}`);
        expect(failures).to.have.length(1);
        expect(failures[0]!.property).to.equal("");
        expect(failures[0]!.reason).to.equal(`${PROP}: PEM block 2 is a private key, not a certificate. Remove the private key: ${PROP} takes certificates only.`);
        expectNoSecretIn([failures[0]!.reason], [keys.root.privateKeyPem]);
    });

    it("should handle absent, unknown and non-string input", () => {
        expect(check(undefined)).to.deep.equal([{ property: PROP, reason: `${PROP} is required: set it to the PEM CA certificate(s).` }]);
        expect(check("", { required: false })).to.deep.equal([]);
        expect(check(UNKNOWN)).to.deep.equal([]);
        expect(check(["x"])[0]!.reason).to.equal(`${PROP} must be a string holding PEM text.`);
        expect(check("not pem")[0]!.reason).to.match(/^trustedRootCa: the text is not PEM/);
    });
});
