import { ConfigurationError } from "../core/errors";
import { readSetting, resolveServiceUrl } from "../core/settings";

export interface TencentCredentials {
    readonly secretId: string;
    readonly secretKey: string;
    readonly securityToken?: string;
}

export type TencentService = "ssl" | "tag";

/** Credentials from stack config (tencentcloud:*), else the environment, read at call time. */
export function tencentCredentials(): TencentCredentials {
    const secretId = readSetting("tencentcloud:secretId", ["TENCENTCLOUD_SECRET_ID"]);
    const secretKey = readSetting("tencentcloud:secretKey", ["TENCENTCLOUD_SECRET_KEY"]);
    if (!secretId || !secretKey) {
        throw new ConfigurationError(
            "Tencent Cloud credentials are missing: run `pulumi config set tencentcloud:secretId <id>` and " +
                "`pulumi config set --secret tencentcloud:secretKey <key>`, or set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY",
        );
    }
    return { secretId, secretKey, securityToken: readSetting("tencentcloud:securityToken", ["TENCENTCLOUD_SECURITY_TOKEN"]) };
}

/**
 * Where a Tencent service is reached: ssl.tencentcloudapi.com, or under another root domain
 * (tencentcloud:domain, as in the vendor's own provider; "intl.tencentcloudapi.com" for the
 * international site), or the endpoint override used for the emulator and private endpoints.
 */
export function tencentServiceUrl(service: TencentService): URL {
    const domain = readSetting("tencentcloud:domain", ["TENCENTCLOUD_DOMAIN"]) ?? "tencentcloudapi.com";
    const override = readSetting("cloudcerts:tencentEndpoint", ["CLOUDCERTS_TENCENT_ENDPOINT"]);
    return resolveServiceUrl(`https://${service}.${domain}/`, override, "cloudcerts:tencentEndpoint");
}
