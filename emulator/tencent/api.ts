import type { ResponseFields } from "./envelope";
import type { Params } from "./params";
import type { TencentState } from "./state";

/** How a Tencent action is written: the parameters it accepts and what it does with them. */

export interface ActionContext {
    /** The injected wall clock, read once per request. */
    readonly now: Date;
    readonly state: TencentState;
}

export interface ActionDefinition {
    /** Every parameter the action accepts; any other is `UnknownParameter`, like the real gateway. */
    readonly params: readonly string[];
    run(params: Params, context: ActionContext): ResponseFields | Promise<ResponseFields>;
}
