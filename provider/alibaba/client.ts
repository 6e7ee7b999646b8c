import { isVendorError } from "../core/errors";
import type { CallOptions } from "../core/http";
import { callVendor, type VendorCallOptions } from "../core/protocol";
import { alibabaCredentials, alibabaRegion, alibabaServiceUrl } from "./config";
import { alibabaKmsProtocol, type AlibabaParams } from "./protocol";

export type AlibabaCallOptions = VendorCallOptions;

/** The shared call options plus the signature-nonce source (tests); each attempt draws a new nonce. */
export interface AlibabaTransportOptions extends CallOptions {
    readonly nonce?: () => string;
    /** A resource's own region; default alicloud:region. */
    readonly region?: string;
}

/**
 * Calls one KMS 2016-01-20 action and returns its reply object. Throttling (Rejected.Throttling,
 * HTTP 429) is retried for every action; a 5xx is retried only when `idempotent`, and is an
 * OutcomeUnknownError otherwise. Pass PEM bodies and other input secrets in `options.secrets`.
 */
export async function callAlibaba<T>(
    action: string,
    params: AlibabaParams,
    options: AlibabaCallOptions,
    callOptions: AlibabaTransportOptions = {},
): Promise<T & { RequestId?: string }> {
    const { nonce, region, ...rest } = callOptions;
    return callVendor<T & { RequestId?: string }>(alibabaKmsProtocol({ nonce, region }), action, params, options, rest);
}

export function isAlibabaNotFound(error: unknown): boolean {
    return isVendorError(error, "notFound") && error.vendor === "Alibaba";
}

/** Where KMS certificate ids are unique: the endpoint, the region and the account (see CreateOnceSteps.scope). */
export function alibabaScope(region?: string): string {
    return `${alibabaServiceUrl(region).href} ${region ?? alibabaRegion() ?? ""} ${alibabaCredentials().accessKeyId}`;
}
