import { ConfigurationError } from "./errors";

/** The shape of the config object Pulumi passes to `configure()`. */
export interface ConfigReader {
    get(key: string): string | undefined;
}

/**
 * Stack config handed to `configure()` by the dynamic-provider host. It lives in this module, not
 * on the provider object, so that credentials can never be captured when the provider is serialized
 * into state: the serialized provider refers to this module with require().
 */
let stackConfig: ConfigReader | undefined;

export function useStackConfig(config: ConfigReader | undefined): void {
    stackConfig = config;
}

/** A setting from stack config, else from the first environment variable that is set (read now). */
export function readSetting(configKey: string, envKeys: readonly string[]): string | undefined {
    const fromConfig = stackConfig?.get(configKey);
    if (fromConfig !== undefined && fromConfig.trim() !== "") return fromConfig.trim();
    for (const key of envKeys) {
        const value = process.env[key];
        if (value !== undefined && value.trim() !== "") return value.trim();
    }
    return undefined;
}

/**
 * The vendor URL with its scheme, host and port replaced by an override base URL whose path
 * prefixes the vendor path (e.g. http://127.0.0.1:4567/tencent + / -> http://127.0.0.1:4567/tencent/).
 */
export function resolveServiceUrl(vendorUrl: string, override: string | undefined, overrideName: string): URL {
    const base = new URL(vendorUrl);
    if (override === undefined) return base;
    let target: URL;
    try {
        target = new URL(override);
    } catch {
        throw new ConfigurationError(`${overrideName} is not a URL; set it to a base URL such as http://127.0.0.1:4567/tencent`);
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") {
        throw new ConfigurationError(`${overrideName} must be an http:// or https:// URL, not ${target.protocol}`);
    }
    const prefix = target.pathname.replace(/\/+$/, "");
    const url = new URL(target.origin);
    url.pathname = `${prefix}${base.pathname}`;
    url.search = base.search;
    return url;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
/** Longer than this is a typo (milliseconds given as seconds, say), not a wish: one request hanging an hour. */
export const MAX_TIMEOUT_SECONDS = 3600;

/**
 * The per-request client timeout in milliseconds, from `cloudcerts:timeoutSeconds` or
 * CLOUDCERTS_TIMEOUT_SECONDS (read at call time), else 30 s. A value that is not a number of
 * seconds from 1 to 3600 is refused rather than guessed at.
 */
export function requestTimeoutMs(): number {
    const raw = readSetting("cloudcerts:timeoutSeconds", ["CLOUDCERTS_TIMEOUT_SECONDS"]);
    if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
    const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS)) {
        throw new ConfigurationError(
            `cloudcerts:timeoutSeconds (or CLOUDCERTS_TIMEOUT_SECONDS) is ${JSON.stringify(raw)}: it must be a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}; ` +
                `run \`pulumi config set cloudcerts:timeoutSeconds ${DEFAULT_TIMEOUT_SECONDS}\`, or remove it for the default of ${DEFAULT_TIMEOUT_SECONDS} s`,
        );
    }
    return Math.round(seconds * 1000);
}
