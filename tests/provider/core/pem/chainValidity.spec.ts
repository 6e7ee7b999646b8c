import { expect } from "chai";
import { makeCertificate } from "../../../../emulator/pki";
import { checkCaCertificates, checkCertificateBundle, type CheckCertificateBundleOptions } from "../../../../provider/core/pem";
import type { CheckFailure } from "../../../../provider/core/validate";
import { expectNoSecretIn, generateTestKeys, NOW, type TestKeys } from "./fixtures";

const CERT = "certificatePublicKey";
const KEY = "certificatePrivateKey";
const DAY = 86_400_000;

function check(certificate: string, privateKey: string, overrides: Partial<CheckCertificateBundleOptions> = {}): CheckFailure[] {
    return checkCertificateBundle({ certificate: { property: CERT, value: certificate }, privateKey: { property: KEY, value: privateKey }, requireKey: true, now: NOW, ...overrides });
}

interface Window {
    readonly notBefore: Date;
    readonly notAfter: Date;
}
const VALID: Window = { notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 30 * DAY) };
const EXPIRED: Window = { notBefore: new Date(NOW.getTime() - 60 * DAY), notAfter: new Date("2026-05-01T00:00:00Z") };
const FUTURE: Window = { notBefore: new Date("2026-07-01T00:00:00Z"), notAfter: new Date(NOW.getTime() + 90 * DAY) };

/** Root → intermediate → leaf with each validity window chosen, built with the test PKI. */
function chainWith(keys: TestKeys, windows: { root: Window; intermediate: Window; leaf: Window }, intermediateCn = "Test Intermediate CA"): { root: string; intermediate: string; leaf: string } {
    const root = makeCertificate({ subject: { CN: "Test Root CA" }, subjectKey: keys.root, ca: true, ...windows.root });
    const intermediate = makeCertificate({ subject: { CN: intermediateCn }, subjectKey: keys.intermediate, issuer: { certificatePem: root, privateKeyPem: keys.root.privateKeyPem }, ca: true, ...windows.intermediate });
    const leaf = makeCertificate({ subject: { CN: "www.example.com" }, subjectKey: keys.leaf, issuer: { certificatePem: intermediate, privateKeyPem: keys.intermediate.privateKeyPem }, sans: ["www.example.com"], ...windows.leaf });
    return { root, intermediate, leaf };
}

describe("core/pem validity of every certificate in a chain", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should name an expired intermediate by position, property and subject", () => {
        const c = chainWith(keys, { root: VALID, intermediate: EXPIRED, leaf: VALID });
        expect(check(`${c.leaf}\n${c.intermediate}\n${c.root}`, keys.leaf.privateKeyPem)).to.deep.equal([
            {
                property: CERT,
                reason: `${CERT}: certificate 2 of 3 in ${CERT} (issued to CN=Test Intermediate CA) expired on 2026-05-01T00:00:00Z (it is now 2026-06-01T12:00:00Z). Replace it with the current CA certificate from the issuer of this certificate (CAs re-issue intermediates before they expire).`,
            },
        ]);
    });

    it("should report an expired root and a not-yet-valid intermediate in a separate chain property", () => {
        const c = chainWith(keys, { root: EXPIRED, intermediate: FUTURE, leaf: VALID });
        const failures = check(c.leaf, keys.leaf.privateKeyPem, { chain: { property: "certificateChain", value: `${c.intermediate}\n${c.root}` } });
        expect(failures.map((f) => f.property)).to.deep.equal(["certificateChain", "certificateChain"]);
        expect(failures[0]!.reason).to.match(/^certificateChain: certificate 1 of 2 in certificateChain \(issued to CN=Test Intermediate CA\) is not yet valid: it is valid from 2026-07-01T00:00:00Z/);
        expect(failures[1]!.reason).to.match(/^certificateChain: certificate 2 of 2 in certificateChain \(issued to CN=Test Root CA\) expired on 2026-05-01T00:00:00Z/);
    });

    it("should report the leaf and every other certificate, each once", () => {
        const c = chainWith(keys, { root: EXPIRED, intermediate: EXPIRED, leaf: EXPIRED });
        const reasons = check(`${c.leaf}\n${c.intermediate}\n${c.root}`, keys.leaf.privateKeyPem).map((f) => f.reason);
        expect(reasons).to.have.length(3);
        expect(reasons[0]).to.match(/^certificatePublicKey: the certificate expired on/);
        expect(reasons[1]).to.contain("certificate 2 of 3");
        expect(reasons[2]).to.contain("certificate 3 of 3 in certificatePublicKey (issued to CN=Test Root CA)");
    });

    it("should not print control characters or long names from a subject", () => {
        const c = chainWith(keys, { root: VALID, intermediate: EXPIRED, leaf: VALID }, `Evil\u001b[2J CA ${"x".repeat(100)}`);
        const [failure] = check(`${c.leaf}\n${c.intermediate}`, keys.leaf.privateKeyPem);
        expect(failure!.reason).to.contain(`(issued to CN=Evil?[2J CA ${"x".repeat(64 - 15)}…)`);
        expect(failure!.reason).not.to.contain("\u001b");
    });

    it("should skip validity entirely with checkValidity: false, and keep every other check", () => {
        const c = chainWith(keys, { root: EXPIRED, intermediate: EXPIRED, leaf: FUTURE });
        expect(check(`${c.leaf}\n${c.intermediate}\n${c.root}`, keys.leaf.privateKeyPem, { checkValidity: false })).to.deep.equal([]);
        expect(check(`${c.leaf}\n${c.intermediate}\n${c.root}`, keys.leaf.privateKeyPem, { checkValidity: true })).to.have.length(3);
        const wrongOrder = check(`${c.intermediate}\n${c.leaf}`, keys.leaf.privateKeyPem, { checkValidity: false });
        expect(wrongOrder.map((f) => f.reason).join("\n")).to.match(/out of order|not the first certificate/);
        expect(wrongOrder.map((f) => f.reason).join("\n")).not.to.match(/expired|not yet valid/);
    });

    it("should let checkCaCertificates skip validity too", () => {
        const c = chainWith(keys, { root: EXPIRED, intermediate: VALID, leaf: VALID });
        expect(checkCaCertificates({ certificate: { property: "caCertificate", value: c.root }, now: NOW })).to.have.length(1);
        expect(checkCaCertificates({ certificate: { property: "caCertificate", value: c.root }, now: NOW, checkValidity: false })).to.deep.equal([]);
    });

    it("should never quote the key in validity failures", () => {
        const c = chainWith(keys, { root: EXPIRED, intermediate: EXPIRED, leaf: EXPIRED });
        const failures = check(`${c.leaf}\n${c.intermediate}\n${c.root}`, keys.leaf.privateKeyPem);
        expect(failures).to.have.length(3);
        expectNoSecretIn(failures.map((f) => `${f.property} ${f.reason}`), [keys.leaf.privateKeyPem, keys.intermediate.privateKeyPem, keys.root.privateKeyPem]);
    });
});
