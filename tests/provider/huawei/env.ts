import { useStackConfig } from "../../../provider/core/settings";

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

/** Mocha hooks that clear the Huawei settings before each test and restore them after. */
export function isolateHuaweiEnv(): void {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        for (const k of HUAWEI_ENV_KEYS) {
            saved[k] = process.env[k];
            delete process.env[k];
        }
    });
    afterEach(() => {
        useStackConfig(undefined);
        for (const k of HUAWEI_ENV_KEYS) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
    });
}

/** Stack config from a plain object, as configure() would hand it over. */
export function stackConfig(values: Readonly<Record<string, string>>): void {
    useStackConfig({ get: (key) => values[key] });
}
