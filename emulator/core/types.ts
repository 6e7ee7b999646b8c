import type { IncomingHttpHeaders } from "node:http";
import type { RateLimiter } from "./rateLimiter";
import type { Store } from "./store";

/** The four vendors the emulator will serve; each owns the path prefix `/<name>`. */
export const VENDOR_NAMES = ["tencent", "huawei", "alibaba", "scloud"] as const;
export type VendorName = (typeof VENDOR_NAMES)[number];

/** Wall clock. Injected so that timestamp checks and stored times are reproducible in tests. */
export type Clock = () => Date;

/** A request as the vendor code sees it: the body is fully read because signatures cover its exact bytes. */
export interface EmulatorRequest {
    readonly method: string;
    /** Path exactly as received, without the query string (signatures cover it). */
    readonly path: string;
    /** Raw query string without the leading "?", "" when absent. */
    readonly query: string;
    readonly headers: IncomingHttpHeaders;
    readonly body: Buffer;
}

export interface Reply {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body: string;
}

/** One vendor's stored objects by kind (e.g. `{ certificates: [...], csrs: [...] }`), safe to show: no secrets. */
export type Inventory = Readonly<Record<string, unknown>>;

/** What every vendor module gets from the server: shared storage, the clock and the rate limiter. */
export interface VendorContext {
    readonly store: Store;
    readonly now: Clock;
    /** Undefined when rate limits are switched off. */
    readonly rateLimiter: RateLimiter | undefined;
}

/**
 * The plug-in point for a vendor. The generic server routes `/<name>` and `/<name>/...` here, applies
 * faults around `handle`, and asks for `inventory` on `GET /_emulator/inventory`.
 */
export interface VendorService {
    readonly name: VendorName;
    /** The API action a request names (for fault matching); undefined when the request names none. */
    actionOf(request: EmulatorRequest): string | undefined;
    handle(request: EmulatorRequest): Promise<Reply>;
    /** The vendor's own "too many requests" answer, used by `throttle` faults. */
    throttleReply(request: EmulatorRequest): Reply;
    /** Every stored object, without private keys or passwords. */
    inventory(): Inventory;
    /** Vendor-specific admin routes under `/_emulator/<name>/`; undefined means "no such route". */
    handleAdmin?(subpath: string, request: EmulatorRequest): Promise<Reply | undefined>;
}
