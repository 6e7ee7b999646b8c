import { expect } from "chai";
import { DEFAULT_TENCENT_CREDENTIALS, startEmulator, type Emulator, type EmulatorCredentials } from "../../emulator";
import { credentialVariable } from "../../emulator/core/credentials";
import { tc, type TestClock } from "./support";

/** Written out, not imported: a changed default must fail here, because users and docs rely on these values. */
const DEFAULTS: EmulatorCredentials = {
    tencent: { secretId: "AKIDCLOUDCERTSEMULATOR", secretKey: "cloudcerts-emulator-tencent-key" },
    huawei: { accessKey: "CLOUDCERTSEMULATORHUAWEI", secretKey: "cloudcerts-emulator-huawei-key" },
    alibaba: { accessKeyId: "CLOUDCERTSEMULATORALIBABA", accessKeySecret: "cloudcerts-emulator-alibaba-key" },
    scloud: { publicKey: "cloudcerts-emulator-scloud-public-key", privateKey: "cloudcerts-emulator-scloud-private-key" },
};

async function credentialsFor(options: Parameters<typeof startEmulator>[0]): Promise<EmulatorCredentials> {
    const emulator = await startEmulator(options);
    await emulator.close();
    return emulator.credentials;
}

describe("emulator: credentials", () => {
    it("defaults to fixed fake credentials for all four vendors, named as each vendor names them", async () => {
        expect(await credentialsFor({ env: {} })).to.deep.equal(DEFAULTS);
        expect(DEFAULT_TENCENT_CREDENTIALS).to.deep.equal(DEFAULTS.tencent);
    });

    it("names the variables CLOUDCERTS_EMULATOR_<VENDOR>_<NAME> after the vendor's credential names", () => {
        expect(credentialVariable("tencent", "secretId")).to.equal("CLOUDCERTS_EMULATOR_TENCENT_SECRET_ID");
        expect(credentialVariable("tencent", "secretKey")).to.equal("CLOUDCERTS_EMULATOR_TENCENT_SECRET_KEY");
        expect(credentialVariable("huawei", "accessKey")).to.equal("CLOUDCERTS_EMULATOR_HUAWEI_ACCESS_KEY");
        expect(credentialVariable("alibaba", "accessKeyId")).to.equal("CLOUDCERTS_EMULATOR_ALIBABA_ACCESS_KEY_ID");
        expect(credentialVariable("alibaba", "accessKeySecret")).to.equal("CLOUDCERTS_EMULATOR_ALIBABA_ACCESS_KEY_SECRET");
        expect(credentialVariable("scloud", "privateKey")).to.equal("CLOUDCERTS_EMULATOR_SCLOUD_PRIVATE_KEY");
    });

    it("reads every vendor's credentials from the environment; an empty variable counts as unset", async () => {
        const env = {
            CLOUDCERTS_EMULATOR_TENCENT_SECRET_ID: "AKIDFROMENV",
            CLOUDCERTS_EMULATOR_TENCENT_SECRET_KEY: "env-tencent-key",
            CLOUDCERTS_EMULATOR_TENCENT_TOKEN: "env-token",
            CLOUDCERTS_EMULATOR_HUAWEI_ACCESS_KEY: "ENVHUAWEIAK",
            CLOUDCERTS_EMULATOR_HUAWEI_SECRET_KEY: "env-huawei-sk",
            CLOUDCERTS_EMULATOR_ALIBABA_ACCESS_KEY_ID: "ENVALIBABAID",
            CLOUDCERTS_EMULATOR_ALIBABA_ACCESS_KEY_SECRET: "env-alibaba-secret",
            CLOUDCERTS_EMULATOR_SCLOUD_PUBLIC_KEY: "env-scloud-public",
            CLOUDCERTS_EMULATOR_SCLOUD_PRIVATE_KEY: "",
        };
        expect(await credentialsFor({ env })).to.deep.equal({
            tencent: { secretId: "AKIDFROMENV", secretKey: "env-tencent-key", token: "env-token" },
            huawei: { accessKey: "ENVHUAWEIAK", secretKey: "env-huawei-sk" },
            alibaba: { accessKeyId: "ENVALIBABAID", accessKeySecret: "env-alibaba-secret" },
            scloud: { publicKey: "env-scloud-public", privateKey: DEFAULTS.scloud.privateKey },
        });
    });

    it("options win over the environment, name by name", async () => {
        const env = { CLOUDCERTS_EMULATOR_TENCENT_SECRET_ID: "AKIDFROMENV", CLOUDCERTS_EMULATOR_TENCENT_SECRET_KEY: "env-key", CLOUDCERTS_EMULATOR_HUAWEI_SECRET_KEY: "env-huawei-sk" };
        const credentials = await credentialsFor({ env, credentials: { tencent: { secretId: "AKIDOPTION" }, huawei: { secretKey: "option-sk" } } });
        expect(credentials.tencent).to.deep.equal({ secretId: "AKIDOPTION", secretKey: "env-key" });
        expect(credentials.huawei).to.deep.equal({ accessKey: DEFAULTS.huawei.accessKey, secretKey: "option-sk" });
    });

    it("Tencent accepts the credentials it reports, and only those", async () => {
        const env = { CLOUDCERTS_EMULATOR_TENCENT_SECRET_ID: "AKIDFROMENV", CLOUDCERTS_EMULATOR_TENCENT_SECRET_KEY: "env-key" };
        const emulator: Emulator = await startEmulator({ env });
        try {
            const clock = { now: () => new Date() } as TestClock;
            expect((await tc(emulator, clock, "DescribeCertificates")).Error).to.equal(undefined);
            expect((await tc(emulator, clock, "DescribeCertificates", {}, { secretId: DEFAULTS.tencent.secretId })).Error?.Code).to.equal("AuthFailure.SecretIdNotFound");
        } finally {
            await emulator.close();
        }
    });
});
