import { useStackConfig } from "../../../provider/core/settings";
import { resetRateLimits } from "../../../provider/core/rateLimit";

export const ALIBABA_ENV_KEYS = [
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_REGION_ID",
    "ALICLOUD_ACCESS_KEY",
    "ALICLOUD_SECRET_KEY",
    "ALICLOUD_REGION",
    "CLOUDCERTS_ALIBABA_ENDPOINT",
    "CLOUDCERTS_TIMEOUT_SECONDS",
    "CLOUDCERTS_LOG",
] as const;

/** Clears the Alibaba settings around each test and restores them after, so a developer's own environment cannot leak in. */
export function isolateAlibabaEnv(): void {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        for (const k of ALIBABA_ENV_KEYS) {
            saved[k] = process.env[k];
            delete process.env[k];
        }
        useStackConfig(undefined);
        resetRateLimits();
    });
    afterEach(() => {
        useStackConfig(undefined);
        for (const k of ALIBABA_ENV_KEYS) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    });
}

/** Stack config from a plain map. */
export function stackConfig(values: Readonly<Record<string, string>>): void {
    useStackConfig({ get: (key) => values[key] });
}

// Fake credentials for tests only; shaped like Alibaba's (LTAI... ids) but not real keys.
export const TEST_ACCESS_KEY_ID = "LTAI5tFakeForTestsOnly01";
export const TEST_ACCESS_KEY_SECRET = "fakeAccessKeySecretForTestsOnly01";
export const TEST_SECURITY_TOKEN = "CAISfakeStsSecurityTokenForTestsOnly0123456789";
