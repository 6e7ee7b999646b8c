import type { ErrorCategory } from "../core/errors";

// The classes follow reference/tencent.md §4 (common error codes and the recommended policy).
const THROTTLED = /^(RequestLimitExceeded(\..+)?|LimitExceeded\.RateLimitExceeded)$/;
// Bare InternalError is here too: retried for reads, reported as an unknown outcome for writes,
// never repeated blindly (Terraform does not retry it at all; a duplicate upload is possible).
const RETRYABLE = /^(InternalError(\..+)?|FailedOperation\.NetworkError|ServiceUnavailable|ResourceUnavailable(\..+)?)$/;
const NOT_FOUND = new Set(["FailedOperation.CertificateNotFound", "InvalidParameter.InvalidCSRId", "ResourceNotFound"]);
const AUTH =
    /^(AuthFailure(\..+)?|UnauthorizedOperation(\..+)?|FailedOperation\.(CAMAuthorizedFail|AuthError|NoProjectPermission)|IpInBlacklist|IpNotInWhitelist)$/;
const INVALID =
    /^(InvalidParameter(\..+)?|InvalidParameterValue(\..+)?|MissingParameter(\..+)?|UnknownParameter(\..+)?|InvalidAction|InvalidRequest|RequestSizeLimitExceeded|UnsupportedOperation(\..+)?|FailedOperation\.(CertificateMismatch|CertificateMatchError|CertificateParseError|CertificateCaError))$/;

/** The generic category of a Tencent error code; the order matters (InvalidParameter.InvalidCSRId is "not found"). */
export function classifyTencentError(code: string): ErrorCategory {
    if (THROTTLED.test(code)) return "throttled";
    if (RETRYABLE.test(code)) return "retryable";
    if (NOT_FOUND.has(code)) return "notFound";
    if (AUTH.test(code)) return "auth";
    if (INVALID.test(code)) return "invalid";
    return "fatal";
}

const HINTS: ReadonlyArray<readonly [RegExp, string]> = [
    [/^AuthFailure\.SignatureExpire$/, "the local clock differs from Tencent Cloud's by more than 5 minutes: synchronise the clock (NTP) and retry"],
    [
        /^AuthFailure\.(SignatureFailure|SecretIdNotFound|InvalidSecretId|InvalidAuthorization)$/,
        "check tencentcloud:secretId and tencentcloud:secretKey (or TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY) for typos, stray whitespace or a disabled key",
    ],
    [/^AuthFailure\.TokenFailure$/, "the security token is invalid or expired: refresh tencentcloud:securityToken (TENCENTCLOUD_SECURITY_TOKEN)"],
    [/^(AuthFailure\.UnauthorizedOperation|UnauthorizedOperation|FailedOperation\.(CAMAuthorizedFail|AuthError))$/, "the credentials lack permission: grant the CAM policy QcloudSSLFullAccess (and QcloudTAGFullAccess for tags)"],
    [
        /^FailedOperation\.(DeleteResourceFailed|BoundResources)$/,
        "the certificate is still bound to cloud resources (CLB, CDN, WAF, ...): point those at another certificate or unbind it, then run again",
    ],
    [/^FailedOperation\.(CertificateMismatch|CertificateMatchError)$|^InvalidParameter\.MissMatchPrivateKey$/, "the private key does not belong to the certificate: supply the key that was used for this certificate"],
    [/^FailedOperation\.CertificateParseError$/, "the PEM could not be parsed: check for stray whitespace or a truncated block"],
    [/^FailedOperation\.CertificateCaError$/, "the certificate is not a CA certificate: use certificateType SVR for server certificates"],
    [/^FailedOperation\.NoProjectPermission$/, "the credentials cannot use this project: check projectId"],
    [/^(RequestLimitExceeded|LimitExceeded)/, "the API rate limit was hit repeatedly: retry later or deploy fewer certificates at once"],
];

export function tencentErrorHint(code: string): string | undefined {
    return HINTS.find(([pattern]) => pattern.test(code))?.[1];
}
