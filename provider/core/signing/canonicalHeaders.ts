export interface CanonicalHeaders {
    /** `name:value\n` per header, sorted by name: every line ends in \n, as all these signers expect. */
    readonly canonical: string;
    /** The same names joined by `;`. */
    readonly signed: string;
}

export interface CanonicalHeaderOptions {
    /** Tencent's TC3 lowercases header values too; Huawei and Alibaba keep their case. */
    readonly lowercaseValues?: boolean;
}

/**
 * Canonical headers for HMAC-SHA256 request signing: names lowercased and trimmed, values
 * trimmed, sorted by name in code-unit order. A name given twice in different case keeps the
 * last value, which is what is sent when headers are merged case-insensitively.
 */
export function canonicalHeaders(headers: Readonly<Record<string, string>>, options: CanonicalHeaderOptions = {}): CanonicalHeaders {
    const entries = new Map<string, string>();
    for (const [name, value] of Object.entries(headers)) {
        const trimmed = value.trim();
        entries.set(name.trim().toLowerCase(), options.lowercaseValues ? trimmed.toLowerCase() : trimmed);
    }
    const names = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
        canonical: names.map((name) => `${name}:${entries.get(name)}\n`).join(""),
        signed: names.join(";"),
    };
}
