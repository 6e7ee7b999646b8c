import { signCsr } from "../../emulator/pki";
import { parseCsr } from "../../provider/core/pem";
import { testChain } from "./pki";

/** A CA (the shared test root and intermediate) signing a CSR KMS made, as the KMS flow expects. */
export interface SignedKmsCertificate {
    /** The leaf alone: UploadCertificate's Certificate. */
    readonly certificate: string;
    /** Intermediate then root: UploadCertificate's CertificateChain (sub-CA first, root last). */
    readonly chain: string;
    readonly intermediate: string;
    readonly root: string;
}

const DAY_MS = 86_400_000;

export function signKmsCsr(csrPem: string, options: { days?: number } = {}): SignedKmsCertificate {
    // Parsed by the provider's own CSR reader too, so a CSR the provider cannot read fails here first.
    parseCsr(csrPem);
    const ca = testChain("ca-only.example.com");
    const notBefore = new Date(Date.now() - DAY_MS);
    const certificate = signCsr(csrPem, {
        issuer: { certificatePem: ca.intermediate!.certificatePem, privateKeyPem: ca.intermediate!.privateKeyPem },
        notBefore,
        notAfter: new Date(notBefore.getTime() + ((options.days ?? 90) + 1) * DAY_MS),
    });
    const intermediate = ca.intermediate!.certificatePem.trim();
    const root = ca.root!.certificatePem.trim();
    return { certificate: `${certificate.trim()}\n`, chain: `${intermediate}\n${root}\n`, intermediate, root };
}
