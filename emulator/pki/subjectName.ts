import type { DistinguishedName } from "../../provider/core/pem";

/**
 * Distinguished-name fields the vendors' CSR and certificate APIs use (Tencent CreateCSR: Domain,
 * Organization, Department, City, Province, Country, Email): the parsed name's fields, so what the
 * test PKI writes is what the validator reads. C is a two-letter ISO 3166 code.
 * @public
 */
export type SubjectFields = Omit<DistinguishedName, "text">;

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
