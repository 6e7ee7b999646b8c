/**
 * The value the engine substitutes for inputs that are not known during preview
 * (`@pulumi/pulumi/runtime/rpc` unknownValue). Kept as a literal so the serialized
 * provider does not drag in the SDK to get it.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** True when the value, or anything nested in it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** A value that validation may look at: present and known. */
export function isKnown<T>(value: T | undefined | null): value is T {
    return value !== undefined && value !== null && !containsUnknown(value);
}
