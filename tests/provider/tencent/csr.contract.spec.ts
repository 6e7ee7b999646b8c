import { callTencent } from "../../../provider/tencent/client";
import { tencentCsrDefinition } from "../../../provider/tencent/csrProvider";
import { providers } from "../../../provider";
import { runContract } from "../../support/contract";
import { useEmulator, withEnv } from "../../support/emulator";

const subject = {
    domain: "contract.example.com",
    organization: "Example Ltd",
    department: "Platform",
    email: "pki@example.com",
    province: "Guangdong",
    city: "Shenzhen",
    country: "CN",
    encryptAlgo: "ECC",
    keyParameter: "prime256v1",
};

describe("tencent/csr: contract", () => {
    const env = useEmulator();
    runContract({
        name: "TencentCsr",
        provider: providers.TencentCsr,
        definition: tencentCsrDefinition,
        // A draft, so that fields change in place.
        validInputs: () => ({ ...subject, generate: false, keyPassword: "csr-key-password", tags: { env: "test" } }),
        updateInPlace: { remark: "renamed", city: "Guangzhou" },
        replacement: () => ({ tags: { env: "prod" } }),
        unrecoverable: ["keyPassword"],
        invalidWithSecrets: () => ({ ...subject, country: "China", keyPassword: "x".repeat(129) }),
        deleteOutOfBand: async (id) => {
            await callTencent("ssl", "BatchDeleteCSR", { CSRIds: [Number(id)] }, { idempotent: true });
        },
        storedIds: async () => (await env.admin<{ tencent: { csrs: Array<{ Id: number }> } }>("GET", "/_emulator/inventory")).tencent.csrs.map((c) => String(c.Id)),
        useWrongCredentials: () => withEnv({ TENCENTCLOUD_SECRET_KEY: "wrong-tencent-secret-key-0123" }),
    });
});
