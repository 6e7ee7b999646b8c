import { isolateEnv } from "../../support/isolateEnv";

/** Every setting the Huawei client reads; each spec starts with none of them set. */
export const HUAWEI_ENV_KEYS = [
    "HW_ACCESS_KEY",
    "HW_SECRET_KEY",
    "HW_SECURITY_TOKEN",
    "HW_REGION_NAME",
    "HW_PROJECT_ID",
    "HW_AUTH_TOKEN",
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "CLOUDCERTS_HUAWEI_ENDPOINT",
    "CLOUDCERTS_TIMEOUT_SECONDS",
    "CLOUDCERTS_LOG",
] as const;

/** Clears the huawei settings around each test and restores them after. */
export function isolateHuaweiEnv(): void {
    isolateEnv(HUAWEI_ENV_KEYS);
}


export { stackConfig } from "../../support/isolateEnv";
