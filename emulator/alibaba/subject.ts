import type { SubjectFields } from "../pki";
import { AlibabaError } from "./envelope";

/**
 * CreateCertificate's Subject: an RFC 2253 DN such as `CN=userName,OU=kms,O=aliyun,C=CN`, with
 * CN, C, O and OU required and ST, L optional (reference §1.1). Escaped commas (`\,`) stay in values.
 */
const ALLOWED: Readonly<Record<string, keyof SubjectFields>> = { CN: "CN", C: "C", O: "O", OU: "OU", ST: "ST", L: "L" };
const REQUIRED = ["CN", "C", "O", "OU"] as const;

export function parseSubject(dn: string): SubjectFields {
    const fields: Record<string, string> = {};
    const parts = dn.split(/(?<!\\),/);
    for (const part of parts) {
        const eq = part.indexOf("=");
        if (eq <= 0) throw new AlibabaError("InvalidParameter", "The specified parameter Subject is not valid: each RDN is attribute=value, separated by commas.");
        const type = part.slice(0, eq).trim().toUpperCase();
        const value = part.slice(eq + 1).trim().replace(/\\(.)/g, "$1");
        const field = ALLOWED[type];
        if (!field) throw new AlibabaError("InvalidParameter", `The specified parameter Subject is not valid: attribute ${type} is not one of CN, C, O, OU, ST, L.`);
        if (fields[field] !== undefined) throw new AlibabaError("InvalidParameter", `The specified parameter Subject is not valid: attribute ${type} appears twice.`);
        if (value === "") throw new AlibabaError("InvalidParameter", `The specified parameter Subject is not valid: ${type} is empty.`);
        fields[field] = value;
    }
    for (const type of REQUIRED) {
        if (fields[type] === undefined) throw new AlibabaError("InvalidParameter", `The specified parameter Subject is not valid: ${type} is required (CN, C, O and OU are).`);
    }
    if (!/^[A-Z]{2}$/.test(fields.C!)) throw new AlibabaError("InvalidParameter", "The specified parameter Subject is not valid: C must be a two-letter country code.");
    return fields as SubjectFields;
}

/** A node X509Certificate name ("C=CN\nO=aliyun\nCN=x", most significant first) as an RFC 2253 DN (least significant first). */
export function nodeNameToRfc2253(name: string): string {
    return name
        .split("\n")
        .filter((line) => line !== "")
        .reverse()
        .map((rdn) => rdn.replace(/,/g, "\\,"))
        .join(",");
}
