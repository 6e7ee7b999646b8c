import { kmsCertificateUploadDefinition } from "../../../provider/alibaba/kmsCertificateUploadProvider";
import { callAlibaba } from "../../../provider/alibaba/client";
import { providers } from "../../../provider";
import { runContract } from "../../support/contract";
import { useEmulator, withEnv } from "../../support/emulator";
import { signKmsCsr, type SignedKmsCertificate } from "../../support/kms";

/** A KmsCertificate (made through the API) and certificates a CA signed for its CSR. */
interface Target {
    readonly id: string;
    readonly signed: SignedKmsCertificate;
    readonly renewed: SignedKmsCertificate;
}

describe("alibaba/kmsCertificateUpload: contract", () => {
    const env = useEmulator({ resetBeforeEach: false });
    let counter = 0;
    let current: Target;
    let next: Target;

    async function target(): Promise<Target> {
        const cn = `upload-${++counter}.contract.example.com`;
        const res = await callAlibaba<{ CertificateId: string; Csr: string }>(
            "CreateCertificate",
            { KeySpec: "EC_P256", Subject: `CN=${cn},OU=kms,O=Example Ltd,C=CN`, ExportablePrivateKey: "false" },
            { idempotent: false },
        );
        return { id: res.CertificateId, signed: signKmsCsr(res.Csr), renewed: signKmsCsr(res.Csr, { days: 120 }) };
    }

    // Each test uploads to fresh KMS certificates: an upload cannot be taken back, so one already
    // done would hide the next.
    beforeEach(async () => {
        current = await target();
        next = await target();
    });

    const inputsFor = (t: Target) => ({ certificateId: t.id, certificate: t.signed.certificate, certificateChain: t.signed.chain });

    runContract({
        name: "KmsCertificateUpload",
        provider: providers.KmsCertificateUpload,
        definition: kmsCertificateUploadDefinition,
        validInputs: () => inputsFor(current),
        get updateInPlace() {
            return { certificate: current.renewed.certificate.trim() };
        },
        replacement: () => inputsFor(next),
        unrecoverable: [],
        // No secret input; the failures must still name their property.
        invalidWithSecrets: () => ({ certificateId: "", certificate: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" }),
        deleteOutOfBand: async (id) => {
            await callAlibaba("DeleteCertificate", { CertificateId: id }, { idempotent: true });
        },
        // The KMS certificates holding an uploaded certificate.
        storedIds: async () =>
            (await env.admin<{ alibaba: { certificates: Array<{ CertificateId: string; Status: string }> } }>("GET", "/_emulator/inventory")).alibaba.certificates
                .filter((c) => c.Status !== "PENDING")
                .map((c) => c.CertificateId),
        // Deleting an upload leaves the certificate with its KmsCertificate: KMS cannot take it back.
        deleteRemoves: false,
        useWrongCredentials: () => withEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-alibaba-secret-key-0123" }),
    });
});
