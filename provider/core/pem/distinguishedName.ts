import { X509 } from "jsrsasign";

/**
 * A subject or issuer name. The named fields hold the first value of each attribute, which is what
 * the vendor APIs and their consoles show (Domain, Organization, Department, …).
 * @public
 */
export interface DistinguishedName {
    /** One line in encoding order, e.g. "C=CN, O=Example Ltd, CN=www.example.com". For display. */
    readonly text: string;
    readonly CN?: string;
    readonly O?: string;
    readonly OU?: string;
    readonly L?: string;
    readonly ST?: string;
    readonly C?: string;
    readonly emailAddress?: string;
}

type Field = "CN" | "O" | "OU" | "L" | "ST" | "C" | "emailAddress";
// jsrsasign's short attribute names; it writes emailAddress as "E".
const FIELDS: Readonly<Record<string, Field>> = { CN: "CN", O: "O", OU: "OU", L: "L", ST: "ST", C: "C", E: "emailAddress" };

/** The runtime shape of X509#getX500Name (its typing in @types/jsrsasign is wrong). */
interface X500NameJson {
    readonly array?: ReadonlyArray<ReadonlyArray<{ readonly type?: unknown; readonly value?: unknown }>>;
}

/**
 * Decodes a DER Name (hex) with jsrsasign, which, unlike node's X509Certificate.subject string,
 * gives attribute types and values separately. Throws jsrsasign's errors; callers wrap them.
 * @internal
 */
export function readDistinguishedName(nameHex: string): DistinguishedName {
    const json = new X509().getX500Name(nameHex) as unknown as X500NameJson;
    const fields: Partial<Record<Field, string>> = {};
    const parts: string[] = [];
    for (const rdn of json.array ?? []) {
        for (const attribute of rdn) {
            if (typeof attribute.type !== "string" || typeof attribute.value !== "string") continue;
            const field = FIELDS[attribute.type];
            parts.push(`${field ?? attribute.type}=${attribute.value}`);
            if (field !== undefined && fields[field] === undefined) fields[field] = attribute.value;
        }
    }
    return { text: parts.join(", "), ...fields };
}
