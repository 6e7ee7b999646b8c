import type { CheckFailure } from "../validate";
import { MAX_REPORTED_FAILURES } from "./limits";

/**
 * The first `max` failures, then one that counts the rest: a bundle of many bad certificates
 * should read as a short list, not a wall of text the user scrolls past.
 * @internal
 */
export function capFailures(failures: readonly CheckFailure[], max = MAX_REPORTED_FAILURES): CheckFailure[] {
    if (failures.length <= max) return [...failures];
    const rest = failures.slice(max);
    const property = rest[0]!.property;
    const where = rest.every((f) => f.property === property) && property !== "" ? ` in ${property}` : "";
    const summary = `and ${rest.length} more problem${rest.length === 1 ? "" : "s"} with the certificates${where}, not listed: fix the ones above and run the preview again.`;
    return [...failures.slice(0, max), { property, reason: property === "" ? summary : `${property}: ${summary}` }];
}
