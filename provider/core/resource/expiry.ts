import { certificateFacts } from "../pem";

/** The expiry outputs every resource that holds a certificate has. */
export interface ExpiryOutputs {
    /** ISO-8601 UTC, to the second. */
    notBefore: string;
    notAfter: string;
    /** Uppercase hex, as `openssl x509 -serial` prints it (no DER sign-padding byte). */
    serialNumber: string;
    /** SHA-256 of the leaf's DER, uppercase hex without separators. */
    fingerprintSha256: string;
}

export const EXPIRY_OUTPUT_KEYS: readonly (keyof ExpiryOutputs)[] = ["notBefore", "notAfter", "serialNumber", "fingerprintSha256"];

/** The default of every resource's `expiryWarningDays`. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

const MS_PER_DAY = 86_400_000;

/** The leaf's expiry facts, or undefined when the PEM does not parse. */
export function expiryOf(pem: string | undefined): ExpiryOutputs | undefined {
    return pem ? certificateFacts(pem) : undefined;
}

/**
 * The warning to show on a resource whose certificate expires within `warningDays`, or undefined.
 * Expired certificates are warned about too: they never fail a stack that does not change them.
 */
export function expiryWarning(resource: string, facts: ExpiryOutputs | undefined, warningDays: number, now: Date): string | undefined {
    if (!facts || facts.notAfter === "" || warningDays <= 0) return undefined;
    const left = (Date.parse(facts.notAfter) - now.getTime()) / MS_PER_DAY;
    if (Number.isNaN(left) || left > warningDays) return undefined;
    if (left <= 0) return `${resource}: the certificate (serial ${facts.serialNumber}) expired at ${facts.notAfter}; rotate it by giving the resource a new certificate`;
    return `${resource}: the certificate (serial ${facts.serialNumber}) expires at ${facts.notAfter}, in ${Math.floor(left)} day(s) (expiryWarningDays is ${warningDays}); rotate it soon`;
}
