import { callScloud } from "../../../provider/scloud/client";
import { scloudSslDefinition } from "../../../provider/scloud/sslProvider";
import { providers } from "../../../provider";
import { runContract } from "../../support/contract";
import { useEmulator, withEnv } from "../../support/emulator";
import { testChain, testKeys } from "../../support/pki";

describe("scloud/ssl: contract", () => {
    const env = useEmulator();
    const chain = testChain("contract.example.com");
    runContract({
        name: "ScloudSsl",
        provider: providers.ScloudSsl,
        definition: scloudSslDefinition,
        validInputs: () => ({ userCert: chain.leaf.certificatePem, privateKey: chain.leaf.privateKeyPem, caCert: chain.caChainPem }),
        // The only in-place change SCloud has (UpdateSSLAttribute).
        updateInPlace: { sslName: "renamed-in-place" },
        // A renewal: same name, new serial number.
        replacement: () => {
            const renewed = testChain("contract.example.com");
            return { userCert: renewed.leaf.certificatePem, caCert: renewed.caChainPem };
        },
        // DescribeSSL returns the key in SSLContent, but this provider never keeps it.
        unrecoverable: ["privateKey"],
        invalidWithSecrets: () => ({ userCert: chain.leaf.certificatePem, privateKey: testKeys().other.privateKeyPem, caCert: chain.caChainPem }),
        deleteOutOfBand: async (id) => {
            await callScloud("DeleteSSL", { SSLId: id }, { idempotent: true });
        },
        storedIds: async () => (await env.admin<{ scloud: { ssls: Array<{ SSLId: string }> } }>("GET", "/_emulator/inventory")).scloud.ssls.map((s) => s.SSLId),
        useWrongCredentials: () => withEnv({ SCLOUD_PRIVATE_KEY: "wrong-scloud-private-key-0123" }),
    });
});
