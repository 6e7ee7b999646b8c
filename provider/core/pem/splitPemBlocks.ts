import { findControlCharacter, PEM_ALLOWED_CONTROL_CHARACTERS } from "../text";
import { PemError } from "./pemError";
import { findMarker, readMarkerAt } from "./pemMarkers";
import { assertPemSize } from "./pemSize";

/** One decoded PEM block. @public */
export interface PemBlock {
    /** The label between "-----BEGIN " and "-----", e.g. "CERTIFICATE". */
    readonly label: string;
    /** RFC 1421 headers (traditional encrypted keys carry Proc-Type and DEK-Info). Usually empty. */
    readonly headers: Readonly<Record<string, string>>;
    readonly der: Buffer;
    /**
     * The block re-encoded canonically: LF line endings, base64 in 64-column lines, no trailing
     * newline. Hand this to node:crypto and jsrsasign, never the user's text.
     */
    readonly pem: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Splits PEM text into its blocks, in order. Whitespace between blocks (CRLF too) is fine; any
 * other text outside blocks is rejected rather than skipped, because it is usually a paste
 * mistake (openssl's "Bag Attributes", a half-copied second block) that the vendor would reject
 * later with a vaguer error. Errors name blocks by position and never quote the input.
 *
 * Hostile input is cheap: text over MAX_PEM_INPUT_BYTES is rejected (TOO_LARGE) before it is
 * scanned, control characters other than tab, CR and LF are rejected (CONTROL_CHARACTER) in one
 * pass, and the split itself is linear (markers are found with indexOf, see pemMarkers).
 * @public
 */
export function splitPemBlocks(text: string): PemBlock[] {
    assertPemSize(text);
    const control = findControlCharacter(text, PEM_ALLOWED_CONTROL_CHARACTERS);
    if (control !== undefined) {
        const where = control.line === 1 ? `at position ${control.column}` : `on line ${control.line}`;
        throw new PemError("CONTROL_CHARACTER", `the text contains a control character (${control.notation}) ${where}; PEM may contain only printable characters, spaces, tabs and line breaks`);
    }
    const source = text.replace(/\r\n?/g, "\n");
    if (source.trim() === "") throw new PemError("EMPTY", "the text is empty");

    const blocks: PemBlock[] = [];
    let position = 0;
    for (let begin = findMarker(source, 0, "BEGIN"); begin !== undefined; begin = findMarker(source, position, "BEGIN")) {
        const n = blocks.length + 1;
        if (!isBlank(source, position, begin.start)) {
            throw new PemError("TEXT_OUTSIDE_BLOCKS", `there is text ${n === 1 ? "before the first PEM block" : `between PEM blocks ${n - 1} and ${n}`}`);
        }
        const label = begin.label.trim();
        const endAt = source.indexOf("-----END ", begin.end);
        const nextBeginAt = source.indexOf("-----BEGIN ", begin.end);
        const end = endAt < 0 ? undefined : readMarkerAt(source, endAt, "END");
        if (end === undefined || (nextBeginAt >= 0 && nextBeginAt < endAt)) {
            throw new PemError("UNTERMINATED_BLOCK", `PEM block ${n} has no matching -----END----- line`);
        }
        if (end.label.trim() !== label) {
            throw new PemError("MISMATCHED_LABELS", `the -----END----- line of PEM block ${n} does not match its -----BEGIN----- line`);
        }
        blocks.push(decodeBody(label, source.slice(begin.end, endAt), n));
        position = end.end;
    }
    if (blocks.length === 0) throw new PemError("NOT_PEM", "the text is not PEM: it has no -----BEGIN …----- line");
    if (!isBlank(source, position, source.length)) throw new PemError("TEXT_OUTSIDE_BLOCKS", "there is text after the last PEM block");
    return blocks;
}

function isBlank(source: string, from: number, to: number): boolean {
    return source.slice(from, to).trim() === "";
}

function decodeBody(label: string, body: string, n: number): PemBlock {
    const headers: Record<string, string> = {};
    let encoded = body;
    // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") end at the first blank line; base64 has no ':',
    // so a body without one is all base64.
    if (body.includes(":")) {
        const lines = body.split("\n").map((line) => line.trim());
        while (lines.length > 0 && lines[0] === "") lines.shift();
        if (lines.length > 0 && lines[0]!.includes(":")) {
            while (lines.length > 0 && lines[0] !== "") {
                const line = lines.shift()!;
                const colon = line.indexOf(":");
                if (colon <= 0) throw new PemError("BAD_BASE64", `PEM block ${n} has malformed header lines`);
                headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
            }
        }
        encoded = lines.join("");
    }
    const base64 = encoded.replace(/\s+/g, "");
    if (base64 === "") throw new PemError("BAD_BASE64", `PEM block ${n} is empty`);
    if (!BASE64.test(base64) || base64.length % 4 !== 0) {
        throw new PemError("BAD_BASE64", `PEM block ${n} is not valid base64 (a character was changed, added or cut off)`);
    }
    const der = Buffer.from(base64, "base64");
    // Re-encoded on first read: check() hands node:crypto the DER and never needs it.
    let pem: string | undefined;
    return {
        label,
        headers,
        der,
        get pem() {
            pem ??= encodePemBlock(label, der, headers);
            return pem;
        },
    };
}

/** Encodes DER as a canonical PEM block (64-column base64, LF, no trailing newline). @public */
export function encodePemBlock(label: string, der: Buffer, headers: Readonly<Record<string, string>> = {}): string {
    const base64 = der.toString("base64");
    const lines = [`-----BEGIN ${label}-----`];
    const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    if (headerLines.length > 0) lines.push(...headerLines, "");
    for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
    lines.push(`-----END ${label}-----`);
    return lines.join("\n");
}
