import { printable } from "../text";
import type { DistinguishedName } from "./distinguishedName";

/**
 * "certificate 2 of 3 in certificatePublicKey (issued to CN=Example CA)": how a certificate in a
 * chain is named in failures. The subject comes from the certificate (public data), but it is
 * still attacker-chosen text, so control characters become "?" and it is cut to 64 characters.
 * @internal
 */
export function certificateName(index: number, count: number, property: string, subject: DistinguishedName): string {
    const issuedTo = printableName(subject);
    return `certificate ${index + 1} of ${count} in ${property}${issuedTo === "" ? "" : ` (issued to ${issuedTo})`}`;
}

function printableName(subject: DistinguishedName): string {
    return printable(subject.CN !== undefined ? `CN=${subject.CN}` : subject.text);
}
