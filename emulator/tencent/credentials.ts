import type { TencentCredentials } from "./auth";

/**
 * The emulator's Tencent test credentials. They are fixed, documented and obviously fake, so that
 * examples and tests can be written down; override them with options or the environment.
 */
export const DEFAULT_TENCENT_CREDENTIALS: TencentCredentials = {
    secretId: "AKIDCLOUDCERTSEMULATOR",
    secretKey: "cloudcerts-emulator-tencent-key",
};

export interface TencentCredentialOptions {
    readonly secretId?: string;
    readonly secretKey?: string;
    /** STS token; when set, requests carrying X-TC-Token must carry this one. */
    readonly token?: string;
}

/** Options win over `CLOUDCERTS_EMULATOR_TENCENT_SECRET_ID` / `_SECRET_KEY` / `_TOKEN`, which win over the defaults. */
export function resolveTencentCredentials(options: TencentCredentialOptions | undefined, env: NodeJS.ProcessEnv): TencentCredentials {
    const pick = (option: string | undefined, variable: string): string | undefined => option ?? (env[variable] || undefined);
    const token = pick(options?.token, "CLOUDCERTS_EMULATOR_TENCENT_TOKEN");
    return {
        secretId: pick(options?.secretId, "CLOUDCERTS_EMULATOR_TENCENT_SECRET_ID") ?? DEFAULT_TENCENT_CREDENTIALS.secretId,
        secretKey: pick(options?.secretKey, "CLOUDCERTS_EMULATOR_TENCENT_SECRET_KEY") ?? DEFAULT_TENCENT_CREDENTIALS.secretKey,
        ...(token !== undefined ? { token } : {}),
    };
}
