import { formatKeyAlgorithm, type KeyAlgorithm, type KeyAlgorithmInfo } from "./keyAlgorithm";

/**
 * Key algorithms accepted when a service says nothing more specific: what Tencent SSL, Huawei
 * APIG, Alibaba KMS/CAS and SCloud ULB all take for TLS certificates. None of them accepts
 * Ed25519, Ed448, X25519 or DSA keys, so check rejects those before an upload would.
 * @public
 */
export const DEFAULT_ALLOWED_KEY_ALGORITHMS: readonly KeyAlgorithm[] = ["RSA", "EC", "SM2"];

/** EC curves accepted by default (the vendors' "ECC 256" and "ECC 384"). @public */
export const DEFAULT_ALLOWED_EC_CURVES: readonly string[] = ["P-256", "P-384"];

/** Smallest RSA modulus accepted by default: below 2048 bits is broken by current standards and refused by the vendors. @public */
export const MIN_RSA_KEY_BITS = 2048;

/** Which keys a service accepts. @internal */
export interface KeyPolicy {
    readonly algorithms: readonly KeyAlgorithm[];
    readonly ecCurves: readonly string[];
    readonly minRsaBits: number;
}

/** The policy with each unset part at its default. @internal */
export function keyPolicy(options: { readonly allowedKeyAlgorithms?: readonly KeyAlgorithm[]; readonly allowedEcCurves?: readonly string[]; readonly minRsaKeyBits?: number }): KeyPolicy {
    return {
        algorithms: options.allowedKeyAlgorithms ?? DEFAULT_ALLOWED_KEY_ALGORITHMS,
        ecCurves: options.allowedEcCurves ?? DEFAULT_ALLOWED_EC_CURVES,
        minRsaBits: options.minRsaKeyBits ?? MIN_RSA_KEY_BITS,
    };
}

/** Whether a key is one the policy accepts: its algorithm, its EC curve, its RSA size. @internal */
export function keyAllowed(info: KeyAlgorithmInfo, policy: KeyPolicy): boolean {
    if (!policy.algorithms.includes(info.algorithm)) return false;
    if (info.algorithm === "EC") return info.curve !== undefined && policy.ecCurves.includes(info.curve);
    if (info.algorithm === "RSA" || info.algorithm === "RSA-PSS") return info.bits !== undefined && info.bits >= policy.minRsaBits;
    return true;
}

/** "RSA (2048 bits or more), EC P-256 or P-384, SM2": what the policy accepts, for messages. @internal */
export function describeKeyPolicy(policy: KeyPolicy): string {
    return policy.algorithms
        .map((algorithm) => {
            if (algorithm === "RSA" || algorithm === "RSA-PSS") return `${algorithm} (${policy.minRsaBits} bits or more)`;
            if (algorithm === "EC") return `EC ${policy.ecCurves.join(" or ")}`;
            return algorithm;
        })
        .join(", ");
}

/** "a key of type Ed25519" / "an RSA-1024 key", for messages. @internal */
export function describeKey(info: KeyAlgorithmInfo): string {
    return `a key of type ${formatKeyAlgorithm(info)}`;
}
