import { ConfigurationError } from "../core/errors";
import { readSetting, resolveServiceUrl } from "../core/settings";

/** How a request proves who sends it: AK/SK signing (the default), or an IAM token. @public */
export type HuaweiAuth =
    | { readonly kind: "aksk"; readonly accessKey: string; readonly secretKey: string; readonly securityToken?: string }
    | { readonly kind: "token"; readonly authToken: string };

/** @public */
export interface HuaweiCredentials {
    readonly auth: HuaweiAuth;
    /** Every APIG path starts /v2/{project_id}; one project per region. */
    readonly projectId: string;
    /** Undefined only when an endpoint override makes it irrelevant. */
    readonly region?: string;
}

const ENDPOINT_OVERRIDE = "cloudcerts:huaweiEndpoint";

const setting = {
    accessKey: () => readSetting("huaweicloud:accessKey", ["HW_ACCESS_KEY", "HUAWEICLOUD_SDK_AK"]),
    secretKey: () => readSetting("huaweicloud:secretKey", ["HW_SECRET_KEY", "HUAWEICLOUD_SDK_SK"]),
    securityToken: () => readSetting("huaweicloud:securityToken", ["HW_SECURITY_TOKEN"]),
    authToken: () => readSetting("huaweicloud:authToken", ["HW_AUTH_TOKEN"]),
    region: () => readSetting("huaweicloud:region", ["HW_REGION_NAME"]),
    projectId: () => readSetting("huaweicloud:projectId", ["HW_PROJECT_ID"]),
    endpoint: () => readSetting(ENDPOINT_OVERRIDE, ["CLOUDCERTS_HUAWEI_ENDPOINT"]),
};

// Goes into a host name: "cn-north-4", "ap-southeast-1", "eu-west-101", "ae-ad-1", never a dot or a slash.
const REGION = /^[a-z]{2}(-[a-z0-9]+){1,3}$/;
// Goes into the path and a signed header. Huawei's are 32 hex digits; the check only keeps out
// what would change the URL, so that an emulator or private endpoint may use its own ids.
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Where one resource lives, when it says so itself (ApigCertificate's region and projectId
 * inputs): these win over huaweicloud:region / huaweicloud:projectId. @public
 */
export interface HuaweiTarget {
    readonly region?: string;
    readonly projectId?: string;
}

/**
 * Credentials, project and region from stack config (huaweicloud:*), else the environment, read
 * at call time. AK/SK wins when both halves are set; an IAM token (huaweicloud:authToken) is used
 * otherwise. Half an AK/SK pair is refused rather than silently falling back to a token.
 */
export function huaweiCredentials(target: HuaweiTarget = {}): HuaweiCredentials {
    const auth = huaweiAuth();
    const region = target.region || setting.region();
    if (region !== undefined && !REGION.test(region)) {
        throw new ConfigurationError(`huaweicloud:region (or HW_REGION_NAME) is ${JSON.stringify(region)}, which is not a region name such as cn-north-4 or ap-southeast-1`);
    }
    if (region === undefined && setting.endpoint() === undefined) {
        throw new ConfigurationError(
            "The Huawei Cloud region is missing: run `pulumi config set huaweicloud:region <region>` (e.g. cn-north-4) or set HW_REGION_NAME",
        );
    }
    return { auth, projectId: huaweiProjectId(region, target.projectId || undefined), region };
}

function huaweiAuth(): HuaweiAuth {
    const accessKey = setting.accessKey();
    const secretKey = setting.secretKey();
    if (accessKey && secretKey) return { kind: "aksk", accessKey, secretKey, securityToken: setting.securityToken() };
    if (accessKey || secretKey) {
        const missing = accessKey ? "huaweicloud:secretKey (or HW_SECRET_KEY / HUAWEICLOUD_SDK_SK)" : "huaweicloud:accessKey (or HW_ACCESS_KEY / HUAWEICLOUD_SDK_AK)";
        throw new ConfigurationError(`Huawei Cloud credentials are incomplete: ${missing} is not set; set both halves of the AK/SK pair`);
    }
    const authToken = setting.authToken();
    if (authToken) return { kind: "token", authToken };
    throw new ConfigurationError(
        "Huawei Cloud credentials are missing: run `pulumi config set huaweicloud:accessKey <AK>` and " +
            "`pulumi config set --secret huaweicloud:secretKey <SK>`, or set HW_ACCESS_KEY and HW_SECRET_KEY " +
            "(HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK also work); an IAM token may be given instead as huaweicloud:authToken (HW_AUTH_TOKEN)",
    );
}

function huaweiProjectId(region: string | undefined, given: string | undefined): string {
    const projectId = given ?? setting.projectId();
    if (projectId === undefined) {
        throw new ConfigurationError(
            "The Huawei Cloud project id is missing: run `pulumi config set huaweicloud:projectId <id>` or set HW_PROJECT_ID " +
                "(console: My Credentials > API Credentials lists one project id per region)",
        );
    }
    // The console lists each project's name (the region) beside its id; pasting the wrong column is easy.
    if (projectId === region) {
        throw new ConfigurationError(`huaweicloud:projectId is the project name ${JSON.stringify(projectId)}: use the project id beside it (32 hex digits)`);
    }
    if (!PROJECT_ID.test(projectId)) {
        throw new ConfigurationError(`huaweicloud:projectId (or HW_PROJECT_ID) is ${JSON.stringify(projectId)}, which is not a project id (32 hex digits)`);
    }
    return projectId;
}

/** The configured region and project (stack config, else the environment); either may be unset. */
export function configuredHuaweiTarget(): HuaweiTarget {
    return { region: setting.region(), projectId: setting.projectId() };
}

/**
 * APIG's public endpoint for a region (reference/huawei-apig.md §1.1, from the SDK's ApigRegion):
 * apig.{region}.myhuaweicloud.com, except eu-west-101, which is served from the .eu domain.
 */
export function apigEndpoint(region: string): string {
    const domain = region === "eu-west-101" ? "myhuaweicloud.eu" : "myhuaweicloud.com";
    return `https://apig.${region}.${domain}/`;
}

/**
 * Where APIG is reached: the region's endpoint, or the endpoint override (cloudcerts:huaweiEndpoint,
 * CLOUDCERTS_HUAWEI_ENDPOINT) used for the emulator and private endpoints. Read at call time.
 */
export function huaweiServiceUrl(region: string | undefined): URL {
    const override = setting.endpoint();
    if (override === undefined && region === undefined) {
        throw new ConfigurationError("The Huawei Cloud region is missing: run `pulumi config set huaweicloud:region <region>` or set HW_REGION_NAME");
    }
    // With an override the region only picks a host that is replaced anyway.
    return resolveServiceUrl(apigEndpoint(region ?? "cn-north-4"), override, ENDPOINT_OVERRIDE);
}
