import { MAX_PEM_INPUT_BYTES } from "./limits";
import { findMarker, type PemMarker } from "./pemMarkers";
import { splitPemBlocks, type PemBlock } from "./splitPemBlocks";

/**
 * The form PEM inputs are compared and stored in, so that CRLF line endings, indentation,
 * surrounding whitespace and a trailing newline never show up as a diff: LF only, each line of a
 * block trimmed, blank lines inside a block dropped (except the one that ends RFC 1421 headers),
 * blocks joined by a single "\n", no leading or trailing whitespace. Base64 is not re-wrapped, so
 * the text stays what the user wrote. Never throws: text that is not PEM is only trimmed.
 * A block runs from a BEGIN marker to the first END marker with the same label. Linear on any
 * input; text over MAX_PEM_INPUT_BYTES, which check() rejects anyway, only has its line endings
 * and surrounding whitespace normalised, so that a 5 MB paste costs check() milliseconds.
 * @public
 */
export function normalizePem(text: string): string {
    const source = text.replace(/\r\n?/g, "\n");
    if (source.length > MAX_PEM_INPUT_BYTES) return source.trim();
    const parts: string[] = [];
    const ends = new EndMarkers(source);
    let copied = 0;
    for (let begin = findMarker(source, 0, "BEGIN"); begin !== undefined; ) {
        const end = ends.next(begin.label, begin.end);
        if (end === undefined) {
            // No END for this label: ordinary text, but a later BEGIN may still open a block.
            begin = findMarker(source, begin.start + 1, "BEGIN");
            continue;
        }
        parts.push(source.slice(copied, begin.start).trim());
        parts.push(`-----BEGIN ${begin.label}-----${normalizeBody(source.slice(begin.end, end.start))}-----END ${begin.label}-----`);
        copied = end.end;
        begin = findMarker(source, copied, "BEGIN");
    }
    parts.push(source.slice(copied).trim());
    return parts.filter((part) => part !== "").join("\n");
}

/**
 * Every END marker, indexed by label, found in one pass. Lookups only move forward (blocks are
 * read in order), so each label's list is walked once: no rescans, whatever the BEGIN lines.
 */
class EndMarkers {
    private readonly byLabel = new Map<string, { markers: PemMarker[]; next: number }>();

    constructor(source: string) {
        for (let end = findMarker(source, 0, "END"); end !== undefined; end = findMarker(source, end.end, "END")) {
            const entry = this.byLabel.get(end.label) ?? { markers: [], next: 0 };
            entry.markers.push(end);
            this.byLabel.set(end.label, entry);
        }
    }

    /** The first END marker for `label` that starts at or after `from`. */
    next(label: string, from: number): PemMarker | undefined {
        const entry = this.byLabel.get(label);
        if (entry === undefined) return undefined;
        while (entry.next < entry.markers.length && entry.markers[entry.next]!.start < from) entry.next++;
        return entry.markers[entry.next];
    }
}

/** A body already in normal form: on its own lines, no blank line, no surrounding blanks, no headers. */
const NOT_NORMAL_BODY = /\n\n|[ \t]\n|\n[ \t]|:/;

function normalizeBody(body: string): string {
    // Single-line PEM ("-----BEGIN X-----MIIB…-----END X-----") stays on one line.
    if (!body.includes("\n")) return body.trim();
    // What it is given is almost always already normal (state, or a PEM as openssl writes it).
    if (body.length > 2 && body.startsWith("\n") && body.endsWith("\n") && !NOT_NORMAL_BODY.test(body)) return body;
    const lines = body.split("\n").map((line) => line.trim()).filter((line) => line !== "");
    const out: string[] = [];
    let inHeaders = lines.length > 0 && lines[0]!.includes(":");
    for (const line of lines) {
        if (inHeaders && !line.includes(":")) {
            out.push(""); // the blank line OpenSSL requires between headers and base64
            inHeaders = false;
        }
        out.push(line);
    }
    return `\n${out.join("\n")}\n`;
}

/**
 * True when two PEM texts carry the same content: equal after normalizePem, or, when both
 * parse, the same blocks (label, headers, DER) in the same order, which also ignores base64
 * line width (some APIs re-wrap what they store).
 * @public
 */
export function samePem(a: string, b: string): boolean {
    if (normalizePem(a) === normalizePem(b)) return true;
    const left = tryBlocks(a);
    const right = tryBlocks(b);
    if (left === undefined || right === undefined || left.length !== right.length) return false;
    return left.every((block, i) => sameBlock(block, right[i]!));
}

function tryBlocks(text: string): PemBlock[] | undefined {
    try {
        return splitPemBlocks(text);
    } catch {
        return undefined;
    }
}

function sameBlock(a: PemBlock, b: PemBlock): boolean {
    return a.label === b.label && a.der.equals(b.der) && JSON.stringify(a.headers) === JSON.stringify(b.headers);
}
