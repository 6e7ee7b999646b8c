import { isJsonObject, type JsonObject } from "./json";
import { seededRandom } from "./seededRandom";
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
 * With `probability`, a fault fires on each matching request with that chance instead of on every
 * one (and without a count, for as long as it is set), drawn from a generator seeded by `seed` and
 * the fault's place in the list: a soak under random faults can be replayed from its seed.
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
    /** Chance (0 < p <= 1) of firing on each matching request; absent = every matching request. */
    readonly probability?: number;
    /** Seed for the draws of a probabilistic fault (an integer from 0 to 2^32-1); default 0. */
    readonly seed?: number;
}

/** A probabilistic fault without a count fires for as long as it is set. */
export const UNLIMITED_COUNT = Number.MAX_SAFE_INTEGER;

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
    readonly probability?: number;
    readonly seed?: number;
    /** Times left to fire. */
    remaining: number;
    /** Times fired so far, so that tests can see that a fault was used. */
    fired: number;
    /** Matching requests it was drawn for (probabilistic faults), so that tests can check the rate. */
    seen: number;
}

export class FaultSpecError extends Error {}

const positiveInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0;
const nonNegativeNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0;

/** Checks one fault description from JSON; throws FaultSpecError with a message fit for the HTTP caller. */
export function parseFaultSpec(value: unknown): FaultSpec {
    if (!isJsonObject(value)) throw new FaultSpecError("a fault must be a JSON object");
    const known = new Set(["vendor", "action", "kind", "status", "when", "count", "latencyMs", "retryAfter", "probability", "seed"]);
    for (const key of Object.keys(value)) {
        if (!known.has(key)) throw new FaultSpecError(`unknown fault field "${key}"`);
    }
    const { vendor, action, kind, status, when, count, latencyMs, retryAfter, probability, seed } = value as JsonObject;
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
    if (probability !== undefined && !(typeof probability === "number" && probability > 0 && probability <= 1)) {
        throw new FaultSpecError(`"probability" must be a number greater than 0 and at most 1`);
    }
    if (seed !== undefined) {
        if (probability === undefined) throw new FaultSpecError(`"seed" only applies to faults with a "probability"`);
        if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new FaultSpecError(`"seed" must be an integer from 0 to 4294967295`);
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
        ...(probability !== undefined ? { probability: probability as number } : {}),
        ...(seed !== undefined ? { seed: seed as number } : {}),
    };
}

/** The faults that fire for one request at one phase. */
export interface FiredFaults {
    /** Total delay to add before answering. */
    readonly latencyMs: number;
    /** The fault that replaces the reply, if any (throttle, http or reset). */
    readonly replace?: Fault;
    /** Whether any fault fired (a delay counts). */
    readonly fired: boolean;
}

/** Vendor API requests that reached the fault stage since the faults were last set or cleared, and how many of them a fault hit. */
export interface FaultedRequests {
    readonly requests: number;
    readonly faulted: number;
}

/** Spreads the seeds of a list's faults apart, so two faults with the same seed do not fire together. */
const seedFor = (seed: number, index: number): number => (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;

export class FaultInjector {
    private faults: Fault[] = [];
    private draws = new Map<number, () => number>();
    private counts = new Map<VendorName, { requests: number; faulted: number }>();
    private nextId = 1;

    /** Replaces every fault with `specs`, and starts counting requests afresh. */
    set(specs: readonly FaultSpec[]): Fault[] {
        this.draws.clear();
        this.counts.clear();
        this.faults = specs.map((spec, index) => {
            const count = spec.count ?? (spec.probability !== undefined ? UNLIMITED_COUNT : 1);
            const fault: Fault = { ...spec, id: this.nextId++, when: spec.when ?? "before", count, remaining: count, fired: 0, seen: 0 };
            if (spec.probability !== undefined) this.draws.set(fault.id, seededRandom(seedFor(spec.seed ?? 0, index)));
            return fault;
        });
        return this.list();
    }

    list(): Fault[] {
        return this.faults.map((fault) => ({ ...fault }));
    }

    clear(): void {
        this.set([]);
    }

    /** Counts one request once its faults are known (both phases): the denominator of a fault rate. */
    countRequest(vendor: VendorName, faulted: boolean): void {
        const count = this.counts.get(vendor) ?? { requests: 0, faulted: 0 };
        count.requests += 1;
        if (faulted) count.faulted += 1;
        this.counts.set(vendor, count);
    }

    /** Per vendor, the requests seen and faulted since the faults were last set or cleared. */
    requestCounts(): Partial<Record<VendorName, FaultedRequests>> {
        return Object.fromEntries([...this.counts].map(([vendor, count]) => [vendor, { ...count }]));
    }

    /**
     * Consumes the faults that match this request at this phase: every matching latency fault adds
     * its delay, and the first matching throttle/http/reset fault (in the order they were set) replaces
     * the reply. A probabilistic fault is drawn for only when it could take effect.
     */
    take(vendor: VendorName, action: string | undefined, phase: FaultPhase): FiredFaults {
        let latencyMs = 0;
        let replace: Fault | undefined;
        let fired = false;
        for (const fault of this.faults) {
            if (fault.remaining <= 0 || fault.vendor !== vendor || fault.when !== phase) continue;
            if (fault.action !== undefined && fault.action !== action) continue;
            if (fault.kind !== "latency" && replace !== undefined) continue;
            const draw = this.draws.get(fault.id);
            if (draw) {
                fault.seen += 1;
                if (draw() >= (fault.probability ?? 1)) continue;
            }
            if (fault.kind === "latency") latencyMs += fault.latencyMs ?? 0;
            else replace = fault;
            fault.remaining -= 1;
            fault.fired += 1;
            fired = true;
        }
        return replace ? { latencyMs, replace: { ...replace }, fired } : { latencyMs, fired };
    }
}
