import { privateKeyIdentity } from "../keyIdentity";
import { samePem } from "../pem";
import type { PlainValue } from "../outputs";

/** What a change to an input does to the vendor object. */
export type ChangeBehaviour =
    /** The vendor cannot change it: a new object is created (before the old one is deleted). */
    | "replace"
    /** Changed on the existing object. */
    | "update"
    /** Kept in state only (no vendor call), e.g. expiryWarningDays. */
    | "state";

/** How two values of an input are compared for diff and drift. */
export type Comparison =
    /** As JSON; a missing value equals null. */
    | "exact"
    /** PEM text: line endings and surrounding whitespace are not changes. */
    | "pem"
    /** A map of tag keys to values, whatever the key order. */
    | "tags"
    /** A PEM private key: the same key in another encoding (PKCS#1, PKCS#8) is not a change. */
    | "privateKey";

/** One input's behaviour: the single place each resource states it. */
export interface InputSpec {
    readonly change: ChangeBehaviour;
    /** Stored as a secret in state whatever the caller passed, and never printed by check. */
    readonly secret?: boolean;
    /** Applied by check when the input is unset. */
    readonly default?: PlainValue;
    readonly compare?: Comparison;
    /** The vendor reports it back, so read() shows drift on it. */
    readonly reported?: boolean;
    /** The input names the vendor object: optional, and auto-named when unset. */
    readonly autoName?: AutoNameRule;
    /** Human-readable text that must hold no control characters (names, subject fields). */
    readonly text?: boolean;
}

/** A vendor's rules for object names, which an auto-name must satisfy. */
export interface AutoNameRule {
    readonly maxLength: number;
    /** Characters a name may hold; anything else in the logical name becomes the separator. */
    readonly allowed: RegExp;
    /** Names must start with a letter (APIG). */
    readonly startWithLetter?: boolean;
    readonly separator?: "-" | "_";
}

/** An output that is not an input: what the vendor reports about the object. */
export interface OutputSpec {
    readonly secret?: boolean;
}

export type InputTable<I> = { readonly [K in keyof I & string]-?: InputSpec };
export type OutputTable<O> = { readonly [K in keyof O & string]-?: OutputSpec };

/** Inputs the framework fills in itself (auto-names), so a later check can tell them from the user's. */
export const DEFAULTS_KEY = "__defaults";

/** The logical name the resource class passes to check for auto-naming; never stored. (Not `__name`: Pulumi's Resource has a property of that name.) */
export const NAME_KEY = "__cloudcertsName";

export function keysWhere<I>(table: InputTable<I>, test: (spec: InputSpec) => boolean): string[] {
    return Object.entries(table as Record<string, InputSpec>)
        .filter(([, spec]) => test(spec))
        .map(([key]) => key);
}

function tagEntries(value: unknown): string {
    const entries = value !== null && typeof value === "object" ? Object.entries(value as Record<string, unknown>) : [];
    return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether two values of an input are the same for its comparison. */
export function sameValue(compare: Comparison | undefined, a: unknown, b: unknown): boolean {
    switch (compare) {
        case "pem":
            if (typeof a === "string" && typeof b === "string") return samePem(a, b);
            return emptyToNull(a) === emptyToNull(b);
        case "tags":
            return tagEntries(a) === tagEntries(b);
        case "privateKey":
            if (sameValue("pem", a, b)) return true;
            return typeof a === "string" && typeof b === "string" && privateKeyIdentity(a) !== undefined && privateKeyIdentity(a) === privateKeyIdentity(b);
        default:
            return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    }
}

function emptyToNull(v: unknown): unknown {
    return v === undefined || v === "" ? null : v;
}
