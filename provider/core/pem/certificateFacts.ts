import { isoUtc } from "./checkInput";
import { parseCertificateBlock } from "./parseCertificateChain";
import { splitPemBlocks } from "./splitPemBlocks";

/** What a deployed certificate's warnings need (expiry, which certificate it is). @public */
export interface CertificateFacts {
    /** ISO-8601 UTC to the second, no milliseconds: "2027-02-20T20:18:26Z". */
    readonly notBefore: string;
    readonly notAfter: string;
    /**
     * Uppercase hex of the serial number's value, no separators, as node:crypto and
     * `openssl x509 -serial` print it: a DER sign-padding 00 byte is not included.
     */
    readonly serialNumber: string;
    /** SHA-256 of the certificate's DER, uppercase hex, no colons (64 characters). */
    readonly fingerprintSha256: string;
}

const DAY_MS = 86_400_000;

/**
 * Facts about the leaf (the first certificate) of a PEM certificate or bundle, or undefined when
 * the text is not well-formed PEM or its first block is not a certificate. Only that block is
 * parsed as a certificate, so a later block that is not one does not hide the leaf. Never throws.
 * @public
 */
export function certificateFacts(pem: string): CertificateFacts | undefined {
    try {
        const blocks = splitPemBlocks(pem);
        const leaf = parseCertificateBlock(blocks[0]!, 1);
        return {
            notBefore: isoUtc(leaf.notBefore),
            notAfter: isoUtc(leaf.notAfter),
            serialNumber: leaf.serialNumber,
            fingerprintSha256: leaf.fingerprintSha256.replaceAll(":", ""),
        };
    } catch {
        return undefined;
    }
}

/**
 * Whole days from `now` until `notAfter` (a Date or an ISO-8601 string such as
 * CertificateFacts.notAfter), rounded down: 0 means it expires within 24 hours, a negative number
 * that it has expired (-1: within the last 24 hours). Throws RangeError for an invalid date.
 * @public
 */
export function daysUntilExpiry(notAfter: Date | string, now: Date): number {
    const end = typeof notAfter === "string" ? Date.parse(notAfter) : notAfter.getTime();
    if (Number.isNaN(end) || Number.isNaN(now.getTime())) throw new RangeError("daysUntilExpiry needs valid dates");
    return Math.floor((end - now.getTime()) / DAY_MS);
}
