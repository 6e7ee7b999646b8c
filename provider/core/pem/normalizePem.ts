import { splitPemBlocks, type PemBlock } from "./splitPemBlocks";

const BLOCK_SOURCE = /-----BEGIN ([^\n-]*)-----([\s\S]*?)-----END \1-----/.source;

/**
 * The form PEM inputs are compared and stored in, so that CRLF line endings, indentation,
 * surrounding whitespace and a trailing newline never show up as a diff: LF only, each line of a
 * block trimmed, blank lines inside a block dropped (except the one that ends RFC 1421 headers),
 * blocks joined by a single "\n", no leading or trailing whitespace. Base64 is not re-wrapped, so
 * the text stays what the user wrote. Never throws: text that is not PEM is only trimmed.
 * @public
 */
export function normalizePem(text: string): string {
    const source = text.replace(/\r\n?/g, "\n");
    const parts: string[] = [];
    let position = 0;
    // A fresh global RegExp per call: a shared one would carry lastIndex state between calls.
    for (const match of source.matchAll(new RegExp(BLOCK_SOURCE, "g"))) {
        parts.push(source.slice(position, match.index).trim());
        parts.push(`-----BEGIN ${match[1]}-----${normalizeBody(match[2]!)}-----END ${match[1]}-----`);
        position = match.index + match[0].length;
    }
    parts.push(source.slice(position).trim());
    return parts.filter((part) => part !== "").join("\n");
}

function normalizeBody(body: string): string {
    // Single-line PEM ("-----BEGIN X-----MIIB…-----END X-----") stays on one line.
    if (!body.includes("\n")) return body.trim();
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
