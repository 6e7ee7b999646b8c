import { isJsonObject, type JsonObject } from "./json";
import { mixSeed, seededRandom, type SeededRandom } from "./seededRandom";
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
 * With `probability` a fault fires on each matching request with that chance instead of on the
 * next `count` ones, drawn from a generator seeded by `seed` and the fault's place in the list,
 * so a soak is reproducible; `maxInARow` keeps it off a request that its client has already
 * repeated that many times after faults (a retry budget can always be met), and the counts of
 * requests, faulted requests and retries (FaultStats) show how much a soak really injected.
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
    /** Times to fire; default 1, or no limit for a probabilistic fault. */
    readonly count?: number;
    /** Delay for `latency` faults. */
    readonly latencyMs?: number;
    /** Seconds for a `Retry-After` header on `http` faults. */
    readonly retryAfter?: number;
    /** Chance (0 < p <= 1) of firing on each matching request. */
    readonly probability?: number;
    /** Seeds a probabilistic fault's generator (mixed with its place in the list); default 0. */
    readonly seed?: number;
    /** A probabilistic fault skips a request already faulted this many times in a row (the same request, repeated by its client). */
    readonly maxInARow?: number;
}

export interface Fault {
    readonly id: number;
    readonly vendor: VendorName;
    readonly action?: string;
    readonly kind: FaultKind;
    readonly status?: number;
    readonly when: FaultPhase;
    /** Absent: no limit (a probabilistic fault without `count`). */
    readonly count?: number;
    readonly latencyMs?: number;
    readonly retryAfter?: number;
    readonly probability?: number;
    readonly seed?: number;
    readonly maxInARow?: number;
    /** Times left to fire; absent when there is no limit. */
    remaining?: number;
    /** Times fired so far, so that tests can see that a fault was used. */
    fired: number;
}

export class FaultSpecError extends Error {}

const positiveInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0;
const nonNegativeNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0;

/** Checks one fault description from JSON; throws FaultSpecError with a message fit for the HTTP caller. */
export function parseFaultSpec(value: unknown): FaultSpec {
    if (!isJsonObject(value)) throw new FaultSpecError("a fault must be a JSON object");
    const known = new Set(["vendor", "action", "kind", "status", "when", "count", "latencyMs", "retryAfter", "probability", "seed", "maxInARow"]);
    for (const key of Object.keys(value)) {
        if (!known.has(key)) throw new FaultSpecError(`unknown fault field "${key}"`);
    }
    const { vendor, action, kind, status, when, count, latencyMs, retryAfter, probability, seed, maxInARow } = value as JsonObject;
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
    if (probability !== undefined) {
        if (typeof probability !== "number" || !(probability > 0 && probability <= 1)) throw new FaultSpecError(`"probability" must be a number above 0 and at most 1`);
    } else if (seed !== undefined || maxInARow !== undefined) {
        throw new FaultSpecError(`"seed" and "maxInARow" only apply to probabilistic faults (with "probability")`);
    }
    if (seed !== undefined && (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0)) throw new FaultSpecError(`"seed" must be a whole number >= 0`);
    if (maxInARow !== undefined && !positiveInteger(maxInARow)) throw new FaultSpecError(`"maxInARow" must be a positive integer`);
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
        ...(maxInARow !== undefined ? { maxInARow: maxInARow as number } : {}),
    };
}

/** The faults that fire for one request at one phase. */
export interface FiredFaults {
    /** Total delay to add before answering. */
    readonly latencyMs: number;
    /** The fault that replaces the reply, if any (throttle, http or reset). */
    readonly replace?: Fault;
}

/**
 * One request on its way through both phases. `key` identifies the request as its client would
 * send it again (method, path, query and body; not the signature headers), so that a retry is
 * recognised as the same request.
 */
export interface FaultRequest {
    readonly key: string;
    /** Set by the injector. */
    runBefore?: number;
    faulted?: boolean;
}

/** What the faults did since they were set. */
export interface FaultStats {
    /** API requests that met the faults (every routed vendor request). */
    readonly requests: number;
    /** Requests at least one fault fired on (a latency fault counts). */
    readonly faultedRequests: number;
    /** Requests repeating one that was just faulted: a client's retries. */
    readonly retriesAfterFault: number;
    /** The most faults in a row that one request met, repeated by its client. */
    readonly longestRun: number;
}

