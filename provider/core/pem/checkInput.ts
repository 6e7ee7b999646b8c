import { containsUnknown } from "../unknown";

/** One input to validate: the property name reported in failures and the raw value from check(). @public */
export interface CheckInput {
    readonly property: string;
    /** The raw input: a string, undefined/null when not set, or Pulumi's unknown sentinel at preview. */
    readonly value: unknown;
}

/** @internal */
export type InputState =
    | { readonly state: "absent" }
    /** Not known until `up`: skip everything that needs it. */
    | { readonly state: "unknown" }
    | { readonly state: "notString" }
    | { readonly state: "present"; readonly text: string };

/**
 * Classifies an input for validation. An empty or whitespace-only string counts as absent, so an
 * optional key set to "" behaves like no key (Pulumi config often yields "").
 * @internal
 */
export function readCheckInput(input: CheckInput | undefined): InputState {
    const value = input?.value;
    if (value === undefined || value === null) return { state: "absent" };
    if (containsUnknown(value)) return { state: "unknown" };
    if (typeof value !== "string") return { state: "notString" };
    if (value.trim() === "") return { state: "absent" };
    return { state: "present", text: value };
}

/** ISO-8601 UTC to the second, e.g. "2027-02-20T20:18:26Z". @internal */
export function isoUtc(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
