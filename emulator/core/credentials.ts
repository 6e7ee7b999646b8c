import type { VendorName } from "./types";

/**
 * How every vendor's emulator credentials are found: an option, else
 * `CLOUDCERTS_EMULATOR_<VENDOR>_<NAME>`, else a fixed fake default. NAME is the vendor's own
 * credential name in upper snake case (Tencent `secretId` -> `SECRET_ID`, Alibaba `accessKeyId` ->
 * `ACCESS_KEY_ID`), so a user reading the vendor's docs can guess the variable.
 */

export function credentialVariable(vendor: VendorName, name: string): string {
    return `CLOUDCERTS_EMULATOR_${vendor.toUpperCase()}_${name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

/**
 * `defaults` names the credentials every request needs; `optionalNames` those with no default
 * (Tencent's STS token), present only when an option or the environment sets them. An empty
 * variable counts as unset, so `VAR=` in a shell does not produce an empty secret.
 */
export function resolveCredentials<Required extends string, Optional extends string = never>(
    vendor: VendorName,
    defaults: Readonly<Record<Required, string>>,
    optionalNames: readonly Optional[],
    options: Readonly<Partial<Record<Required | Optional, string>>> | undefined,
    env: NodeJS.ProcessEnv,
): Record<Required, string> & Partial<Record<Optional, string>> {
    const pick = (name: Required | Optional): string | undefined => options?.[name] ?? (env[credentialVariable(vendor, name)] || undefined);
    const resolved: Partial<Record<Required | Optional, string>> = {};
    for (const name of Object.keys(defaults) as Required[]) resolved[name] = pick(name) ?? defaults[name];
    for (const name of optionalNames) {
        const value = pick(name);
        if (value !== undefined) resolved[name] = value;
    }
    return resolved as Record<Required, string> & Partial<Record<Optional, string>>;
}
