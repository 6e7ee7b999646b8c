/** Where a control character sits in a text, for messages that must not quote the text itself. @public */
export interface ControlCharacter {
    /** 0-based index in UTF-16 code units. */
    readonly index: number;
    /** 1-based line and column (column in UTF-16 code units), counting "\n" as the line break. */
    readonly line: number;
    readonly column: number;
    readonly codePoint: number;
    /** "U+0007": safe to print, unlike the character itself (a terminal may act on it). */
    readonly notation: string;
}

/** The control characters a PEM input may contain: tab, line feed, carriage return. @public */
export const PEM_ALLOWED_CONTROL_CHARACTERS = "\t\n\r";

/**
 * True for C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). Vendors reject them in
 * names and subject fields, and a terminal printing a C1 or ESC sequence can be made to hide or
 * rewrite what Pulumi shows.
 * @public
 */
export function isControlCharacter(codePoint: number): boolean {
    return codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/**
 * The first control character in `text` that is not in `allowed` (e.g.
 * PEM_ALLOWED_CONTROL_CHARACTERS), or undefined. One pass, no regular expression, so it is
 * linear on any input.
 * @public
 */
export function findControlCharacter(text: string, allowed = ""): ControlCharacter | undefined {
    // Most texts have none: one regular-expression scan (a single character class, so linear)
    // answers that several times faster than the loop that locates one.
    if (!controlPattern(allowed).test(text)) return undefined;
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < text.length; index++) {
        const codePoint = text.charCodeAt(index);
        if (isControlCharacter(codePoint) && !allowed.includes(text[index]!)) {
            return { index, line, column: index - lineStart + 1, codePoint, notation: `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}` };
        }
        if (codePoint === 0x0a) {
            line += 1;
            lineStart = index + 1;
        }
    }
    return undefined;
}

// Plain constants, no cache: a module-level Map does not survive Pulumi's closure serialization.
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_PEM_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A character class that finds every control character not in `allowed` (and maybe some that are). */
function controlPattern(allowed: string): RegExp {
    return allowed.includes("\t") && allowed.includes("\n") && allowed.includes("\r") ? CONTROL_BUT_PEM_WHITESPACE : ANY_CONTROL;
}

/**
 * A message fragment for a control character found in a property: "name contains a control
 * character (U+001B) at line 1, column 4". Never includes the text.
 * @public
 */
export function describeControlCharacter(property: string, found: ControlCharacter): string {
    const where = found.line === 1 ? `at position ${found.column}` : `at line ${found.line}, column ${found.column}`;
    return `${property} contains a control character (${found.notation}) ${where}`;
}

/** How much of an input a message quotes. */
export const MAX_QUOTED_LENGTH = 64;

/**
 * Input text as a message may quote it: each control character becomes "?" (a terminal printing
 * one can be made to hide or rewrite what Pulumi shows) and the text is cut to `max` characters,
 * so that a pasted log or a 100 KB key name reads as a short, inert fragment. Linear, no regex.
 * @public
 */
export function printable(text: string, max = MAX_QUOTED_LENGTH): string {
    let out = "";
    let length = 0;
    for (const char of text) {
        if (length >= max) return `${out}…`;
        out += isControlCharacter(char.codePointAt(0)!) ? "?" : char;
        length++;
    }
    return out;
}
