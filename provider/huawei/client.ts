import { isVendorError } from "../core/errors";
import type { CallOptions } from "../core/http";
import { callVendor, type VendorCallOptions } from "../core/protocol";
import { huaweiCredentials, huaweiServiceUrl, type HuaweiTarget } from "./config";
import { huaweiProtocol, type HuaweiRequest } from "./protocol";

/** @public */
export type HuaweiCallOptions = VendorCallOptions;

/** Body fields whose values are key material: kept out of errors and logs even if the caller forgets to list them. */
const SECRET_BODY_FIELDS = ["private_key", "private_key_sign"] as const;

function bodySecrets(body: object | undefined): string[] {
    if (body === undefined) return [];
    const fields = body as Readonly<Record<string, unknown>>;
    return SECRET_BODY_FIELDS.map((field) => fields[field]).filter((value): value is string => typeof value === "string");
}

/**
 * Calls one APIG action (`action` names it in rate limits and messages) and returns the parsed
 * JSON reply; undefined for a reply without a body (DELETE's 204), so type those calls `void`.
 *
 * Throws VendorApiError (category notFound, throttled, retryable, auth, invalid or fatal),
 * TransportError, OutcomeUnknownError (a write whose outcome cannot be known) or ConfigurationError.
 */
export async function callHuawei<T>(action: string, request: HuaweiRequest, options: HuaweiCallOptions, callOptions?: CallOptions): Promise<T> {
    const secrets = [...(options.secrets ?? []), ...bodySecrets(request.body)];
    return callVendor<T, HuaweiRequest>(huaweiProtocol(request.method, request.target), action, request, { ...options, secrets }, callOptions);
}

export function isHuaweiNotFound(error: unknown): boolean {
    return isVendorError(error, "notFound") && error.vendor === "Huawei";
}

/** Where APIG certificate ids are unique: the endpoint and the project (see CreateOnceSteps.scope). */
export function huaweiScope(target?: HuaweiTarget): string {
    const { region, projectId } = huaweiCredentials(target);
    return `${huaweiServiceUrl(region).href} ${projectId}`;
}
