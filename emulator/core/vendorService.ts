import type { ApiError } from "./apiError";
import type { EmulatorRequest, Inventory, Reply, VendorName } from "./types";

/**
 * What a vendor supplies to plug into the request pipeline (core/pipeline.ts):
 *   route -> [faults "before"] -> authenticate -> rate-limit -> act -> [faults "after"] -> encode.
 * The vendor never sees faults or rate limits; it only describes its routes, its verifier, its
 * action table and its envelopes.
 */

/** What routing made of a request below the vendor's prefix. */
export type Route =
    /** An API call. `action` is what the request *claims* (header, path, parameter), before any check: faults match on it, like a proxy in front of the API. */
    | { readonly kind: "call"; readonly action: string | undefined }
    /** Not an API call (an unknown path): answered as is, no faults, no rate limit. */
    | { readonly kind: "reply"; readonly reply: Reply };

/** Who called and what, once the signature and timestamp are verified. */
export interface Caller {
    /** Rate limits are counted per caller (Tencent SecretId, Huawei AK, Alibaba AccessKeyId, SCloud PublicKey). */
    readonly id: string;
    /** The action the verified request names; the pipeline looks it up in the action table. */
    readonly action: string;
}

export interface ActionCall {
    readonly request: EmulatorRequest;
    readonly caller: Caller;
    /** The injected wall clock, read once per request. */
    readonly now: Date;
}

/** Response fields of a successful action, before the vendor's success envelope wraps them. */
export type ActionResult = Readonly<Record<string, unknown>>;

export interface ApiAction {
    /** The vendor's documented limit, requests per second per caller; the comment beside it cites the source. */
    readonly perSecond: number;
    /** True when the action changes stored objects: the state file is written after it. */
    readonly write: boolean;
    /** Parses the parameters and carries the action out; throws ApiError for a documented refusal. */
    run(call: ActionCall): ActionResult | Promise<ActionResult>;
}

export type ActionTable = ReadonlyMap<string, ApiAction>;

/** How the vendor answers; every reply of an API call goes through one of these. */
export interface Envelopes {
    success(result: ActionResult, call: ActionCall): Reply;
    error(error: ApiError): Reply;
    /** The vendor's own "too many requests" answer; `perSecond` is absent when a fault (not the limiter) throttles. */
    throttled(perSecond?: number): Reply;
    /** The refusal for a verified request naming an action the table does not hold. */
    unknownAction(action: string): ApiError;
}

export interface VendorService {
    readonly name: VendorName;
    /** Path prefix the server routes to this vendor (`/tencent`): the prefix itself and everything below it. */
    readonly prefix: string;
    route(request: EmulatorRequest): Route;
    /** Verifies signature and timestamp (and the vendor's gateway checks); throws ApiError. */
    authenticate(request: EmulatorRequest, now: Date): Caller;
    readonly actions: ActionTable;
    readonly envelopes: Envelopes;
    /** Every stored object, without private keys or passwords. */
    inventory(): Inventory;
    /** Vendor-specific admin routes under `/_emulator/<name>/`; undefined means "no such route". */
    handleAdmin?(subpath: string, request: EmulatorRequest): Promise<Reply | undefined>;
}
