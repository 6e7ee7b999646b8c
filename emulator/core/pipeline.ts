import { setTimeout as delay } from "node:timers/promises";
import { ApiError } from "./apiError";
import type { Fault, FaultInjector, FaultPhase } from "./faults";
import type { RateLimiter } from "./rateLimiter";
import { textReply } from "./reply";
import type { Store } from "./store";
import type { Clock, EmulatorRequest, Reply } from "./types";
import type { ActionCall, VendorService } from "./vendorService";

/**
 * The one request pipeline every vendor API goes through:
 *
 *   route -> faults "before" -> authenticate -> rate-limit -> act -> persist -> faults "after" -> encode
 *
 * Faults sit around the whole call, keyed on the action the request claims, the way a proxy in front
 * of the API would fail it: "before" means the action was not carried out, "after" that it was and
 * was persisted, and only the reply is lost. Vendors supply the steps' contents (vendorService.ts),
 * never the order, so every vendor gets the same fault and rate-limit semantics.
 */

export interface PipelineDependencies {
    readonly faults: FaultInjector;
    /** Undefined when rate limits are switched off. */
    readonly rateLimiter: RateLimiter | undefined;
    readonly store: Store;
    readonly now: Clock;
}

/** What the server does with the connection: answer, or tear it down without a word (a `reset` fault). */
export type Outcome = { readonly kind: "reply"; readonly reply: Reply } | { readonly kind: "reset" };

export async function runPipeline(service: VendorService, request: EmulatorRequest, deps: PipelineDependencies): Promise<Outcome> {
    const route = service.route(request);
    if (route.kind === "reply") return { kind: "reply", reply: route.reply };

    const before = await applyFaults(service, route.action, "before", deps.faults);
    if (before.outcome) {
        deps.faults.countRequest(service.name, true);
        return before.outcome;
    }
    const reply = await call(service, request, deps);
    const after = await applyFaults(service, route.action, "after", deps.faults);
    deps.faults.countRequest(service.name, before.fired || after.fired);
    return after.outcome ?? { kind: "reply", reply };
}

/** authenticate -> rate-limit -> act -> encode, with every documented refusal in the vendor's error envelope. */
async function call(service: VendorService, request: EmulatorRequest, deps: PipelineDependencies): Promise<Reply> {
    const { envelopes } = service;
    let wrote = false;
    try {
        const now = deps.now();
        const caller = service.authenticate(request, now);
        const action = service.actions.get(caller.action);
        if (!action) throw envelopes.unknownAction(caller.action);
        // Buckets per caller and action, as the vendors count them; the vendor name keeps two vendors' callers apart.
        if (deps.rateLimiter && !deps.rateLimiter.take(`${service.name}/${caller.id}/${caller.action}`, action.perSecond)) {
            return envelopes.throttled(action.perSecond);
        }
        const actionCall: ActionCall = { request, caller, now };
        wrote = action.write;
        return envelopes.success(await action.run(actionCall), actionCall);
    } catch (error) {
        if (error instanceof ApiError) return envelopes.error(error);
        throw error;
    } finally {
        // A write that failed half-way may still have moved a counter; the state file must follow.
        if (wrote) await deps.store.flush();
    }
}

/** Delays as the phase's faults say; `outcome` replaces the reply, `fired` says whether any fault hit the request. */
async function applyFaults(service: VendorService, action: string | undefined, phase: FaultPhase, faults: FaultInjector): Promise<{ outcome?: Outcome; fired: boolean }> {
    const fired = faults.take(service.name, action, phase);
    if (fired.latencyMs > 0) await delay(fired.latencyMs);
    return { ...(fired.replace ? { outcome: faultOutcome(fired.replace, service) } : {}), fired: fired.fired };
}

function faultOutcome(fault: Fault, service: VendorService): Outcome {
    switch (fault.kind) {
        case "reset":
            return { kind: "reset" };
        case "throttle":
            return { kind: "reply", reply: service.envelopes.throttled() };
        case "http": {
            const status = fault.status ?? 503;
            const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
            return { kind: "reply", reply: textReply(status, `cloudcerts-emulator: injected HTTP ${status} fault #${fault.id}\n`, headers) };
        }
        case "malformed":
            return { kind: "reply", reply: textReply(200, `{"Response":{"RequestId":"cloudcerts-emulator-fault-${fault.id}"`, { "content-type": "application/json" }) };
        case "latency":
            // FaultInjector.take only ever returns latency faults as a delay.
            throw new Error("latency fault cannot replace a reply");
    }
}
