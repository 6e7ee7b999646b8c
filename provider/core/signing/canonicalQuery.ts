import { percentEncode } from "./percentEncode";

/** One query parameter; a key may repeat (Huawei sends arrays as repeated keys). */
export type QueryParam = readonly [key: string, value: string];

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical query string every signer here shares: pairs sorted by raw key in UTF-16
 * code-unit order (JS `<`, never localeCompare, which puts `USSLId` after `UserCert`), then by
 * value, each side percent-encoded (RFC 3986) and joined as k=v with &. Sorting raw keys, not
 * encoded ones, is what the vendors' SDKs do; for ASCII keys the two orders agree.
 */
export function canonicalQueryString(params: Iterable<QueryParam> | Readonly<Record<string, string>>): string {
    const pairs: QueryParam[] = isIterable(params) ? [...params] : Object.entries(params);
    return pairs
        .slice()
        .sort(([ka, va], [kb, vb]) => byCodeUnit(ka, kb) || byCodeUnit(va, vb))
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join("&");
}

function isIterable(value: unknown): value is Iterable<QueryParam> {
    return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}
