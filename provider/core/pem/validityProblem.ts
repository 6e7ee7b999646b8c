import { isoUtc } from "./checkInput";
import type { CertificateInfo } from "./parseCertificateChain";

const RENEW = "Renew it and use the new certificate.";

/**
 * Why a certificate is not valid at `now` (expired or not yet valid, with the dates in ISO-8601
 * UTC), or undefined when it is. `name` is how the message refers to the certificate; `renew` is
 * the advice for an expired one (a CA certificate is replaced by its CA, not renewed by the user).
 * @internal
 */
export function validityProblem(cert: Pick<CertificateInfo, "notBefore" | "notAfter">, now: Date, name = "the certificate", renew = RENEW): string | undefined {
    if (now.getTime() < cert.notBefore.getTime()) {
        return `${name} is not yet valid: it is valid from ${isoUtc(cert.notBefore)} to ${isoUtc(cert.notAfter)}, and it is now ${isoUtc(now)}. Wait until it becomes valid, or check the clock of the machine running Pulumi.`;
    }
    if (now.getTime() > cert.notAfter.getTime()) {
        return `${name} expired on ${isoUtc(cert.notAfter)} (it is now ${isoUtc(now)}). ${renew}`;
    }
    return undefined;
}
