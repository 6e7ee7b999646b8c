import { createPrivateKey, X509Certificate } from "node:crypto";
import { expect } from "chai";
import { generateKey, makeCertificateChain, type KeyPairPem } from "../../../emulator/pki";
import { epochSeconds, hasOpenssl, openssl } from "./openssl";

const DAY = 86_400_000;

describe("emulator/pki makeCertificateChain", () => {
    const now = new Date("2026-06-01T12:00:00.250Z");
    let keys: { root: KeyPairPem; intermediate: KeyPairPem; leaf: KeyPairPem };
    before(() => {
        keys = { root: generateKey(), intermediate: generateKey(), leaf: generateKey() };
    });

    it("should build root → intermediate → leaf, each issued and signed by the next (node:crypto)", () => {
        const chain = makeCertificateChain({ keys, now, commonName: "shop.example.com", sans: ["shop.example.com", "www.shop.example.com"] });
        const leaf = new X509Certificate(chain.leaf.certificatePem);
        const inter = new X509Certificate(chain.intermediate!.certificatePem);
        const root = new X509Certificate(chain.root!.certificatePem);
        expect(leaf.checkIssued(inter)).to.equal(true);
        expect(leaf.verify(inter.publicKey)).to.equal(true);
        expect(inter.checkIssued(root)).to.equal(true);
        expect(inter.verify(root.publicKey)).to.equal(true);
        expect(root.verify(root.publicKey)).to.equal(true);
        expect([leaf.ca, inter.ca, root.ca]).to.deep.equal([false, true, true]);
        expect(leaf.subject).to.equal("CN=shop.example.com");
        expect(leaf.subjectAltName).to.equal("DNS:shop.example.com, DNS:www.shop.example.com");
        expect(leaf.checkPrivateKey(createPrivateKey(chain.leaf.privateKeyPem))).to.equal(true);
        expect(chain.leaf.privateKeyPem).to.equal(keys.leaf.privateKeyPem);
    });

    it("should join the PEMs leaf first, with no trailing newline", () => {
        const chain = makeCertificateChain({ keys, now });
        expect(chain.chainPem).to.equal(`${chain.leaf.certificatePem}\n${chain.intermediate!.certificatePem}`);
        expect(chain.fullChainPem).to.equal(`${chain.chainPem}\n${chain.root!.certificatePem}`);
        expect(chain.caChainPem).to.equal(`${chain.intermediate!.certificatePem}\n${chain.root!.certificatePem}`);
        // node:crypto reads the first certificate of a bundle: the leaf.
        expect(new X509Certificate(chain.chainPem).subject).to.equal("CN=www.example.com");
    });

    it("should default the leaf window to now-1h .. now+90d, in whole seconds, derived from the clock", () => {
        const chain = makeCertificateChain({ keys, now });
        expect(chain.leaf.notBefore.toISOString()).to.equal("2026-06-01T11:00:00.000Z");
        expect(chain.leaf.notAfter.toISOString()).to.equal(new Date(Date.parse("2026-06-01T12:00:00Z") + 90 * DAY).toISOString());
        const leaf = new X509Certificate(chain.leaf.certificatePem);
        expect(new Date(leaf.validFrom).getTime()).to.equal(chain.leaf.notBefore.getTime());
        expect(new Date(leaf.validTo).getTime()).to.equal(chain.leaf.notAfter.getTime());
        // CAs cover the leaf window.
        expect(chain.root!.notBefore.getTime()).to.be.lessThan(chain.leaf.notBefore.getTime());
        expect(chain.root!.notAfter.getTime()).to.be.greaterThan(chain.leaf.notAfter.getTime());
    });

    it("should make expired and not-yet-valid leaves, and honour explicit dates", () => {
        const expired = makeCertificateChain({ keys, now, validity: "expired" });
        expect(expired.leaf.notAfter.getTime()).to.be.lessThan(now.getTime());
        const future = makeCertificateChain({ keys, now, validity: "notYetValid" });
        expect(future.leaf.notBefore.getTime()).to.be.greaterThan(now.getTime());
        const explicit = makeCertificateChain({ keys, now, notBefore: new Date("2026-05-01T00:00:00Z"), notAfter: new Date("2026-05-02T00:00:00Z") });
        expect(new X509Certificate(explicit.leaf.certificatePem).validTo).to.equal("May  2 00:00:00 2026 GMT");
    });

    it("should make a self-signed leaf with no CAs", () => {
        const chain = makeCertificateChain({ keys, now, selfSigned: true });
        const leaf = new X509Certificate(chain.leaf.certificatePem);
        expect(chain.root).to.equal(undefined);
        expect(chain.intermediate).to.equal(undefined);
        expect(chain.chainPem).to.equal(chain.leaf.certificatePem);
        expect(chain.caChainPem).to.equal("");
        expect(leaf.issuer).to.equal(leaf.subject);
        expect(leaf.verify(leaf.publicKey)).to.equal(true);
        // A server certificate, not a CA: so OpenSSL's checkIssued (which wants keyCertSign) says no.
        expect(leaf.ca).to.equal(false);
        expect(leaf.checkIssued(leaf)).to.equal(false);
    });

    it("should skip the intermediate on request", () => {
        const chain = makeCertificateChain({ keys, now, intermediate: false });
        expect(chain.intermediate).to.equal(undefined);
        expect(chain.chainPem).to.equal(chain.leaf.certificatePem);
        expect(new X509Certificate(chain.leaf.certificatePem).checkIssued(new X509Certificate(chain.root!.certificatePem))).to.equal(true);
    });

    it("should build EC chains from a key spec", () => {
        const chain = makeCertificateChain({ now, keySpec: { algorithm: "EC", curve: "P-256" } });
        const leaf = new X509Certificate(chain.leaf.certificatePem);
        expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).to.equal("prime256v1");
        expect(leaf.verify(new X509Certificate(chain.intermediate!.certificatePem).publicKey)).to.equal(true);
    });

    describe("checked by the openssl CLI", () => {
        before(function () {
            if (!hasOpenssl()) this.skip();
        });

        const verify = (chain: ReturnType<typeof makeCertificateChain>, at: Date) =>
            openssl(["verify", "-attime", epochSeconds(at), "-purpose", "sslserver", "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem"], {
                "root.pem": chain.root!.certificatePem,
                "inter.pem": chain.intermediate!.certificatePem,
                "leaf.pem": chain.leaf.certificatePem,
            });

        it("should verify a valid RSA chain", () => {
            const result = verify(makeCertificateChain({ keys, now }), now);
            expect(result.ok, result.stdout + result.stderr).to.equal(true);
            expect(result.stdout).to.contain("leaf.pem: OK");
        });

        it("should verify a valid EC P-384 chain", () => {
            const result = verify(makeCertificateChain({ now, keySpec: { algorithm: "EC", curve: "P-384" } }), now);
            expect(result.ok, result.stdout + result.stderr).to.equal(true);
        });

        it("should report the expired and not-yet-valid leaves as such", () => {
            const expired = verify(makeCertificateChain({ keys, now, validity: "expired" }), now);
            expect(expired.ok).to.equal(false);
            expect(expired.stdout + expired.stderr).to.contain("certificate has expired");
            const future = verify(makeCertificateChain({ keys, now, validity: "notYetValid" }), now);
            expect(future.ok).to.equal(false);
            expect(future.stdout + future.stderr).to.contain("certificate is not yet valid");
        });

        it("should verify the full chain file as one bundle", () => {
            const chain = makeCertificateChain({ keys, now });
            const result = openssl(["verify", "-attime", epochSeconds(now), "-CAfile", "root.pem", "-untrusted", "chain.pem", "chain.pem"], {
                "root.pem": chain.root!.certificatePem,
                "chain.pem": chain.chainPem,
            });
            expect(result.ok, result.stdout + result.stderr).to.equal(true);
        });
    });
});
