import { resetRateLimits } from "../../provider/core/rateLimit";
import { resetSnapshots } from "../../provider/core/resource/createOnce";
import { useStackConfig } from "../../provider/core/settings";

/**
 * Mocha hooks that clear `keys` from the environment (and any stack config) before each test and
 * restore them after, so a developer's own credentials can never leak into a test.
 */
export function isolateEnv(keys: readonly string[]): void {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        for (const k of keys) {
            saved[k] = process.env[k];
            delete process.env[k];
        }
        useStackConfig(undefined);
        resetRateLimits();
        resetSnapshots();
    });
    afterEach(() => {
        useStackConfig(undefined);
        for (const k of keys) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
    });
}

/** Stack config from a plain map, as configure() would hand it over. */
export function stackConfig(values: Readonly<Record<string, string>>): void {
    useStackConfig({ get: (key) => values[key] });
}
