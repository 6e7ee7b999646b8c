import { isVendorError } from "../core/errors";
import type { CallOptions } from "../core/http";
import { callVendor, type VendorCallOptions } from "../core/protocol";
import { tencentCredentials, tencentServiceUrl, type TencentService } from "./config";
import { tencentProtocol } from "./protocol";

export type TencentCallOptions = VendorCallOptions;

/** Calls one Tencent Cloud API 3.0 action and returns its Response object. */
export async function callTencent<T>(
    service: TencentService,
    action: string,
    params: object,
    options: TencentCallOptions,
    callOptions?: CallOptions,
): Promise<T & { RequestId?: string }> {
    return callVendor<T & { RequestId?: string }>(tencentProtocol(service), action, params, options, callOptions);
}

export function isTencentNotFound(error: unknown): boolean {
    return isVendorError(error, "notFound") && error.vendor === "Tencent";
}

/** Where Tencent ids are unique: the endpoint and the account (see CreateOnceSteps.scope). */
export function tencentScope(service: TencentService): string {
    return `${tencentServiceUrl(service).href} ${tencentCredentials().secretId}`;
}