/** Past this many requests waiting for a retry, all are forgotten: most belong to clients that never retried. */
const MAX_TRACKED_RUNS = 10_000;

export class FaultInjector {
    private faults: Fault[] = [];
    private nextId = 1;
    private draws = new Map<number, SeededRandom>();
    /** Faults in a row per request key, until that request passes untouched. */
    private runs = new Map<string, number>();
    private stats = { requests: 0, faultedRequests: 0, retriesAfterFault: 0, longestRun: 0 };

    /** Replaces every fault with `specs`, and starts the counts afresh. */
    set(specs: readonly FaultSpec[]): Fault[] {
        this.clear();
        this.faults = specs.map((spec, index) => {
            const count = spec.count ?? (spec.probability === undefined ? 1 : undefined);
            const limit = count === undefined ? {} : { count, remaining: count };
            const fault: Fault = { ...spec, ...limit, id: this.nextId++, when: spec.when ?? "before", fired: 0 };
            if (spec.probability !== undefined) this.draws.set(fault.id, seededRandom(mixSeed(spec.seed ?? 0, index)));
            return fault;
        });
        return this.list();
    }

    list(): Fault[] {
        return this.faults.map((fault) => ({ ...fault }));
    }

    counts(): FaultStats {
        return { ...this.stats };
    }

    clear(): void {
        this.faults = [];
        this.draws.clear();
        this.runs.clear();
        this.stats = { requests: 0, faultedRequests: 0, retriesAfterFault: 0, longestRun: 0 };
    }

    /**
     * Consumes the faults that match this request at this phase: every matching latency fault adds
     * its delay, and the first matching throttle/http/reset fault (in the order they were set) replaces the reply.
     * Pass the same `request` to both phases; without it, retries are not recognised.
     */
    take(vendor: VendorName, action: string | undefined, phase: FaultPhase, request?: FaultRequest): FiredFaults {
        if (phase === "before") this.stats.requests += 1;
        if (request && request.runBefore === undefined) {
            request.runBefore = this.runs.get(request.key) ?? 0;
            if (request.runBefore > 0) this.stats.retriesAfterFault += 1;
        }
        let latencyMs = 0;
        let replace: Fault | undefined;
        let fired = false;
        for (const fault of this.faults) {
            if ((fault.remaining !== undefined && fault.remaining <= 0) || fault.vendor !== vendor || fault.when !== phase) continue;
            if (fault.action !== undefined && fault.action !== action) continue;
            // Drawn for every matching request, fired or not, so each fault's sequence does not depend on the others.
            const draw = this.draws.get(fault.id);
            if (draw !== undefined && draw() >= (fault.probability ?? 1)) continue;
            if (fault.maxInARow !== undefined && (request?.runBefore ?? 0) >= fault.maxInARow) continue;
            if (fault.kind === "latency") {
                latencyMs += fault.latencyMs ?? 0;
            } else if (replace === undefined) {
                replace = fault;
            } else {
                continue;
            }
            if (fault.remaining !== undefined) fault.remaining -= 1;
            fault.fired += 1;
            fired = true;
        }
        this.noteOutcome(phase, fired, request);
        return replace ? { latencyMs, replace: { ...replace } } : { latencyMs };
    }

    /** Counts a faulted request once, and follows its run: a request that passes both phases untouched ends it. */
    private noteOutcome(phase: FaultPhase, fired: boolean, request: FaultRequest | undefined): void {
        if (!request) {
            if (fired) this.stats.faultedRequests += 1;
            return;
        }
        if (fired && !request.faulted) {
            request.faulted = true;
            this.stats.faultedRequests += 1;
            const run = (request.runBefore ?? 0) + 1;
            if (this.runs.size >= MAX_TRACKED_RUNS) this.runs.clear();
            this.runs.set(request.key, run);
            this.stats.longestRun = Math.max(this.stats.longestRun, run);
        }
        if (phase === "after" && !request.faulted) this.runs.delete(request.key);
    }
}
