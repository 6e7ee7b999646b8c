import type { ResponseFields } from "./envelope";
import type { Params } from "./params";
import type { TencentState } from "./state";

/** How an emulated action is declared: its parameters, its rate limit and what it does. */

export interface ActionContext {
    /** The injected wall clock, read once per request. */
    readonly now: Date;
    readonly state: TencentState;
}

export interface ActionDefinition {
    /** Every parameter the action accepts; any other is `UnknownParameter`, like the real gateway. */
    readonly params: readonly string[];
    /** Requests per second per SecretId (documented vendor limit); default DEFAULT_RATE_LIMIT. */
    readonly perSecond?: number;
    run(params: Params, context: ActionContext): ResponseFields | Promise<ResponseFields>;
}

/** A Tencent product on the single emulator endpoint, selected by the credential-scope service. */
export interface ServiceDefinition {
    readonly version: string;
    readonly actions: Readonly<Record<string, ActionDefinition>>;
}

export const DEFAULT_RATE_LIMIT = 20;
