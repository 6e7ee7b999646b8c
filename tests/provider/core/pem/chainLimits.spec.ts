import { expect } from "chai";
import { checkCaCertificates, checkCertificateBundle, MAX_CA_CERTIFICATES, MAX_CHAIN_CERTIFICATES, MAX_REPORTED_FAILURES, parseCertificateChain, PemError } from "../../../../provider/core/pem";
import type { CheckFailure } from "../../../../provider/core/validate";
import { expectNoSecretIn, generateTestKeys, NOW, testChain, type TestKeys } from "./fixtures";

const CERT = "certificatePublicKey";
const KEY = "certificatePrivateKey";

function copies(pem: string, n: number): string {
    return Array.from({ length: n }, () => pem).join("\n");
}

describe("core/pem bounded chains and failure lists", () => {
    let keys: TestKeys;
    let small: string;
    before(() => {
        keys = generateTestKeys();
        // A self-signed EC certificate is about 600 bytes: many fit under the 64 KiB limit.
        small = testChain(keys, { selfSigned: true, keys: { leaf: keys.ec } }).leaf.certificatePem;
    });

    it("should read at most 10 certificates from a chain input, naming the count and what a chain holds", () => {
        expect(MAX_CHAIN_CERTIFICATES).to.equal(10);
        expect(parseCertificateChain(copies(small, 10))).to.have.length(10);
        try {
            parseCertificateChain(copies(small, 11));
            expect.fail("expected TOO_MANY_CERTIFICATES");
        } catch (error) {
            expect((error as PemError).code).to.equal("TOO_MANY_CERTIFICATES");
            expect((error as PemError).message).to.equal("there are 11 PEM blocks, and at most 10 certificates are read from one input");
        }
        const failures = checkCertificateBundle({ certificate: { property: CERT, value: copies(small, 11) }, privateKey: { property: KEY, value: keys.ec.privateKeyPem }, requireKey: true, now: NOW });
        expect(failures).to.deep.equal([
            {
                property: CERT,
                reason: `${CERT}: there are 11 PEM blocks, and at most 10 certificates are read from one input. Give only the certificates this input is for (a chain is usually 2 to 4: the leaf, then its intermediate CA certificates).`,
            },
        ]);
    });

    it("should answer thousands of pasted certificates with the size failure alone", () => {
        const failures = checkCertificateBundle({ certificate: { property: CERT, value: copies(small, 3000) }, requireKey: false, now: NOW });
        expect(failures).to.have.length(1);
        expect(failures[0]!.reason).to.match(/^certificatePublicKey: the text is .* bytes: PEM input is limited to 65536 bytes/);
    });

    it("should list at most 10 failures, then how many more", () => {
        expect(MAX_REPORTED_FAILURES).to.equal(10);
        // 20 copies across two inputs: 19 duplicates.
        const failures = checkCertificateBundle({
            certificate: { property: CERT, value: copies(small, 10) },
            chain: { property: "certificateChain", value: copies(small, 10) },
            privateKey: { property: KEY, value: keys.ec.privateKeyPem },
            requireKey: true,
            now: NOW,
        });
        expect(failures).to.have.length(11);
        expect(failures.slice(0, 10).every((f) => /is a copy of/.test(f.reason))).to.equal(true);
        expect(failures[10]).to.deep.equal({
            property: "certificateChain",
            reason: "certificateChain: and 9 more problems with the certificates in certificateChain, not listed: fix the ones above and run the preview again.",
        });
        expectNoSecretIn(failures.map((f) => `${f.property} ${f.reason}`), [keys.ec.privateKeyPem]);
    });

    it("should bound CA-certificate inputs the same way", () => {
        expect(MAX_CA_CERTIFICATES).to.equal(50);
        const ca = testChain(keys, { keys: { root: keys.ec } }).root!.certificatePem;
        const failures: CheckFailure[] = checkCaCertificates({ certificate: { property: "caCertificate", value: copies(ca, 40) }, now: NOW });
        expect(failures).to.have.length(11);
        expect(failures[10]!.reason).to.equal("caCertificate: and 29 more problems with the certificates in caCertificate, not listed: fix the ones above and run the preview again.");
        const tooMany = checkCaCertificates({ certificate: { property: "caCertificate", value: copies(ca, 51) }, now: NOW });
        expect(tooMany.map((f) => f.reason)).to.deep.equal(["caCertificate: there are 51 PEM blocks, and at most 50 certificates are read from one input. Give only the certificates this input is for (a chain is usually 2 to 4: the leaf, then its intermediate CA certificates)."]);
    });

    it("should never quote a key pasted among too many certificates, nor let the engine print it", () => {
        const pasted = `${copies(small, 10)}\n${keys.leaf.privateKeyPem}`;
        const failures = checkCertificateBundle({ certificate: { property: CERT, value: pasted }, privateKey: { property: KEY, value: keys.leaf.privateKeyPem }, requireKey: true, now: NOW });
        expect(failures.length).to.be.greaterThan(0);
        expect(failures.map((f) => f.property)).to.deep.equal(failures.map(() => ""));
        expectNoSecretIn(failures.map((f) => f.reason), [keys.leaf.privateKeyPem]);
    });
});
