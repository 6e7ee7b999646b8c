/**
 * Finds "-----BEGIN label-----" and "-----END label-----" markers with indexOf and a single
 * forward scan of the label, never a regular expression: on crafted text (thousands of BEGIN
 * lines, runs of dashes, one huge line) every character is looked at a bounded number of times.
 * A label is any run of characters other than "-" and "\n" (RFC 7468 labels have neither).
 */

/** One marker found in the text. @internal */
export interface PemMarker {
    /** Index of its first "-". */
    readonly start: number;
    /** Index just after its closing "-----". */
    readonly end: number;
    /** The label as written, untrimmed. */
    readonly label: string;
}

const DASHES = "-----";

/** The marker that starts exactly at `start` (which holds "-----BEGIN " or "-----END "), if well formed. @internal */
export function readMarkerAt(source: string, start: number, keyword: "BEGIN" | "END"): PemMarker | undefined {
    const prefix = `${DASHES}${keyword} `;
    if (!source.startsWith(prefix, start)) return undefined;
    const labelStart = start + prefix.length;
    let labelEnd = labelStart;
    while (labelEnd < source.length && source[labelEnd] !== "-" && source[labelEnd] !== "\n") labelEnd++;
    if (!source.startsWith(DASHES, labelEnd)) return undefined;
    return { start, end: labelEnd + DASHES.length, label: source.slice(labelStart, labelEnd) };
}

/**
 * The first well-formed marker at or after `from`. Malformed candidates are skipped; their scans
 * stop at the next "-", which is where the next candidate can begin, so the whole search is linear.
 * @internal
 */
export function findMarker(source: string, from: number, keyword: "BEGIN" | "END"): PemMarker | undefined {
    const prefix = `${DASHES}${keyword} `;
    for (let at = source.indexOf(prefix, from); at >= 0; at = source.indexOf(prefix, at + 1)) {
        const marker = readMarkerAt(source, at, keyword);
        if (marker !== undefined) return marker;
    }
    return undefined;
}
