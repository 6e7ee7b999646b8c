import { ConfigurationError } from "../core/errors";
import { readSetting, resolveServiceUrl } from "../core/settings";

export interface ScloudCredentials {
    readonly publicKey: string;
    readonly privateKey: string;
    /** Default for calls that do not name one; a main account may leave it out (its default project is used). */
    readonly projectId?: string;
    /** Default for calls that do not name one; every ULB action needs a region. */
    readonly region?: string;
}

/** SCloud's own host. Other brands of the same API (api.ucloud.cn, api.surfercloud.com, ...) are set with scloud:baseUrl. */
export const SCLOUD_DEFAULT_BASE_URL = "https://api.scloudsg.com/";

const KEYS = {
    publicKey: { config: "scloud:publicKey", env: "SCLOUD_PUBLIC_KEY", set: "pulumi config set scloud:publicKey <key>" },
    privateKey: { config: "scloud:privateKey", env: "SCLOUD_PRIVATE_KEY", set: "pulumi config set --secret scloud:privateKey <key>" },
} as const;

/** Credentials and defaults from stack config (scloud:*), else the environment, read at call time. */
export function scloudCredentials(): ScloudCredentials {
    const publicKey = readSetting(KEYS.publicKey.config, [KEYS.publicKey.env]);
    const privateKey = readSetting(KEYS.privateKey.config, [KEYS.privateKey.env]);
    if (!publicKey || !privateKey) {
        const missing = [publicKey ? undefined : KEYS.publicKey, privateKey ? undefined : KEYS.privateKey].filter((k) => k !== undefined);
        throw new ConfigurationError(
            `SCloud credentials are missing (${missing.map((k) => k.config).join(", ")}): run ${missing.map((k) => `\`${k.set}\``).join(" and ")}, ` +
                `or set ${missing.map((k) => k.env).join(" and ")}; the key pair is on the console's API key page (console.scloudsg.com/uaccount/api_manage)`,
        );
    }
    return {
        publicKey,
        privateKey,
        projectId: readSetting("scloud:projectId", ["SCLOUD_PROJECT_ID"]),
        region: readSetting("scloud:region", ["SCLOUD_REGION"]),
    };
}

/**
 * Where the API is reached: api.scloudsg.com, or another brand's host serving the same API
 * (scloud:baseUrl, after the vendors' own providers' base_url), then the endpoint override used
 * for the emulator and private endpoints on top.
 */
export function scloudServiceUrl(): URL {
    const baseUrl = readSetting("scloud:baseUrl", ["SCLOUD_BASE_URL"]) ?? SCLOUD_DEFAULT_BASE_URL;
    let base: URL;
    try {
        base = new URL(baseUrl);
    } catch {
        throw new ConfigurationError(`scloud:baseUrl (or SCLOUD_BASE_URL) is not a URL; set it to the API's base URL, such as ${SCLOUD_DEFAULT_BASE_URL}`);
    }
    if (base.protocol !== "https:" && base.protocol !== "http:") {
        throw new ConfigurationError(`scloud:baseUrl (or SCLOUD_BASE_URL) must be an http:// or https:// URL, not ${base.protocol}`);
    }
    const override = readSetting("cloudcerts:scloudEndpoint", ["CLOUDCERTS_SCLOUD_ENDPOINT"]);
    return resolveServiceUrl(base.href, override, "cloudcerts:scloudEndpoint");
}
