import { useStackConfig } from "../../../provider/core/settings";

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

/** Clears the SCloud environment around each test and restores it after. */
export function isolateScloudEnvironment(): void {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        for (const k of SCLOUD_ENV_KEYS) {
            saved[k] = process.env[k];
            delete process.env[k];
        }
    });
    afterEach(() => {
        useStackConfig(undefined);
        for (const k of SCLOUD_ENV_KEYS) if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
    });
}
