import { kmsCertificateDefinition } from "../../../provider/alibaba/kmsCertificateProvider";
import { callAlibaba } from "../../../provider/alibaba/client";
import { providers } from "../../../provider";
import { runContract } from "../../support/contract";
import { useEmulator, withEnv } from "../../support/emulator";

describe("alibaba/kmsCertificate: contract", () => {
    const env = useEmulator();
    runContract({
        name: "KmsCertificate",
        provider: providers.KmsCertificate,
        // Without certificateInput: a KmsCertificate is created before its certificate can exist
        // (the CA signs the CSR the create returns), so the contract's "expiry outputs right after
        // create" cannot apply; kmsCertificate.spec.ts checks them after the upload.
        definition: { inputs: kmsCertificateDefinition.inputs, idOutput: kmsCertificateDefinition.idOutput },
        validInputs: () => ({
            keySpec: "EC_P256",
            subject: "CN=contract.example.com,OU=kms,O=Example Ltd,C=CN",
            subjectAlternativeNames: ["contract.example.com"],
            tags: { env: "test" },
        }),
        updateInPlace: { tags: { env: "prod", team: "pki" } },
        replacement: () => ({ subject: "CN=renewed.example.com,OU=kms,O=Example Ltd,C=CN" }),
        unrecoverable: [],
        // KmsCertificate has no secret input; the failures must still name their property.
        invalidWithSecrets: () => ({ keySpec: "RSA_4096", subject: "CN=a.example.com,O=Example Ltd" }),
        deleteOutOfBand: async (id) => {
            await callAlibaba("DeleteCertificate", { CertificateId: id }, { idempotent: true });
        },
        storedIds: async () => (await env.admin<{ alibaba: { certificates: Array<{ CertificateId: string }> } }>("GET", "/_emulator/inventory")).alibaba.certificates.map((c) => c.CertificateId),
        useWrongCredentials: () => withEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-alibaba-secret-key-0123" }),
    });
});
