import { providers } from "../../../provider";
import { apigCertificateDefinition } from "../../../provider/huawei/apigCertificateProvider";
import { deleteApigCertificate } from "../../../provider/huawei/certificates";
import { runContract } from "../../support/contract";
import { useEmulator, withEnv } from "../../support/emulator";
import { testChain, testKeys } from "../../support/pki";

describe("huawei/apigCertificate: contract", () => {
    const env = useEmulator();
    const chain = testChain("contract.example.com");
    runContract({
        name: "ApigCertificate",
        provider: providers.ApigCertificate,
        definition: apigCertificateDefinition,
        validInputs: () => ({ certContent: chain.chainPem, privateKey: chain.leaf.privateKeyPem }),
        // A rename and a renewal (same key, new serial): both one full-body PUT.
        updateInPlace: { name: "renamed_cert" },
        replacement: () => ({ type: "instance", instanceId: "f0fa1789-3b76-433b-a787-9892951c620e" }),
        unrecoverable: ["certContent", "privateKey"],
        invalidWithSecrets: () => ({ certContent: chain.chainPem, privateKey: testKeys().other.privateKeyPem }),
        deleteOutOfBand: (id) => deleteApigCertificate(id),
        storedIds: async () => (await env.admin<{ huawei: { certificates: Array<{ id: string }> } }>("GET", "/_emulator/inventory")).huawei.certificates.map((c) => c.id),
        useWrongCredentials: () => withEnv({ HW_SECRET_KEY: "wrong-huawei-secret-key-0123" }),
    });
});
