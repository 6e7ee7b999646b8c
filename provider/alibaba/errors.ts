import type { ErrorCategory } from "../core/errors";

// The classes follow reference/alibaba-kms.md §0 and §3: KMS's own codes, the gateway's common
// codes, Terraform's NeedRetry set and the official TS core's "Code contains Throttling" rule.

// InvalidAccessKeyId.NotFound is HTTP 404 too, but it is bad credentials, not a missing object:
// codes are tested before statuses, and auth before not-found.
const AUTH =
    /^(InvalidAccessKeyId(\..+)?|SignatureDoesNotMatch|IncompleteSignature|SignatureNonceUsed|InvalidTimeStamp(\..+)?|InvalidSecurityToken(\..+)?|Forbidden\.(RAM|AccessKeyDisabled|NoPermission|Unauthorized)|NoPermission(\..+)?)$/;
const NOT_FOUND = /^(Certificate\.NotFound|EntityNotExist(\..+)?)$/;
const THROTTLED = /Throttling/;
const RETRYABLE = /^(InternalFailure|InternalError|ServiceUnavailable(\..+)?|ServiceTimeout|Unavailable)$/;
const INVALID =
    /^(InvalidParameter(\..+)?|MissingParameter(\..+)?|InvalidParameterValue(\..+)?|InvalidAction(\..+)?|UnsupportedOperation(\..+)?|InvalidApi(\..+)?|Rejected\.InvalidStatus|InvalidStatus(\..+)?|IllegalParameter(\..+)?)$/;

/** The generic category of an Alibaba error, from its code first and its HTTP status only when the code is unknown. */
export function classifyAlibabaError(code: string, httpStatus: number): ErrorCategory {
    if (AUTH.test(code)) return "auth";
    if (NOT_FOUND.test(code)) return "notFound";
    if (THROTTLED.test(code)) return "throttled";
    if (RETRYABLE.test(code)) return "retryable";
    if (INVALID.test(code)) return "invalid";
    if (httpStatus === 429) return "throttled";
    if (httpStatus >= 500) return "retryable";
    return "fatal";
}

const KEYS = "alicloud:accessKey and alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET)";

const HINTS: ReadonlyArray<readonly [RegExp, string]> = [
    [/^InvalidTimeStamp/, "the local clock differs from Alibaba Cloud's by more than 15 minutes: synchronise the clock (NTP) and retry"],
    [/^SignatureNonceUsed$/, "a signature nonce was reused (a replayed request, or a clock far off with a proxy retrying): run again; each attempt is signed with a new nonce"],
    [/^(SignatureDoesNotMatch|IncompleteSignature)$/, `the AccessKey secret does not match the AccessKey ID: check ${KEYS} for typos or stray whitespace, and that a proxy does not rewrite the Host header`],
    [/^InvalidAccessKeyId/, `the AccessKey ID is unknown or disabled: check ${KEYS} for typos, or create a new AccessKey in the RAM console`],
    [/^InvalidSecurityToken/, "the STS security token is invalid or expired: refresh alicloud:securityToken (ALIBABA_CLOUD_SECURITY_TOKEN)"],
    [/^(Forbidden\.(RAM|AccessKeyDisabled|NoPermission|Unauthorized)$|NoPermission)/, "the credentials lack permission: grant the RAM policy AliyunKMSFullAccess, or a custom policy allowing the kms: certificate actions"],
    [/^(InvalidAction|UnsupportedOperation|InvalidApi)/, "KMS Certificates Manager is not offered to this account or region (it is a previous-version feature): try another region or check the KMS console"],
    [/^Rejected\.LimitExceeded$/, "a KMS resource quota was reached: delete unused certificates or ask Alibaba Cloud to raise the quota"],
    [/Throttling/, "the KMS rate limit was hit repeatedly: retry later or deploy fewer certificates at once"],
];

export function alibabaErrorHint(code: string): string | undefined {
    return HINTS.find(([pattern]) => pattern.test(code))?.[1];
}
