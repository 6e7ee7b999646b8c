import type { IncomingHttpHeaders } from "node:http";
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

/** What every vendor module gets from the emulator: shared storage and the wall clock. */
export interface VendorContext {
    readonly store: Store;
    readonly now: Clock;
}
