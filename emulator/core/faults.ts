import { isJsonObject, type JsonObject } from "./json";
import { VENDOR_NAMES, type VendorName } from "./types";

/**
 * Fault injection. A fault matches requests to one vendor (optionally one action) and fires up to
 * `count` times:
 *   - `throttle`: the vendor's own throttling answer (Tencent: RequestLimitExceeded, HTTP 200);
 *   - `http`:     a bare HTTP error status, as a gateway or load balancer would send;
 *   - `reset`:    the socket is destroyed without any reply;
 *   - `latency`:  the reply is delayed by `latencyMs` (combines with the others);
 *   - `malformed`: HTTP 200 with a body that is not the vendor's envelope (a truncated JSON
 *                 document), as a broken proxy or a cut connection can produce.
 * `when: "after"` lets the action be carried out first and then replaces the reply: that is how a
 * test proves that a client does not create duplicates after an ambiguous failure.
 * This module checks a fault's shape; faultRules.ts checks that the served vendors can produce it,
 * and pipeline.ts applies it.
 */

export const FAULT_KINDS = ["throttle", "http", "reset", "latency", "malformed"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultPhase = "before" | "after";

export interface FaultSpec {
    readonly vendor: VendorName;
    /** Action name (e.g. "UploadCertificate"); absent = every action of the vendor. */
    readonly action?: string;
    readonly kind: FaultKind;
    /** HTTP status for `http` faults (e.g. 429, 500, 502, 503). */
    readonly status?: number;
    /** Default "before": the action is not carried out. */
    readonly when?: FaultPhase;
    /** Times to fire; default 1. */
    readonly count?: number;
    /** Delay for `latency` faults. */
    readonly latencyMs?: number;
    /** Seconds for a `Retry-After` header on `http` faults. */
    readonly retryAfter?: number;
}

export interface Fault {
    readonly id: number;
    readonly vendor: VendorName;
    readonly action?: string;
    readonly kind: FaultKind;
    readonly status?: number;
    readonly when: FaultPhase;
    readonly count: number;
    readonly latencyMs?: number;
    readonly retryAfter?: number;
    /** Times left to fire. */
    remaining: number;
    /** Times fired so far, so that tests can see that a fault was used. */
    fired: number;
}

export class FaultSpecError extends Error {}

const positiveInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0;
const nonNegativeNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0;

/** Checks one fault description from JSON; throws FaultSpecError with a message fit for the HTTP caller. */
export function parseFaultSpec(value: unknown): FaultSpec {
    if (!isJsonObject(value)) throw new FaultSpecError("a fault must be a JSON object");
    const known = new Set(["vendor", "action", "kind", "status", "when", "count", "latencyMs", "retryAfter"]);
    for (const key of Object.keys(value)) {
        if (!known.has(key)) throw new FaultSpecError(`unknown fault field "${key}"`);
    }
    const { vendor, action, kind, status, when, count, latencyMs, retryAfter } = value as JsonObject;
    if (typeof vendor !== "string" || !(VENDOR_NAMES as readonly string[]).includes(vendor)) {
        throw new FaultSpecError(`"vendor" must be one of ${VENDOR_NAMES.join(", ")}`);
    }
    if (action !== undefined && (typeof action !== "string" || action === "")) throw new FaultSpecError(`"action" must be a non-empty string`);
    if (typeof kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(kind)) {
        throw new FaultSpecError(`"kind" must be one of ${FAULT_KINDS.join(", ")}`);
    }
    if (when !== undefined && when !== "before" && when !== "after") throw new FaultSpecError(`"when" must be "before" or "after"`);
    if (count !== undefined && !positiveInteger(count)) throw new FaultSpecError(`"count" must be a positive integer`);
    if (kind === "http") {
        if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) {
            throw new FaultSpecError(`an http fault needs "status" between 400 and 599 (e.g. 429, 500, 502, 503)`);
        }
    } else if (status !== undefined) {
        throw new FaultSpecError(`"status" only applies to http faults`);
    }
    if (kind === "latency") {
        if (!nonNegativeNumber(latencyMs)) throw new FaultSpecError(`a latency fault needs "latencyMs" >= 0`);
    } else if (latencyMs !== undefined) {
        throw new FaultSpecError(`"latencyMs" only applies to latency faults`);
    }
    if (retryAfter !== undefined) {
        if (kind !== "http") throw new FaultSpecError(`"retryAfter" only applies to http faults`);
        if (!nonNegativeNumber(retryAfter) || !Number.isInteger(retryAfter)) throw new FaultSpecError(`"retryAfter" must be whole seconds >= 0`);
    }
    return {
        vendor: vendor as VendorName,
        kind: kind as FaultKind,
        ...(action !== undefined ? { action: action as string } : {}),
        ...(status !== undefined ? { status: status as number } : {}),
        ...(when !== undefined ? { when: when as FaultPhase } : {}),
        ...(count !== undefined ? { count: count as number } : {}),
        ...(latencyMs !== undefined ? { latencyMs: latencyMs as number } : {}),
        ...(retryAfter !== undefined ? { retryAfter: retryAfter as number } : {}),
    };
}

/** The faults that fire for one request at one phase. */
export interface FiredFaults {
    /** Total delay to add before answering. */
    readonly latencyMs: number;
    /** The fault that replaces the reply, if any (throttle, http or reset). */
    readonly replace?: Fault;
}

export class FaultInjector {
    private faults: Fault[] = [];
    private nextId = 1;

    /** Replaces every fault with `specs`. */
    set(specs: readonly FaultSpec[]): Fault[] {
        this.faults = specs.map((spec) => {
            const count = spec.count ?? 1;
            return { ...spec, id: this.nextId++, when: spec.when ?? "before", count, remaining: count, fired: 0 };
        });
        return this.list();
    }

    list(): Fault[] {
        return this.faults.map((fault) => ({ ...fault }));
    }

    clear(): void {
        this.faults = [];
    }

    /**
     * Consumes the faults that match this request at this phase: every matching latency fault adds
     * its delay, and the first matching throttle/http/reset fault (in the order they were set) replaces the reply.
     */
    take(vendor: VendorName, action: string | undefined, phase: FaultPhase): FiredFaults {
        let latencyMs = 0;
        let replace: Fault | undefined;
        for (const fault of this.faults) {
            if (fault.remaining <= 0 || fault.vendor !== vendor || fault.when !== phase) continue;
            if (fault.action !== undefined && fault.action !== action) continue;
            if (fault.kind === "latency") {
                latencyMs += fault.latencyMs ?? 0;
            } else if (replace === undefined) {
                replace = fault;
            } else {
                continue;
            }
            fault.remaining -= 1;
            fault.fired += 1;
        }
        return replace ? { latencyMs, replace: { ...replace } } : { latencyMs };
    }
}
