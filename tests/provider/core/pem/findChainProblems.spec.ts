import { expect } from "chai";
import { findChainProblems, parseCertificateChain } from "../../../../provider/core/pem";
import { generateTestKeys, sm2Chain, testChain, withBrokenSignature, type TestKeys } from "./fixtures";

const problemsOf = (...pems: string[]) => findChainProblems(parseCertificateChain(pems.join("\n")));

describe("core/pem findChainProblems", () => {
    let keys: TestKeys;
    before(() => {
        keys = generateTestKeys();
    });

    it("should accept leaf-first chains, with or without the root, and a lone certificate", () => {
        const chain = testChain(keys);
        expect(problemsOf(chain.chainPem)).to.deep.equal([]);
        expect(problemsOf(chain.fullChainPem)).to.deep.equal([]);
        expect(problemsOf(chain.leaf.certificatePem)).to.deep.equal([]);
        expect(problemsOf(testChain(keys, { selfSigned: true }).leaf.certificatePem)).to.deep.equal([]);
    });

    it("should report a reversed chain", () => {
        const c = testChain(keys);
        expect(problemsOf(c.root!.certificatePem, c.intermediate!.certificatePem, c.leaf.certificatePem)).to.deep.equal([{ kind: "reversed" }]);
        expect(problemsOf(c.intermediate!.certificatePem, c.leaf.certificatePem)).to.deep.equal([{ kind: "reversed" }]);
    });

    it("should report a certificate whose issuer is elsewhere in the bundle", () => {
        const c = testChain(keys);
        expect(problemsOf(c.leaf.certificatePem, c.root!.certificatePem, c.intermediate!.certificatePem)).to.deep.equal([{ kind: "outOfOrder", index: 0, issuerIndex: 2 }]);
    });

    it("should report a next certificate that is not the issuer, when none in the bundle is", () => {
        const mine = testChain(keys);
        const theirs = testChain(keys, { keys: { root: keys.other, intermediate: keys.ec }, intermediateCommonName: "Other Intermediate" });
        expect(problemsOf(mine.leaf.certificatePem, theirs.intermediate!.certificatePem)).to.deep.equal([{ kind: "notIssuer", index: 0 }]);
    });

    it("should report a self-signed certificate followed by others", () => {
        const self = testChain(keys, { selfSigned: true });
        const c = testChain(keys);
        expect(problemsOf(self.leaf.certificatePem, c.intermediate!.certificatePem)).to.deep.equal([{ kind: "selfSignedNotLast", index: 0 }]);
    });

    it("should report duplicates before anything else", () => {
        const c = testChain(keys);
        expect(problemsOf(c.leaf.certificatePem, c.intermediate!.certificatePem, c.intermediate!.certificatePem)).to.deep.equal([{ kind: "duplicate", index: 2, duplicateOf: 1 }]);
    });

    it("should report a signature that does not verify although the names link", () => {
        const c = testChain(keys);
        expect(problemsOf(withBrokenSignature(c.leaf.certificatePem), c.intermediate!.certificatePem, c.root!.certificatePem)).to.deep.equal([{ kind: "badSignature", index: 0 }]);
    });

    describe("SM2 chains (certificates from the openssl CLI)", () => {
        let sm2: Exclude<ReturnType<typeof sm2Chain>, { skip: string }>;
        before(function () {
            const made = sm2Chain();
            if ("skip" in made) {
                console.log(`      (skipped: ${made.skip})`);
                this.skip();
            }
            sm2 = made;
        });

        it("should check the name order of SM2 chains", () => {
            expect(problemsOf(sm2.leaf, sm2.root)).to.deep.equal([]);
            expect(problemsOf(sm2.root, sm2.leaf)).to.deep.equal([{ kind: "reversed" }]);
        });

        it("should not verify SM2 signatures (node 20 cannot do it reliably)", () => {
            expect(problemsOf(withBrokenSignature(sm2.leaf), sm2.root)).to.deep.equal([]);
        });
    });
});
