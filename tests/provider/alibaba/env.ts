import { isolateEnv } from "../../support/isolateEnv";

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

/** Clears the alibaba settings around each test and restores them after. */
export function isolateAlibabaEnv(): void {
    isolateEnv(ALIBABA_ENV_KEYS);
}


// Fake credentials for tests only; shaped like Alibaba's (LTAI... ids) but not real keys.
export const TEST_ACCESS_KEY_ID = "LTAI5tFakeForTestsOnly01";
export const TEST_ACCESS_KEY_SECRET = "fakeAccessKeySecretForTestsOnly01";
export const TEST_SECURITY_TOKEN = "CAISfakeStsSecurityTokenForTestsOnly0123456789";

export { stackConfig } from "../../support/isolateEnv";
