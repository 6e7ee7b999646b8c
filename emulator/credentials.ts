import { resolveCredentials } from "./core/credentials";

/**
 * The credentials the emulator accepts, for all four vendors, named as each vendor names them.
 * The defaults are fixed, public and obviously fake so that examples and tests can be written
 * down; vendors that are not served yet have theirs already, so the CLI line and `startEmulator()`
 * keep one shape as vendors plug in.
 */

export interface TencentCredentials {
    readonly secretId: string;
    readonly secretKey: string;
    /** STS session token; when set, a request carrying `X-TC-Token` must carry exactly this one. */
    readonly token?: string;
}

export interface HuaweiCredentials {
    readonly accessKey: string;
    readonly secretKey: string;
}

export interface AlibabaCredentials {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
}

export interface ScloudCredentials {
    readonly publicKey: string;
    readonly privateKey: string;
}

export interface EmulatorCredentials {
    readonly tencent: TencentCredentials;
    readonly huawei: HuaweiCredentials;
    readonly alibaba: AlibabaCredentials;
    readonly scloud: ScloudCredentials;
}

export type TencentCredentialOptions = Partial<TencentCredentials>;

/** Per vendor, any subset; what is not given comes from the environment or the defaults. */
export interface EmulatorCredentialOptions {
    readonly tencent?: TencentCredentialOptions;
    readonly huawei?: Partial<HuaweiCredentials>;
    readonly alibaba?: Partial<AlibabaCredentials>;
    readonly scloud?: Partial<ScloudCredentials>;
}

// No real vendor key format on purpose (no AKID/LTAI-shaped ids beyond Tencent's long-published
// one): secret scanners must not take them for leaked keys.
export const DEFAULT_CREDENTIALS: EmulatorCredentials = {
    tencent: { secretId: "AKIDCLOUDCERTSEMULATOR", secretKey: "cloudcerts-emulator-tencent-key" },
    huawei: { accessKey: "CLOUDCERTSEMULATORHUAWEI", secretKey: "cloudcerts-emulator-huawei-key" },
    alibaba: { accessKeyId: "CLOUDCERTSEMULATORALIBABA", accessKeySecret: "cloudcerts-emulator-alibaba-key" },
    scloud: { publicKey: "cloudcerts-emulator-scloud-public-key", privateKey: "cloudcerts-emulator-scloud-private-key" },
};

export const DEFAULT_TENCENT_CREDENTIALS: TencentCredentials = DEFAULT_CREDENTIALS.tencent;

/** Options win over `CLOUDCERTS_EMULATOR_<VENDOR>_<NAME>`, which wins over the defaults. */
export function resolveEmulatorCredentials(options: EmulatorCredentialOptions | undefined, env: NodeJS.ProcessEnv): EmulatorCredentials {
    const { tencent, huawei, alibaba, scloud } = DEFAULT_CREDENTIALS;
    return {
        tencent: resolveCredentials<"secretId" | "secretKey", "token">("tencent", { secretId: tencent.secretId, secretKey: tencent.secretKey }, ["token"], options?.tencent, env),
        huawei: resolveCredentials("huawei", huawei, [], options?.huawei, env),
        alibaba: resolveCredentials("alibaba", alibaba, [], options?.alibaba, env),
        scloud: resolveCredentials("scloud", scloud, [], options?.scloud, env),
    };
}
