/**
 * Distinguished-name fields the vendors' CSR and certificate APIs use (Tencent CreateCSR: Domain,
 * Organization, Department, City, Province, Country, Email). They are the fields the provider's
 * parser reads back (tests/provider/core/pem/distinguishedName.spec.ts round-trips what this PKI
 * writes); they are spelled out here because the emulator imports nothing from provider/ but its
 * proven signer. C is a two-letter ISO 3166 code.
 * @public
 */
export interface SubjectFields {
    readonly CN?: string;
    readonly O?: string;
    readonly OU?: string;
    readonly L?: string;
    readonly ST?: string;
    readonly C?: string;
    readonly emailAddress?: string;
}

/** One RDN in jsrsasign's X500Name `array` parameter form. @internal */
export type X500NameRdn = [{ type: string; value: string; ds: string }];

// Most significant first, the order OpenSSL and the CAs write; `ds` is the ASN.1 string type
// (RFC 5280: countryName is PrintableString, emailAddress is IA5String, the rest UTF8String).
const FIELD_ORDER: ReadonlyArray<{ field: keyof SubjectFields; type: string; ds: string }> = [
    { field: "C", type: "C", ds: "prn" },
    { field: "ST", type: "ST", ds: "utf8" },
    { field: "L", type: "L", ds: "utf8" },
    { field: "O", type: "O", ds: "utf8" },
    { field: "OU", type: "OU", ds: "utf8" },
    { field: "CN", type: "CN", ds: "utf8" },
    { field: "emailAddress", type: "E", ds: "ia5" },
];

/**
 * Converts subject fields to jsrsasign's X500Name array parameter. The array form is used instead
 * of jsrsasign's "/CN=a/O=b" string form, which splits values on "/" and picks string types itself.
 * @internal
 */
export function toX500NameArray(subject: SubjectFields): X500NameRdn[] {
    const rdns: X500NameRdn[] = [];
    for (const { field, type, ds } of FIELD_ORDER) {
        const value = subject[field];
        if (value === undefined || value === "") continue;
        if (field === "C" && !/^[A-Za-z]{2}$/.test(value)) {
            throw new Error("subject C must be a two-letter country code");
        }
        rdns.push([{ type, value, ds }]);
    }
    if (rdns.length === 0) throw new Error("subject must have at least one field (usually CN)");
    return rdns;
}
