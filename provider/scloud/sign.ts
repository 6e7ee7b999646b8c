import { sha1Hex } from "../core/signing/hash";

/** A leaf value as sent: the JSON body keeps its type, the signature uses its rendering. */
export type ScloudScalar = string | number | boolean;

/** A request parameter before flattening: arrays become `Key.N`, objects `Key.Sub` (scloud.md §2.2). */
export type ScloudValue = ScloudScalar | null | undefined | readonly ScloudValue[] | { readonly [key: string]: ScloudValue };

export type ScloudParams = { readonly [key: string]: ScloudValue };

/** Parameters after flattening: exactly the set that is signed and sent. */
export type ScloudFlatParams = Readonly<Record<string, ScloudScalar>>;

export interface ScloudSigningCredentials {
    readonly publicKey: string;
    readonly privateKey: string;
    /** STS credentials only; it is a signed parameter like any other (scloud.md §2.4 V5). */
    readonly securityToken?: string;
}

export interface SignedScloudParams {
    /** The flattened parameters with PublicKey, SecurityToken (if any) and Signature: the request body. */
    readonly params: Readonly<Record<string, ScloudScalar>>;
    readonly signature: string;
}

/** The parameter that carries the signature; the algorithm never covers it. */
export const SIGNATURE_PARAM = "Signature";

/**
 * The text a number is signed as. The servers render floats with a zero fraction as integers and
 * never use exponents (scloud.md §2.2; Go FormatFloat 'f' -1), while JS prints 1e+21 and 1e-7:
 * those are spelled out from JS's shortest round-trip digits, which are the digits Go picks too.
 */
function renderNumber(value: number): string {
    const text = String(value);
    const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
    if (!m) return text;
    const [, sign, whole, fraction = "", exponent] = m;
    const digits = whole + fraction;
    const point = whole.length + Number(exponent);
    if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A scalar as it appears in the signing string: booleans `true`/`false`, numbers without `.0` or exponents. */
export function renderScloudValue(value: ScloudScalar): string {
    if (typeof value === "number") return renderNumber(value);
    return String(value);
}

function isPlainObject(value: unknown): value is { readonly [key: string]: ScloudValue } {
    if (value === null || typeof value !== "object") return false;
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

function flattenInto(out: Record<string, ScloudScalar>, key: string, value: unknown): void {
    // Dropped before signing and sending alike, so the signed set is always the sent set; the SDKs
    // disagree on "" (JS and Python sign it, Go drops it), and a dropped value is never wrong.
    if (value === undefined || value === null || value === "") return;
    if (typeof value === "string" || typeof value === "boolean") {
        out[key] = value;
        return;
    }
    if (typeof value === "number") {
        // JSON would send NaN/Infinity as null, which the server would sign differently.
        if (!Number.isFinite(value)) throw new TypeError(`SCloud parameter ${key} is ${value}: only finite numbers can be sent`);
        out[key] = value;
        return;
    }
    if (Array.isArray(value)) {
        // Indices are kept when an element is dropped: renumbering would move values between keys.
        value.forEach((item, index) => flattenInto(out, `${key}.${index}`, item));
        return;
    }
    if (isPlainObject(value)) {
        for (const [sub, item] of Object.entries(value)) flattenInto(out, `${key}.${sub}`, item);
        return;
    }
    const kind = value instanceof Date ? "a Date" : typeof value;
    throw new TypeError(`SCloud parameter ${key} is ${kind}: only strings, numbers, booleans, arrays and plain objects can be sent`);
}

/**
 * Flattens parameters the way the SCloud/UCloud SDKs do (`Ids.0`, `Obj.K`, `Nested.0.A`), dropping
 * null, undefined and "" at any depth. Leaves keep their JS type so that a JSON body carries
 * numbers and booleans as the JS SDK sends them. Throws TypeError for values that cannot be sent.
 */
export function flattenScloudParams(params: ScloudParams): Record<string, ScloudScalar> {
    const out: Record<string, ScloudScalar> = {};
    for (const [key, value] of Object.entries(params)) flattenInto(out, key, value);
    return out;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `key + value` for every parameter but Signature, sorted by key in code-unit order (never
 * localeCompare, which puts `USSLId` after `UserCert`), with no separators or escaping. The
 * private key is not in it, so it can be shown when a signature is disputed.
 */
export function scloudSigningString(flat: ScloudFlatParams): string {
    return Object.keys(flat)
        .filter((key) => key !== SIGNATURE_PARAM)
        .sort(byCodeUnit)
        .map((key) => `${key}${renderScloudValue(flat[key])}`)
        .join("");
}

/** sha1_hex(signing string + private key), over UTF-8 (scloud.md §2.1). */
export function scloudSignature(flat: ScloudFlatParams, privateKey: string): string {
    return sha1Hex(scloudSigningString(flat) + privateKey);
}

/**
 * Flattens `params`, adds the credentials' PublicKey (and SecurityToken) and signs the result. The
 * returned params are the whole request: send them as they are, so that what is sent is what was
 * signed. Pure: `params` is not modified and no clock is involved (the scheme has no timestamp).
 */
export function signScloudParams(params: ScloudParams, credentials: ScloudSigningCredentials): SignedScloudParams {
    const flat = flattenScloudParams(params);
    delete flat[SIGNATURE_PARAM];
    flat.PublicKey = credentials.publicKey;
    if (credentials.securityToken) flat.SecurityToken = credentials.securityToken;
    const signature = scloudSignature(flat, credentials.privateKey);
    return { params: { ...flat, [SIGNATURE_PARAM]: signature }, signature };
}
