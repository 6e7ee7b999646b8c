import { randomBytes } from "node:crypto";
import { PartialCreateError } from "../errors";
import type { UnresolvedCreateError } from "./createOnce";

/**
 * Ids of resources whose create had an unknown outcome. The engine needs an id to record a
 * partial create; this one says the vendor id is not known yet, and `__pending` in its state says
 * how a later run finds the object.
 */
export const PENDING_PREFIX = "cloudcerts-pending-";
export const PENDING_KEY = "__pending";

/** Enough for a later run to tell the lost object from those that existed before. */
export interface PendingCreate {
    readonly label: string;
    readonly before: readonly string[];
    readonly at: string;
}

/** Past this many, `before` is not stored (state stays small); the object is then found by its attributes alone. */
const MAX_BEFORE_IDS = 5000;

export function isPendingId(id: string | undefined): boolean {
    return typeof id === "string" && id.startsWith(PENDING_PREFIX);
}

export function pendingOf(state: Readonly<Record<string, unknown>> | undefined): PendingCreate | undefined {
    const p = state?.[PENDING_KEY] as Partial<PendingCreate> | undefined;
    if (!p || typeof p !== "object" || typeof p.label !== "string" || !Array.isArray(p.before)) return undefined;
    return { label: p.label, before: p.before.filter((x): x is string => typeof x === "string"), at: typeof p.at === "string" ? p.at : "" };
}

/** The error that records a create whose outcome is unknown as a pending partial create. */
export class PendingCreateError extends PartialCreateError {
    constructor(resource: string, unresolved: UnresolvedCreateError, properties: Record<string, unknown>, findHint: string, searchable = true) {
        const pending: PendingCreate = {
            label: unresolved.label,
            before: unresolved.before.length <= MAX_BEFORE_IDS ? unresolved.before : [],
            at: unresolved.at,
        };
        super(`${PENDING_PREFIX}${randomBytes(8).toString("hex")}`, { ...properties, [PENDING_KEY]: pending }, unresolved);
        this.name = "PendingCreateError";
        this.message =
            `${unresolved.message}. A ${resource} may have been created at about ${unresolved.at}. ` +
            (searchable
                ? "It is recorded in the stack as pending: the next `pulumi up` finds it (or creates it if it does not exist), " +
                  `and \`pulumi destroy\` removes it. To find it yourself: ${findHint}.`
                : "It is recorded in the stack as pending, but the vendor offers no way to search for it, so the next `pulumi up` and " +
                  `\`pulumi destroy\` stop with this error rather than risk a second one. Resolve it yourself: ${findHint}.`);
        this.reasons.splice(0, this.reasons.length, this.message);
    }
}
