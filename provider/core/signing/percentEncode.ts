/**
 * RFC 3986 percent-encoding of a UTF-8 string: only the unreserved set A-Z a-z 0-9 - _ . ~ stays
 * literal, every other byte becomes %XY with uppercase hex. So a space is %20 (never +), `*` is
 * %2A and `~` stays. encodeURIComponent alone is not this: it leaves ! ' ( ) * literal, which
 * Alibaba, Huawei and Tencent's GET signing all encode.
 */
export function percentEncode(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
