import { makeCertificate } from "../../emulator/pki";
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

export function signKmsCsr(csrPem: string, options: { commonName?: string; sans?: readonly string[]; days?: number } = {}): SignedKmsCertificate {
    const csr = parseCsr(csrPem);
    const ca = testChain("ca-only.example.com");
    const now = Date.now();
    const certificate = makeCertificate({
        subject: { CN: options.commonName ?? csr.subject.CN ?? "kms.example.com" },
        subjectKey: { publicKeyPem: csr.publicKey.export({ type: "spki", format: "pem" }).toString() },
        issuer: { certificatePem: ca.intermediate!.certificatePem, privateKeyPem: ca.intermediate!.privateKeyPem },
        sans: options.sans ?? csr.subjectAltNames,
        notBefore: new Date(now - DAY_MS),
        notAfter: new Date(now + (options.days ?? 90) * DAY_MS),
    });
    const intermediate = ca.intermediate!.certificatePem.trim();
    const root = ca.root!.certificatePem.trim();
    return { certificate: `${certificate.trim()}\n`, chain: `${intermediate}\n${root}\n`, intermediate, root };
}
