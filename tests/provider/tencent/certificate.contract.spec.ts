import { callTencent } from "../../../provider/tencent/client";
import { tencentCertificateDefinition } from "../../../provider/tencent/certificateProvider";
import { providers } from "../../../provider";
import { runContract } from "../../support/contract";
import { useEmulator, withEnv } from "../../support/emulator";
import { testChain, testKeys } from "../../support/pki";

describe("tencent/certificate: contract", () => {
    const env = useEmulator();
    const chain = testChain("contract.example.com");
    runContract({
        name: "TencentCertificate",
        provider: providers.TencentCertificate,
        definition: tencentCertificateDefinition,
        validInputs: () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: chain.leaf.privateKeyPem, tags: { env: "test" } }),
        updateInPlace: { alias: "renamed", projectId: 7, tags: { env: "prod" } },
        // A renewal: same name, new serial number.
        replacement: () => ({ certificatePublicKey: testChain("contract.example.com").chainPem }),
        unrecoverable: ["certificatePrivateKey"],
        invalidWithSecrets: () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: testKeys().other.privateKeyPem, keyPassword: "hunter2-secret" }),
        deleteOutOfBand: async (id) => {
            await callTencent("ssl", "DeleteCertificate", { CertificateId: id }, { idempotent: true });
        },
        storedIds: async () => (await env.admin<{ tencent: { certificates: Array<{ CertificateId: string }> } }>("GET", "/_emulator/inventory")).tencent.certificates.map((c) => c.CertificateId),
        useWrongCredentials: () => withEnv({ TENCENTCLOUD_SECRET_KEY: "wrong-tencent-secret-key-0123" }),
    });
});
