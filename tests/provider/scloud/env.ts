import { isolateEnv } from "../../support/isolateEnv";

export const SCLOUD_ENV_KEYS = [
    "SCLOUD_PUBLIC_KEY",
    "SCLOUD_PRIVATE_KEY",
    "SCLOUD_PROJECT_ID",
    "SCLOUD_REGION",
    "SCLOUD_BASE_URL",
    "CLOUDCERTS_SCLOUD_ENDPOINT",
    "CLOUDCERTS_TIMEOUT_SECONDS",
    "CLOUDCERTS_LOG",
];

/** Clears the scloud settings around each test and restores them after. */
export function isolateScloudEnvironment(): void {
    isolateEnv(SCLOUD_ENV_KEYS);
}
