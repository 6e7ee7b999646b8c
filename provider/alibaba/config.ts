import { ConfigurationError } from "../core/errors";
import { readSetting, resolveServiceUrl } from "../core/settings";

export interface AlibabaCredentials {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    /** STS session token, for temporary credentials. */
    readonly securityToken?: string;
}

// The alicloud:* namespace and env names are those of the vendor's own Pulumi and Terraform
// providers (DESIGN.md), so a stack that already configures them needs nothing more.
const ACCESS_KEY_ENV = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"] as const;
const SECRET_KEY_ENV = ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"] as const;
const SECURITY_TOKEN_ENV = ["ALIBABA_CLOUD_SECURITY_TOKEN"] as const;
const REGION_ENV = ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"] as const;
const ENDPOINT_ENV = ["CLOUDCERTS_ALIBABA_ENDPOINT"] as const;

/** Region ids are lowercase words and digits joined by hyphens (cn-hangzhou, cn-beijing-finance-1); anything else would change the host. */
const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Credentials from stack config (alicloud:*), else the environment, read at call time. */
export function alibabaCredentials(): AlibabaCredentials {
    const accessKeyId = readSetting("alicloud:accessKey", ACCESS_KEY_ENV);
    const accessKeySecret = readSetting("alicloud:secretKey", SECRET_KEY_ENV);
    if (!accessKeyId || !accessKeySecret) {
        throw new ConfigurationError(
            "Alibaba Cloud credentials are missing: run `pulumi config set alicloud:accessKey <id>` and " +
                "`pulumi config set --secret alicloud:secretKey <secret>`, or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET " +
                "(ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY are also read)",
        );
    }
    return { accessKeyId, accessKeySecret, securityToken: readSetting("alicloud:securityToken", SECURITY_TOKEN_ENV) };
}

/** The region from alicloud:region, else ALIBABA_CLOUD_REGION_ID or ALICLOUD_REGION; undefined when none is set. */
export function alibabaRegion(): string | undefined {
    const region = readSetting("alicloud:region", REGION_ENV);
    if (region !== undefined && !REGION_ID.test(region)) {
        throw new ConfigurationError(`alicloud:region (or ALIBABA_CLOUD_REGION_ID) is ${JSON.stringify(region)}, which is not a region id such as cn-hangzhou`);
    }
    return region;
}

/** The endpoint override (cloudcerts:alibabaEndpoint / CLOUDCERTS_ALIBABA_ENDPOINT), if any. */
export function alibabaEndpointOverride(): string | undefined {
    return readSetting("cloudcerts:alibabaEndpoint", ENDPOINT_ENV);
}

/**
 * Where KMS is reached: the regional public endpoint https://kms.<region>.aliyuncs.com/
 * (reference/alibaba-kms.md §6), or the endpoint override used for the emulator and private
 * endpoints. The region is needed only to build the public host: behind an override it may be unset.
 * `regionOverride` is a resource's `region` input (validated by its check).
 */
export function alibabaServiceUrl(regionOverride?: string): URL {
    const override = alibabaEndpointOverride();
    // A resource's own region input wins over the stack's alicloud:region.
    const region = regionOverride ?? alibabaRegion();
    if (override === undefined && region === undefined) {
        throw new ConfigurationError(
            "the Alibaba Cloud region is missing: run `pulumi config set alicloud:region <region>` (e.g. cn-hangzhou), " +
                "or set ALIBABA_CLOUD_REGION_ID (ALICLOUD_REGION is also read)",
        );
    }
    // Behind an override only this URL's path ("/") survives, so any valid region stands in for an unset one.
    const vendorUrl = `https://kms.${region ?? "cn-hangzhou"}.aliyuncs.com/`;
    return resolveServiceUrl(vendorUrl, override, "cloudcerts:alibabaEndpoint");
}
