import { expect } from "chai";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { X509Certificate } from "node:crypto";
import { providers } from "../../../provider";
import { PartialCreateError } from "../../../provider/core/errors";
import type { KmsCertificateOutputs } from "../../../provider/alibaba/kmsCertificateProvider";
import { useEmulator } from "../../support/emulator";
import { signKmsCsr } from "../../support/kms";
import { generateKey } from "../../../emulator/pki";
import { testChain } from "../../support/pki";

/** KmsCertificate driven through the provider, as the engine would, against the emulator. */

type Bag = Record<string, unknown>;
// Driven untyped, as the engine drives it: inputs and state are property bags.
const provider = providers.KmsCertificate as unknown as Required<dynamic.ResourceProvider>;

describe("alibaba/kmsCertificate", function () {
    this.timeout(60_000);
    const env = useEmulator();

    async function checked(olds: Bag, news: Bag): Promise<Bag> {
        const res = await provider.check(olds, news);
        expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
        return res.inputs as Bag;
    }

    async function stored(): Promise<Array<{ CertificateId: string; Status: string; Tags: unknown[] }>> {
        return (await env.admin<{ alibaba: { certificates: Array<{ CertificateId: string; Status: string; Tags: unknown[] }> } }>("GET", "/_emulator/inventory")).alibaba.certificates;
    }

    const base = (cn: string, keySpec: string): Bag => ({ keySpec, subject: `CN=${cn}, OU=kms, O=Example Ltd, C=CN`, subjectAlternativeNames: [cn] });

    for (const keySpec of ["RSA_2048", "EC_P256", "EC_SM2"]) {
        it(`${keySpec}: create (CSR) -> CA signs -> upload -> status -> tags -> read -> delete`, async () => {
            const cn = `${keySpec.toLowerCase().replace("_", "-")}.example.com`;
            const first = await checked({}, base(cn, keySpec));
            expect(first.subject).to.equal(`CN=${cn},OU=kms,O=Example Ltd,C=CN`);
            expect(first.exportablePrivateKey).to.equal(false);
            const created = await provider.create(first);
            const outs = created.outs as KmsCertificateOutputs;
            expect(outs.certificateStatus).to.equal("PENDING");
            expect(outs.csr).to.contain("BEGIN CERTIFICATE REQUEST");
            expect(outs.arn).to.contain(created.id);
            expect(outs.exportablePrivateKey).to.equal(false);
            expect(outs.notAfter).to.equal("");

            const signed = signKmsCsr(outs.csr);
            const withCert = await checked(first, { ...base(cn, keySpec), certificate: signed.certificate, certificateChain: signed.chain });
            const diff = await provider.diff(created.id, created.outs, withCert);
            expect(diff.changes).to.equal(true);
            expect(diff.replaces ?? []).to.deep.equal([]);
            const uploaded = (await provider.update(created.id, created.outs, withCert)).outs as KmsCertificateOutputs;
            const leaf = new X509Certificate(signed.certificate);
            expect(uploaded.certificateStatus).to.equal("ACTIVE");
            expect(uploaded.status).to.equal("ACTIVE");
            expect(uploaded.serial).to.equal(leaf.serialNumber.toLowerCase());
            expect(uploaded.serialNumber).to.equal(leaf.serialNumber);
            expect(uploaded.issuer).to.match(/^CN=/);
            expect(Date.parse(uploaded.notAfter)).to.equal(Date.parse(leaf.validTo));
            expect(uploaded.fingerprintSha256).to.match(/^[0-9A-F]{64}$/);
            expect((await provider.diff(created.id, uploaded, withCert)).changes).to.equal(false);

            const inactive = await checked(withCert, { ...base(cn, keySpec), certificate: signed.certificate, certificateChain: signed.chain, status: "INACTIVE" });
            expect((await provider.diff(created.id, uploaded, inactive)).replaces ?? []).to.deep.equal([]);
            const disabled = (await provider.update(created.id, uploaded, inactive)).outs as KmsCertificateOutputs;
            expect(disabled.certificateStatus).to.equal("INACTIVE");

            const tagged = await checked(inactive, { ...base(cn, keySpec), certificate: signed.certificate, certificateChain: signed.chain, status: "INACTIVE", tags: { env: "prod" } });
            const withTags = (await provider.update(created.id, disabled, tagged)).outs as KmsCertificateOutputs;
            expect(withTags.tags).to.deep.equal({ env: "prod" });
            expect((await stored())[0]!.Tags).to.deep.equal([{ TagKey: "env", TagValue: "prod" }]);

            const read = await provider.read(created.id, withTags);
            expect(read.id).to.equal(created.id);
            expect((await provider.diff(created.id, read.props as Bag, tagged)).changes).to.equal(false);

            await provider.delete(created.id, withTags);
            expect(await stored()).to.deep.equal([]);
        });
    }

    it("a certificate for another key is refused before UploadCertificate is called", async () => {
        const inputs = await checked({}, base("mismatch.example.com", "EC_P256"));
        const created = await provider.create(inputs);
        // Armed so that any UploadCertificate call would show: the refusal must come first.
        await env.admin("POST", "/_emulator/faults", [{ vendor: "alibaba", action: "UploadCertificate", kind: "http", status: 500, count: 100 }]);
        const other = testChain("mismatch.example.com", { keys: { leaf: generateKey({ algorithm: "EC", curve: "P-256" }) } });
        const news = await checked(inputs, { ...base("mismatch.example.com", "EC_P256"), certificate: other.leaf.certificatePem, certificateChain: `${other.intermediate!.certificatePem}\n${other.root!.certificatePem}` });
        const err = (await provider.update(created.id, created.outs, news).catch((e: unknown) => e)) as Error;
        expect(err).to.be.instanceOf(Error);
        expect(err.message).to.match(/public key differs from the CSR's/);
        expect(await env.faultsFired("UploadCertificate")).to.equal(0);
        expect((await stored())[0]!.Status).to.equal("PENDING");
    });

    it("a chain out of order is refused by check, and again before the call if it gets that far", async () => {
        const inputs = await checked({}, base("order.example.com", "EC_P256"));
        const created = await provider.create(inputs);
        const signed = signKmsCsr((created.outs as KmsCertificateOutputs).csr);
        const reversed = { ...base("order.example.com", "EC_P256"), certificate: signed.certificate, certificateChain: `${signed.root}\n${signed.intermediate}\n` };
        const res = await provider.check(inputs, reversed);
        expect((res.failures ?? []).map((f) => f.property)).to.include("certificateChain");
        await env.admin("POST", "/_emulator/faults", [{ vendor: "alibaba", action: "UploadCertificate", kind: "http", status: 500, count: 100 }]);
        const err = (await provider.update(created.id, created.outs, { ...inputs, ...reversed }).catch((e: unknown) => e)) as Error;
        expect(err.message).to.match(/certificateChain is not in order/);
        expect(await env.faultsFired("UploadCertificate")).to.equal(0);
    });

    it("check names the property for a bad subject, country, SANs, status without certificate and key-type mismatch", async () => {
        const signed = testChain("rsa.example.com");
        const res = await provider.check({}, {
            keySpec: "EC_P256",
            subject: "CN=x.example.com,OU=kms,O=Example,C=cn",
            subjectAlternativeNames: Array.from({ length: 11 }, (_, i) => `h${i}.example.com`),
            status: "ACTIVE",
        });
        const reasons = (res.failures ?? []).map((f) => `${f.property}: ${f.reason}`);
        expect(reasons.some((r) => /^subject: .*did you mean "CN"/.test(r))).to.equal(true);
        expect(reasons.some((r) => /^subjectAlternativeNames: .*at most 10/.test(r))).to.equal(true);
        expect(reasons.some((r) => /^status: .*only with certificate/.test(r))).to.equal(true);
        const wrongType = await provider.check({}, { ...base("rsa.example.com", "EC_P256"), certificate: signed.leaf.certificatePem });
        expect((wrongType.failures ?? []).map((f) => f.property)).to.include("keySpec");
    });

    it("a failure after CreateCertificate (tagging) is a partial create that the next update finishes; delete leaves nothing", async () => {
        const inputs = await checked({}, { ...base("partial.example.com", "EC_P256"), tags: { env: "test" } });
        await env.admin("POST", "/_emulator/faults", [{ vendor: "alibaba", action: "TagResource", kind: "http", status: 400, count: 1 }]);
        const err = (await provider.create(inputs).catch((e: unknown) => e)) as PartialCreateError;
        expect(err).to.be.instanceOf(PartialCreateError);
        expect(await env.faultsFired("TagResource")).to.equal(1);
        const [orphan] = await stored();
        expect(err.id).to.equal(orphan!.CertificateId);
        expect(orphan!.Tags).to.deep.equal([]);
        const state = err.properties as Bag;
        // The engine updates a resource recorded with an init error on the next `up` whatever the diff;
        // a refresh in between shows the missing tags as a change too.
        const refreshed = await provider.read(err.id, state);
        expect((await provider.diff(err.id, refreshed.props as Bag, inputs)).changes).to.equal(true);
        const finished = (await provider.update(err.id, state, inputs)).outs as KmsCertificateOutputs;
        expect(finished.tags).to.deep.equal({ env: "test" });
        expect(await stored()).to.have.length(1);
        await provider.delete(err.id, finished);
        expect(await stored()).to.deep.equal([]);
    });

    it("a lost CreateCertificate reply is never retried: the error says the outcome is unknown, names the subject and time, and the next update makes no second certificate", async () => {
        const inputs = await checked({}, base("lost.example.com", "EC_P256"));
        await env.admin("POST", "/_emulator/faults", [{ vendor: "alibaba", action: "CreateCertificate", kind: "reset", when: "after", count: 1 }]);
        const err = (await provider.create(inputs).catch((e: unknown) => e)) as PartialCreateError;
        expect(err).to.be.instanceOf(PartialCreateError);
        expect(err.message).to.contain('subject "CN=lost.example.com,OU=kms,O=Example Ltd,C=CN"');
        expect(err.message).to.match(/cannot be checked/);
        expect(err.message).to.match(/at about \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
        expect(err.message).to.match(/DeleteCertificate/);
        expect(err.message).to.match(/pulumi state delete/);
        expect(await stored()).to.have.length(1);
        const again = (await provider.update(err.id, err.properties, inputs).catch((e: unknown) => e)) as Error;
        expect(again.message).to.match(/cannot be checked/);
        expect(await stored(), "no second certificate").to.have.length(1);
    });
    it("sends ExportablePrivateKey=false unless asked, and ProtectionLevel only when set", async () => {
        const plain = await provider.create(await checked({}, base("plain.example.com", "EC_P256")));
        const hsm = await provider.create(await checked({}, { ...base("hsm.example.com", "EC_P256"), exportablePrivateKey: true, protectionLevel: "HSM" }));
        const byId = new Map((await env.admin<{ alibaba: { certificates: Array<{ CertificateId: string; ExportablePrivateKey: boolean; ProtectionLevel: string | null }> } }>("GET", "/_emulator/inventory")).alibaba.certificates.map((c) => [c.CertificateId, c]));
        expect(byId.get(plain.id)).to.include({ ExportablePrivateKey: false, ProtectionLevel: null });
        expect(byId.get(hsm.id)).to.include({ ExportablePrivateKey: true, ProtectionLevel: "HSM" });
        expect((await provider.diff(hsm.id, hsm.outs, await checked({}, { ...base("hsm.example.com", "EC_P256"), exportablePrivateKey: true, protectionLevel: "SOFTWARE" }))).replaces).to.deep.equal(["protectionLevel"]);
    });

    it("check wants the leaf alone in certificate, and a chain only with a certificate", async () => {
        const chain = testChain("bundle.example.com", { keys: { leaf: generateKey({ algorithm: "EC", curve: "P-256" }) } });
        const bundled = await provider.check({}, { ...base("bundle.example.com", "EC_P256"), certificate: chain.chainPem });
        expect((bundled.failures ?? []).map((f) => `${f.property}: ${f.reason}`).join("\n")).to.match(/^certificate: .*leaf alone/m);
        const chainOnly = await provider.check({}, { ...base("bundle.example.com", "EC_P256"), certificateChain: chain.caChainPem });
        expect((chainOnly.failures ?? []).map((f) => f.property)).to.deep.equal(["certificateChain"]);
    });

    it("REVOKED is final: asking for ACTIVE again fails saying to replace the resource", async () => {
        const inputs = await checked({}, base("revoked.example.com", "EC_P256"));
        const created = await provider.create(inputs);
        const signed = signKmsCsr((created.outs as KmsCertificateOutputs).csr);
        const revoked = await checked(inputs, { ...base("revoked.example.com", "EC_P256"), certificate: signed.certificate, certificateChain: signed.chain, status: "REVOKED" });
        const outs = (await provider.update(created.id, created.outs, revoked)).outs as KmsCertificateOutputs;
        expect(outs.certificateStatus).to.equal("REVOKED");
        const active = await checked(revoked, { ...base("revoked.example.com", "EC_P256"), certificate: signed.certificate, certificateChain: signed.chain, status: "ACTIVE" });
        const err = (await provider.update(created.id, outs, active).catch((e: unknown) => e)) as Error;
        expect(err.message).to.match(/REVOKED, which cannot be undone.*--replace/);
    });
    it("a replacement keeps nothing of the old key: its create refuses the old certificate (a partial create), and signing the new CSR finishes it", async () => {
        const oldInputs = await checked({}, base("rotate.example.com", "EC_P256"));
        const old = await provider.create(oldInputs);
        const oldSigned = signKmsCsr((old.outs as KmsCertificateOutputs).csr);
        const withCert = await checked(oldInputs, { ...base("rotate.example.com", "EC_P256"), certificate: oldSigned.certificate, certificateChain: oldSigned.chain });
        const uploaded = (await provider.update(old.id, old.outs, withCert)).outs;
        // A new subject replaces the certificate: a new key pair and CSR, made before the old one goes.
        const next = await checked({}, { ...base("rotate.example.com", "EC_P256"), subject: "CN=rotate.example.com,OU=kms2,O=Example Ltd,C=CN", certificate: oldSigned.certificate, certificateChain: oldSigned.chain });
        expect((await provider.diff(old.id, uploaded, next)).replaces).to.deep.equal(["subject"]);
        const err = (await provider.create(next).catch((e: unknown) => e)) as PartialCreateError;
        expect(err).to.be.instanceOf(PartialCreateError);
        expect(err.message).to.match(/public key differs from the CSR's/);
        const fresh = (await stored()).find((c) => c.CertificateId === err.id)!;
        expect(fresh.Status).to.equal("PENDING");
        const newSigned = signKmsCsr((await provider.read(err.id, err.properties)).props.csr as string);
        const fixed = await checked(next, { ...base("rotate.example.com", "EC_P256"), subject: "CN=rotate.example.com,OU=kms2,O=Example Ltd,C=CN", certificate: newSigned.certificate, certificateChain: newSigned.chain });
        const finished = (await provider.update(err.id, err.properties, fixed)).outs as KmsCertificateOutputs;
        expect(finished.certificateStatus).to.equal("ACTIVE");
        await provider.delete(old.id, uploaded);
        await provider.delete(err.id, finished);
        expect(await stored()).to.deep.equal([]);
    });
});
