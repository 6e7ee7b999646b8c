import { isVendorError } from "../core/errors";
import type { CallOptions } from "../core/http";
import { callVendor, type VendorCallOptions } from "../core/protocol";
import { scloudCredentials, scloudServiceUrl } from "./config";
import { scloudParamSecrets, scloudProtocol } from "./protocol";
import type { ScloudParams } from "./sign";

export type ScloudCallOptions = VendorCallOptions;

/** What every SCloud reply carries besides the action's own fields. */
export interface ScloudReplyEnvelope {
    readonly Action?: string;
    readonly RetCode: number;
}

/** Calls one SCloud (UCloud-style) action and returns the whole reply envelope, RetCode 0. */
export async function callScloud<T>(action: string, params: ScloudParams, options: ScloudCallOptions, callOptions?: CallOptions): Promise<T & ScloudReplyEnvelope> {
    const secrets = [...(options.secrets ?? []), ...scloudParamSecrets(params)];
    return callVendor<T & ScloudReplyEnvelope, ScloudParams>(scloudProtocol(), action, params, { ...options, secrets }, callOptions);
}

export function isScloudNotFound(error: unknown): boolean {
    return isVendorError(error, "notFound") && error.vendor === "SCloud";
}

/** Where SCloud ids are unique: the endpoint and the account (see CreateOnceSteps.scope). */
export function scloudScope(): string {
    return `${scloudServiceUrl().href} ${scloudCredentials().publicKey}`;
}
