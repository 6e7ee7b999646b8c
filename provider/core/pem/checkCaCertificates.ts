import type { CheckFailure } from "../validate";
import { capFailures } from "./capFailures";
import { readCheckInput, type CheckInput } from "./checkInput";
import { MAX_CA_CERTIFICATES } from "./limits";
import { pemFailure } from "./pemFailure";
import { parseCertificateChain } from "./parseCertificateChain";
import { validityProblem } from "./validityProblem";

/** @public */
export interface CheckCaCertificatesOptions {
    /** One or more CA certificates (a trust store upload: client-CA for mTLS, a CA-type certificate). */
    readonly certificate: CheckInput;
    /** Report an absent input. Default true. */
    readonly required?: boolean;
    /** Every certificate must be a CA (basicConstraints CA:TRUE). Default true. */
    readonly requireCa?: boolean;
    readonly now: Date;
    /** Check each certificate's validity period. Default true; false for a PEM unchanged since the last deployment. */
    readonly checkValidity?: boolean;
}

/**
 * Validates CA certificates uploaded without a key: each block is a certificate (a private key
 * pasted here is reported without echoing it), no duplicates, each is a CA certificate and inside
 * its validity period. Order does not matter for a set of trusted CAs, so it is not checked.
 * At most MAX_CA_CERTIFICATES are read, and at most MAX_REPORTED_FAILURES failures listed.
 * @public
 */
export function checkCaCertificates(options: CheckCaCertificatesOptions): CheckFailure[] {
    const { property } = options.certificate;
    const state = readCheckInput(options.certificate);
    switch (state.state) {
        case "unknown":
            return [];
        case "absent":
            return options.required ?? true ? [{ property, reason: `${property} is required: set it to the PEM CA certificate(s).` }] : [];
        case "notString":
            return [{ property, reason: `${property} must be a string holding PEM text.` }];
        case "present":
            break;
    }
    let certs;
    try {
        certs = parseCertificateChain(state.text, { maxCertificates: MAX_CA_CERTIFICATES });
    } catch (error) {
        return [pemFailure(error, { property, content: "certificate", text: state.text })];
    }

    const failures: CheckFailure[] = [];
    const name = (i: number): string => (certs.length === 1 ? "the certificate" : `certificate ${i + 1}`);
    certs.forEach((cert, i) => {
        const first = certs.findIndex((other) => other.der.equals(cert.der));
        if (first !== i) {
            failures.push({ property, reason: `${property}: ${name(i)} is a copy of ${name(first)}. Remove the duplicate.` });
            return;
        }
        if ((options.requireCa ?? true) && !cert.isCA) {
            failures.push({
                property,
                reason: `${property}: ${name(i)} is not a CA certificate (it lacks basicConstraints CA:TRUE). ${property} takes the CA certificates that issue the certificates to trust, not a server certificate.`,
            });
        }
        const validity = options.checkValidity ?? true ? validityProblem(cert, options.now, name(i)) : undefined;
        if (validity) failures.push({ property, reason: `${property}: ${validity}` });
    });
    return capFailures(failures);
}
