import type { ErrorCategory } from "../core/errors";

// The classes follow reference/scloud.md §3.5 (ULB error codes) and §3.7 (gateway codes, SDK retry rules).
export const RATE_LIMITED = 153;
const AUTH = new Set([170, 171, 172, 174, 293, 294, 295, 299]);
/** Missing or unknown Action, unknown project: the request is wrong, not the credentials. */
const INVALID = new Set([160, 161, 292, 4111, 4114]);
/** Gateway timeout, gateway/auth-service error, service unavailable: the service may have acted. */
const SERVER_SIDE = new Set([110, 130, 150]);
/** The Go and Python SDKs retry RetCode >= 2000 (server errors of the product behind the gateway). */
const FIRST_SERVICE_CODE = 2000;

/** 4108 "certificate is in use, release it first" is the likeliest DeleteSSL-while-bound code; no real reply was captured, so the text counts too. */
const IN_USE_CODES = new Set([4108]);
const IN_USE_MESSAGE = /\bin use\b|\bbound\b|\bbind(ed|ing)?\b|occupied|占用|绑定/i;
/** No not-found code is documented: DescribeSSL answers an empty DataSet. A message saying so still means gone. */
const NOT_FOUND_MESSAGE = /not\s*exist|does\s*not\s*exist|not\s*found|no\s*such|不存在/i;

export function isScloudInUse(retCode: number, message: string): boolean {
    return IN_USE_CODES.has(retCode) || IN_USE_MESSAGE.test(message);
}

/**
 * The generic category of an SCloud RetCode. The order matters: gateway codes whose message says
 * "not found" (172 user, 174 token, 161 action, 292 project) are about the request, never about
 * the certificate, so they are settled before the message is read.
 */
export function classifyScloudError(retCode: number, message: string): ErrorCategory {
    if (retCode === RATE_LIMITED) return "throttled";
    if (AUTH.has(retCode)) return "auth";
    if (INVALID.has(retCode)) return "invalid";
    if (isScloudInUse(retCode, message)) return "invalid";
    if (NOT_FOUND_MESSAGE.test(message)) return "notFound";
    if (SERVER_SIDE.has(retCode) || retCode >= FIRST_SERVICE_CODE) return "retryable";
    return "fatal";
}

const CREDENTIAL_KEYS = "scloud:publicKey and scloud:privateKey (or SCLOUD_PUBLIC_KEY/SCLOUD_PRIVATE_KEY)";

const HINTS: ReadonlyArray<readonly [(retCode: number, message: string) => boolean, string]> = [
    [(c) => c === RATE_LIMITED, "the API rate limit was hit repeatedly: retry later or deploy fewer certificates at once"],
    [
        (c) => c === 171,
        `the signature was refused: check ${CREDENTIAL_KEYS} for typos or stray whitespace, and that the keys belong to the site of the endpoint ` +
            "(keys of api.ucloud.cn or api.surfercloud.com do not work on api.scloudsg.com; see scloud:baseUrl)",
    ],
    [(c) => c === 172, `no account has this public key at this endpoint: check ${CREDENTIAL_KEYS} and that scloud:baseUrl is the site the key was made on`],
    [(c) => c === 170, "the request arrived without its signature: a proxy may have dropped the body; check the endpoint"],
    [(c) => c === 174, `the credentials' token was not found: check ${CREDENTIAL_KEYS}`],
    [(c) => c === 294, "the API key's IP allow-list refuses this machine: add its public IP on the console's API key page, or lift the restriction"],
    [(c) => c === 295, "the account's security lock refused the call: check the console's account security settings"],
    [(c) => c === 299, "the credentials lack permission: grant the (sub-)account ULB permissions in this project"],
    [(c) => c === 293, "the account may not use this region or zone: check scloud:region (SCLOUD_REGION) or the resource's region"],
    [(c) => c === 292, "no such project: check scloud:projectId (SCLOUD_PROJECT_ID) or the resource's projectId; sub-accounts must set one"],
    [(c) => c === 160 || c === 161, "the endpoint does not know this action: check scloud:baseUrl and cloudcerts:scloudEndpoint"],
    [
        isScloudInUse,
        "the certificate is still bound to load balancer listeners (BindedTargetSet in DescribeSSL): unbind it (UnbindSSL), " +
            "or rotate first, creating the new certificate and moving the bindings to it with UpdateSSLBinding, then delete",
    ],
    [(c) => c === 4111, "the certificate content was refused: give unencrypted PEM (certificate, matching private key, CA chain) without passphrase"],
    [(c) => c === 4114, "the name is too long: SCloud allows at most 50 characters"],
];

export function scloudErrorHint(retCode: number, message: string): string | undefined {
    return HINTS.find(([applies]) => applies(retCode, message))?.[1];
}
