import { isVendorError } from "../core/errors";
import type { CallOptions } from "../core/http";
import { pacingKey, permitWaitMs, untilAnyPermitFree } from "../core/rateLimit";
import { callVendor, type VendorCallOptions } from "../core/protocol";
import { tencentCredentials, tencentServiceUrl, type TencentService } from "./config";
import { tencentProtocol, tencentRateLimit } from "./protocol";

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

function tencentPacing(action: string): { key: string; limit: ReturnType<typeof tencentRateLimit> } {
    return { key: pacingKey(tencentProtocol("ssl").vendor, action), limit: tencentRateLimit(action) };
}

/** Whether a call of `action` would go at once, within its documented rate. */
export function tencentPermitFree(action: string): boolean {
    const { key, limit } = tencentPacing(action);
    return permitWaitMs(key, limit) === 0;
}

/** Waits until a call of one of `actions` could go at once. */
export function untilTencentPermitFree(actions: readonly string[]): Promise<void> {
    return untilAnyPermitFree(actions.map(tencentPacing));
}
