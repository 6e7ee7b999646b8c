import { expect } from "chai";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { providers } from "../../../provider";
import { PartialCreateError } from "../../../provider/core/errors";
import type { KmsCertificateOutputs } from "../../../provider/alibaba/kmsCertificateProvider";
import type { KmsCertificateUploadOutputs } from "../../../provider/alibaba/kmsCertificateUploadProvider";
import { generateKey } from "../../../emulator/pki";
import { useEmulator } from "../../support/emulator";
import { signKmsCsr } from "../../support/kms";
import { testChain } from "../../support/pki";

/** KmsCertificateUpload beside the KmsCertificate it uploads to, driven as the engine drives them. */

type Bag = Record<string, unknown>;
const kms = providers.KmsCertificate as unknown as Required<dynamic.ResourceProvider>;
const upload = providers.KmsCertificateUpload as unknown as Required<dynamic.ResourceProvider>;

describe("alibaba/kmsCertificateUpload", function () {
    this.timeout(60_000);
    const env = useEmulator();

    async function checked(provider: Required<dynamic.ResourceProvider>, olds: Bag, news: Bag): Promise<Bag> {
        const res = await provider.check(olds, news);
        expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
        return res.inputs as Bag;
    }
    const stored = async () =>
        (await env.admin<{ alibaba: { certificates: Array<{ CertificateId: string; Status: string; Certificate?: string }> } }>("GET", "/_emulator/inventory")).alibaba.certificates;

    async function kmsCertificate(cn: string, keySpec = "EC_P256"): Promise<{ inputs: Bag; id: string; outs: KmsCertificateOutputs }> {
        const inputs = await checked(kms, {}, { keySpec, subject: `CN=${cn},OU=kms,O=Example Ltd,C=CN`, subjectAlternativeNames: [cn] });
        const created = await kms.create(inputs);
        return { inputs, id: created.id, outs: created.outs as KmsCertificateOutputs };
    }

    for (const keySpec of ["RSA_2048", "EC_P256", "EC_SM2"]) {
        it(`${keySpec}: the CSR of a KmsCertificate, signed, is uploaded by a second resource; the KmsCertificate sees no change; delete leaves it to the KmsCertificate`, async () => {
            const cert = await kmsCertificate(`${keySpec.toLowerCase().replace("_", "-")}.upload.example.com`, keySpec);
            const signed = signKmsCsr(cert.outs.csr);
            const inputs = await checked(upload, {}, { certificateId: cert.id, certificate: signed.certificate, certificateChain: signed.chain });
            const created = await upload.create(inputs);
            const outs = created.outs as KmsCertificateUploadOutputs;
            expect(created.id).to.equal(cert.id);
            expect(outs.certificateStatus).to.equal("ACTIVE");
            expect(outs.certificate).to.equal(inputs.certificate);
            expect(outs.csr).to.equal(cert.outs.csr);
            expect(outs.notAfter).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            expect((await stored()).find((c) => c.CertificateId === cert.id)!.Status).to.equal("ACTIVE");

            // The KmsCertificate, which does not manage the certificate itself, sees no drift.
            const refreshed = await kms.read(cert.id, cert.outs);
            expect((refreshed.props as KmsCertificateOutputs).certificateStatus).to.equal("ACTIVE");
            expect((await kms.diff(cert.id, refreshed.props, cert.inputs)).changes).to.equal(false);
            // Nor does the upload, after a refresh.
            const read = await upload.read(created.id, created.outs);
            expect((await upload.diff(created.id, read.props, inputs)).changes).to.equal(false);

            await upload.delete(created.id, created.outs);
            expect((await stored()).map((c) => c.CertificateId)).to.include(cert.id);
            await kms.delete(cert.id, refreshed.props);
            expect(await stored()).to.deep.equal([]);
        });
    }

    it("a renewal for the same CSR updates in place; a certificate changed behind Pulumi's back shows as drift", async () => {
        const cert = await kmsCertificate("renew.upload.example.com");
        const first = signKmsCsr(cert.outs.csr);
        const inputs = await checked(upload, {}, { certificateId: cert.id, certificate: first.certificate, certificateChain: first.chain });
        const created = await upload.create(inputs);
        const renewed = signKmsCsr(cert.outs.csr, { days: 180 });
        const news = await checked(upload, inputs, { certificateId: cert.id, certificate: renewed.certificate, certificateChain: renewed.chain });
        const diff = await upload.diff(created.id, created.outs, news);
        expect(diff.changes).to.equal(true);
        expect(diff.replaces ?? []).to.deep.equal([]);
        const updated = (await upload.update(created.id, created.outs, news)).outs as KmsCertificateUploadOutputs;
        expect(updated.certificate).to.equal(news.certificate);
        expect(Date.parse(updated.notAfter) - Date.parse((created.outs as KmsCertificateUploadOutputs).notAfter)).to.be.greaterThan(80 * 86_400_000);

        // Someone uploads the first certificate again: a refresh shows it, and the next update puts ours back.
        await kms.update(cert.id, cert.outs, { ...cert.inputs, certificate: first.certificate, certificateChain: first.chain });
        const drifted = await upload.read(created.id, updated);
        expect((await upload.diff(created.id, drifted.props, news)).changes).to.equal(true);
        const restored = (await upload.update(created.id, drifted.props as Bag, news)).outs as KmsCertificateUploadOutputs;
        expect(restored.serialNumber).to.equal(updated.serialNumber);
        await kms.delete(cert.id, cert.outs);
    });

    it("status is set after the upload, changes in place, and REVOKED is final; unset, what KMS reports is no change", async () => {
        const cert = await kmsCertificate("status.upload.example.com");
        const signed = signKmsCsr(cert.outs.csr);
        const given = { certificateId: cert.id, certificate: signed.certificate, certificateChain: signed.chain };
        const inactive = await checked(upload, {}, { ...given, status: "INACTIVE" });
        const created = await upload.create(inactive);
        expect((created.outs as KmsCertificateUploadOutputs).certificateStatus).to.equal("INACTIVE");
        expect((await stored()).find((c) => c.CertificateId === cert.id)!.Status).to.equal("INACTIVE");
        const unset = await checked(upload, inactive, given);
        expect((await upload.diff(created.id, created.outs, unset)).changes).to.equal(false);
        const revoked = await checked(upload, inactive, { ...given, status: "REVOKED" });
        expect((await upload.diff(created.id, created.outs, revoked)).replaces ?? []).to.deep.equal([]);
        const outs = (await upload.update(created.id, created.outs, revoked)).outs as KmsCertificateUploadOutputs;
        expect(outs.certificateStatus).to.equal("REVOKED");
        const again = await checked(upload, revoked, { ...given, status: "ACTIVE" });
        const err = (await upload.update(created.id, outs, again).catch((e: unknown) => e)) as Error;
        expect(err.message).to.match(/REVOKED, which cannot be undone/);
        expect((await upload.check({}, { ...given, status: "ENABLED" })).failures![0]!.property).to.equal("status");
        await kms.delete(cert.id, cert.outs);
    });

    it("a certificate for another key is refused before UploadCertificate; a wrong certificateId is named", async () => {
        const cert = await kmsCertificate("mismatch.upload.example.com");
        await env.admin("POST", "/_emulator/faults", [{ vendor: "alibaba", action: "UploadCertificate", kind: "http", status: 500, count: 100 }]);
        const other = testChain("mismatch.upload.example.com", { keys: { leaf: generateKey({ algorithm: "EC", curve: "P-256" }) } });
        const inputs = await checked(upload, {}, { certificateId: cert.id, certificate: other.leaf.certificatePem, certificateChain: other.caChainPem });
        const err = (await upload.create(inputs).catch((e: unknown) => e)) as PartialCreateError;
        expect(err).to.be.instanceOf(PartialCreateError);
        expect(err.message).to.match(/KmsCertificateUpload: certificate is not for this KMS certificate's key pair/);
        expect(await env.faultsFired("UploadCertificate")).to.equal(0);
        await env.admin("DELETE", "/_emulator/faults");

        const missing = await checked(upload, {}, { ...inputs, certificateId: "0a1b2c3d-0000-4000-8000-000000000000" });
        const notFound = (await upload.create(missing).catch((e: unknown) => e)) as Error;
        expect(notFound).not.to.be.instanceOf(PartialCreateError);
        expect(notFound.message).to.match(/certificateId "0a1b2c3d-0000-4000-8000-000000000000" is not a certificate in KMS/);
        await kms.delete(cert.id, cert.outs);
    });

    it("a failed upload is a partial create the next update finishes", async () => {
        const cert = await kmsCertificate("partial.upload.example.com");
        const signed = signKmsCsr(cert.outs.csr);
        const inputs = await checked(upload, {}, { certificateId: cert.id, certificate: signed.certificate, certificateChain: signed.chain });
        await env.admin("POST", "/_emulator/faults", [{ vendor: "alibaba", action: "UploadCertificate", kind: "http", status: 400, count: 1 }]);
        const err = (await upload.create(inputs).catch((e: unknown) => e)) as PartialCreateError;
        expect(err).to.be.instanceOf(PartialCreateError);
        expect(err.id).to.equal(cert.id);
        expect(await env.faultsFired("UploadCertificate")).to.equal(1);
        const refreshed = await upload.read(err.id, err.properties as Bag);
        expect((await upload.diff(err.id, refreshed.props as Bag, inputs)).changes).to.equal(true);
        const finished = (await upload.update(err.id, err.properties as Bag, inputs)).outs as KmsCertificateUploadOutputs;
        expect(finished.certificateStatus).to.equal("ACTIVE");
        await kms.delete(cert.id, cert.outs);
    });

    it("check names certificateId, certificate and certificateChain", async () => {
        const ca = testChain("check.upload.example.com");
        const cases: Array<[Bag, string, RegExp]> = [
            [{ certificate: ca.leaf.certificatePem }, "certificateId", /certificateId/],
            [{ certificateId: "has space", certificate: ca.leaf.certificatePem }, "certificateId", /KMS CertificateId/],
            [{ certificateId: "abc" }, "certificate", /certificate is required/],
            [{ certificateId: "abc", certificate: ca.chainPem }, "certificate", /several PEM blocks/],
            [{ certificateId: "abc", certificate: ca.leaf.certificatePem, certificateChain: `${ca.root!.certificatePem}\n${ca.intermediate!.certificatePem}` }, "certificateChain", /order/],
            [{ certificateId: "abc", certificate: "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----" }, "certificate", /./],
            [{ certificateId: "abc", certificate: ca.leaf.certificatePem, region: "Hang Zhou" }, "region", /region id/],
        ];
        for (const [news, property, reason] of cases) {
            const res = await upload.check({}, news);
            const failure = (res.failures ?? []).find((f) => f.property === property);
            expect(failure, `${JSON.stringify(news).slice(0, 80)}: ${JSON.stringify(res.failures)}`).to.not.equal(undefined);
            expect(failure!.reason).to.match(reason);
        }
        expect(await stored()).to.deep.equal([]);
    });
});
