/** A JSON-compatible value, the only kind the engine accepts in outputs and checked inputs. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/**
 * Makes a value safe to hand to the engine: `Struct.fromJavaScript` rejects undefined (even nested),
 * Buffer and BigInt with "Unexpected struct type", and silently turns a Date into {}.
 * Undefined object members are dropped, undefined array items become null.
 */
export function sanitize(value: unknown): PlainValue {
    if (value === null || value === undefined) return null;
    if (typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (typeof value === "bigint") return value.toString();
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString("base64");
    if (Array.isArray(value)) return value.map(sanitize);
    if (typeof value === "object") {
        const out: { [key: string]: PlainValue } = {};
        for (const [k, v] of Object.entries(value)) {
            if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
            out[k] = sanitize(v);
        }
        return out;
    }
    return null;
}

/** Sanitises an object of outputs, keeping it an object for the engine. */
export function sanitizeOutputs(value: object): Record<string, PlainValue> {
    return sanitize(value) as Record<string, PlainValue>;
}
