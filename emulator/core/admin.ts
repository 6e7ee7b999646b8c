import { acceptFaultSpec } from "./faultRules";
import { FaultSpecError, type FaultInjector } from "./faults";
import type { RateLimiter } from "./rateLimiter";
import type { RequestCounter } from "./requestCounter";
import { adminError, jsonReply } from "./reply";
import type { Store } from "./store";
import { VENDOR_NAMES, type Clock, type EmulatorRequest, type Inventory, type Reply, type VendorName } from "./types";
import type { VendorService } from "./vendorService";

/** Admin endpoints under `/_emulator/`. They are unauthenticated: the emulator listens on loopback only. */

export interface AdminDependencies {
    readonly vendors: ReadonlyMap<VendorName, VendorService>;
    readonly faults: FaultInjector;
    readonly store: Store;
    readonly rateLimiter: RateLimiter | undefined;
    readonly requests: RequestCounter;
    readonly now: Clock;
}

/** Every stored object by vendor; vendors that are not served yet appear as `{}` so the shape is stable. */
export function buildInventory(vendors: ReadonlyMap<VendorName, VendorService>): Record<VendorName, Inventory> {
    const out = {} as Record<VendorName, Inventory>;
    for (const name of VENDOR_NAMES) out[name] = vendors.get(name)?.inventory() ?? {};
    return out;
}

/** Clears objects, faults, rate-limit buckets and request counts: every test can start from nothing. */
export function resetAll(deps: AdminDependencies): void {
    deps.store.clear();
    deps.faults.clear();
    deps.rateLimiter?.reset();
    deps.requests.clear();
}

function parseJsonBody(request: EmulatorRequest): unknown {
    const text = request.body.toString("utf8").trim();
    if (text === "") return undefined;
    return JSON.parse(text);
}

/** `subpath` is what follows `/_emulator/`, without a trailing slash. */
export async function handleAdmin(subpath: string, request: EmulatorRequest, deps: AdminDependencies): Promise<Reply> {
    const method = request.method.toUpperCase();
    switch (subpath) {
        case "health":
            return method === "GET" ? jsonReply(200, { ok: true, vendors: [...deps.vendors.keys()] }) : methodNotAllowed("GET");
        case "inventory":
            return method === "GET" ? jsonReply(200, buildInventory(deps.vendors)) : methodNotAllowed("GET");
        case "reset":
            if (method !== "POST") return methodNotAllowed("POST");
            resetAll(deps);
            await deps.store.flush();
            return jsonReply(200, { reset: true });
        case "faults":
            return handleFaults(method, request, deps);
        case "requests":
            return method === "GET" ? jsonReply(200, deps.requests.counts()) : methodNotAllowed("GET");
        case "rate-limits":
            if (method !== "GET") return methodNotAllowed("GET");
            return jsonReply(200, { enabled: deps.rateLimiter !== undefined, refused: deps.rateLimiter?.refusals() ?? {} });
    }
    const slash = subpath.indexOf("/");
    const vendor = deps.vendors.get((slash < 0 ? subpath : subpath.slice(0, slash)) as VendorName);
    if (vendor?.handleAdmin && slash > 0) {
        const reply = await vendor.handleAdmin(subpath.slice(slash + 1), request);
        if (reply) {
            await deps.store.flush();
            return reply;
        }
    }
    return adminError(404, `no admin endpoint /_emulator/${subpath}`);
}

function handleFaults(method: string, request: EmulatorRequest, deps: AdminDependencies): Reply {
    const { faults } = deps;
    switch (method) {
        case "GET":
            return jsonReply(200, { faults: faults.list(), stats: faults.counts() });
        case "DELETE":
            faults.clear();
            return jsonReply(200, { faults: [] });
        case "POST": {
            let body: unknown;
            try {
                body = parseJsonBody(request);
            } catch {
                return adminError(400, "the body must be a JSON fault or an array of faults");
            }
            try {
                // POST *sets* the faults: the list in the body replaces whatever was there.
                const specs = (Array.isArray(body) ? body : [body]).map((value) => acceptFaultSpec(value, deps.vendors));
                return jsonReply(200, { faults: faults.set(specs) });
            } catch (error) {
                if (error instanceof FaultSpecError) return adminError(400, error.message);
                throw error;
            }
        }
        default:
            return methodNotAllowed("GET, POST, DELETE");
    }
}

function methodNotAllowed(allow: string): Reply {
    return jsonReply(405, { error: `method not allowed; use ${allow}` }, { allow });
}
