import type { ErrorCategory } from "../core/errors";
import type { HttpRequest } from "../core/http";

// Codes and statuses follow reference/huawei-apig.md §1.5 (APIG error-code appendix) and §5.
// The per-API "example responses" in Huawei's docs are boiler-plate, so nothing keys on them.

/** The front gateway's throttling answer, whatever the HTTP status it comes with. */
const THROTTLED = new Set(["APIGW.0308"]);
/** APIG.9999 "system error"; APIG.3500 is what Terraform retries for concurrent operations. */
const RETRYABLE = new Set(["APIG.9999", "APIG.3500"]);
/**
 * Only these codes mean "gone": the certificate (3021, 3025) or the gateway instance holding it
 * (3030). A 404 with another code, such as a gateway that knows no such URL, must not look like a
 * deleted certificate: a read would forget it and a delete would report success.
 */
const NOT_FOUND = new Set(["APIG.3021", "APIG.3025", "APIG.3030"]);
/** Token missing/expired/invalid/unscoped, no permission, and the gateway's AK/SK signature refusal. */
const AUTH = new Set(["APIG.1000", "APIG.1001", "APIG.1002", "APIG.1003", "APIG.1005", "APIG.1115", "APIGW.0301", "APIG.0301"]);
/** 403 is the quota status too; a quota is not an authorisation problem. */
const QUOTA = "APIG.3100";

/** The generic category of an APIG error; codes first, then the HTTP status. */
export function classifyHuaweiError(code: string, httpStatus: number): ErrorCategory {
    if (THROTTLED.has(code) || httpStatus === 429) return "throttled";
    if (RETRYABLE.has(code) || httpStatus >= 500) return "retryable";
    if (NOT_FOUND.has(code)) return "notFound";
    if (code === QUOTA) return "fatal";
    if (AUTH.has(code) || httpStatus === 401 || httpStatus === 403) return "auth";
    // 409: APIG.3708/3709, the certificate's key usage or signature algorithm does not fit.
    if (httpStatus === 400 || httpStatus === 409) return "invalid";
    return "fatal";
}

const SIGNATURE_HINT =
    "the AK/SK signature was refused: check huaweicloud:accessKey and huaweicloud:secretKey (HW_ACCESS_KEY/HW_SECRET_KEY) for typos or a disabled key, " +
    "renew an expired huaweicloud:securityToken (HW_SECURITY_TOKEN), and make sure the local clock is within 15 minutes of Huawei Cloud's (NTP); " +
    "after 5 failures in a row the AK is locked for 5 minutes";

const HINTS: ReadonlyArray<readonly [RegExp, string]> = [
    [/^APIGW?\.0301$/, SIGNATURE_HINT],
    [/^APIG\.100[012]$/, "the IAM token is missing, expired or invalid: get a new project-scoped token (they last 24 hours) for huaweicloud:authToken (HW_AUTH_TOKEN), or use an AK/SK pair instead"],
    [/^APIG\.1003$/, "the IAM token is not scoped to a project: request it with scope.project.name set to the region"],
    [/^APIG\.(1005|1115)$/, "the credentials lack permission: grant the IAM user apig:certificate:* and apig:instance:get (or an APIG administrator policy) in this project"],
    [/^APIGW\.0308$/, "Huawei Cloud throttled the requests repeatedly: retry later or deploy fewer certificates at once"],
    [/^APIG\.2101$/, "the private key does not belong to the certificate: supply the key that was used for this certificate"],
    [/^APIG\.2102$/, "the certificate has expired: renew it"],
    [/^APIG\.2104$/, "the chain is out of order: put the server certificate first, then each intermediate in turn"],
    [/^APIG\.2105$/, "APIG does not accept an encrypted private key: supply it unencrypted (it is stored as a secret)"],
    [/^APIG\.2106$/, "the certificate or private key could not be parsed: check for a truncated or mixed-up PEM block"],
    [/^APIG\.2109$/, "the certificate has no subjectAltName: reissue it with the domain names as SANs"],
    [/^APIG\.3148$/, "APIG only accepts certificates that expire before 2038-01-19T03:14:07Z"],
    [/^APIG\.3030$/, "the gateway instance does not exist: check instanceId and the region"],
    [/^APIG\.3100$/, "a resource quota of this project is used up: delete unused objects or ask Huawei Cloud for a higher quota"],
];

/** What the user can do about an APIG error, where that is known. */
export function huaweiErrorHint(code: string, httpStatus: number, method?: HttpRequest["method"]): string | undefined {
    const known = HINTS.find(([pattern]) => pattern.test(code))?.[1];
    if (known) return known;
    const category = classifyHuaweiError(code, httpStatus);
    if (httpStatus === 401) return SIGNATURE_HINT;
    // APIG refuses to delete a certificate bound to domain names, with a code it does not document.
    if (method === "DELETE" && (category === "invalid" || category === "fatal")) {
        return "a certificate bound to domain names cannot be deleted: detach the domains from it first (APIG console, or BatchDisassociateDomainsV2), then run again";
    }
    return undefined;
}
