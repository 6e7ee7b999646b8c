import { headerValue } from "../core/request";
import type { EmulatorRequest } from "../core/types";
import { RET, ScloudError } from "./envelope";

/** A request's parameters exactly as received: the flattened `Key.N` form, values as sent. */
export type ReceivedParams = Readonly<Record<string, string | number | boolean>>;

function scalarsOnly(value: unknown): ReceivedParams | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    const out: Record<string, string | number | boolean> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        // The SDKs flatten before sending; a nested value would be signed differently by each side.
        if (typeof item !== "string" && typeof item !== "number" && typeof item !== "boolean") return undefined;
        out[key] = item;
    }
    return out;
}

function fromSearchParams(text: string): ReceivedParams {
    const out: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(text)) out[key] = value;
    return out;
}

/**
 * The parameters of a UAPI request: a JSON body (what our client and UCloud's JS SDK send), a
 * form-urlencoded body (the Go and Python SDKs), or the query of a GET (reference/scloud.md §2.3).
 * Throws ScloudError 230 when the body cannot be read.
 */
export function readParams(request: EmulatorRequest): ReceivedParams {
    const method = request.method.toUpperCase();
    if (method === "GET") return fromSearchParams(request.query);
    if (method !== "POST") throw new ScloudError(RET.PARAMS_INVALID, `Method ${method} not supported; use POST (or GET)`);
    const contentType = headerValue(request, "content-type") ?? "";
    const text = request.body.toString("utf8");
    if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) return fromSearchParams(text);
    if (/^application\/json\b/i.test(contentType)) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            throw new ScloudError(RET.PARAMS_INVALID, "The request body is not valid JSON");
        }
        const params = scalarsOnly(parsed);
        if (!params) throw new ScloudError(RET.PARAMS_INVALID, "The JSON body must be one object of flattened parameters (Key.N for arrays)");
        return params;
    }
    throw new ScloudError(RET.PARAMS_INVALID, "Content-Type must be application/json or application/x-www-form-urlencoded");
}

/** The action a request claims, read without verifying anything (faults match on it); undefined when unreadable. */
export function claimedAction(request: EmulatorRequest): string | undefined {
    try {
        const action = readParams(request).Action;
        return typeof action === "string" && action !== "" ? action : undefined;
    } catch {
        return undefined;
    }
}

/** Typed access to one action's parameters, refusing as UCloud does ("Params [X] not available"). */
export class Params {
    constructor(private readonly params: ReceivedParams) {}

    optional(name: string): string | undefined {
        const value = this.params[name];
        if (value === undefined || value === "") return undefined;
        return String(value);
    }

    required(name: string): string {
        const value = this.optional(name);
        if (value === undefined) throw new ScloudError(RET.PARAMS_INVALID, `Params [${name}] not available`);
        return value;
    }

    integer(name: string, fallback: number, min: number, max: number): number {
        const raw = this.optional(name);
        if (raw === undefined) return fallback;
        const value = Number(raw);
        if (!Number.isInteger(value) || value < min || value > max) throw new ScloudError(RET.PARAMS_INVALID, `Params [${name}] not available`);
        return value;
    }
}
