import { makeCertificate } from "../../emulator/pki";
import { parseCsr } from "../../provider/core/pem";
import { issueForAnyKey } from "./anyKeyCertificate";
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
    const issuer = { certificatePem: ca.intermediate!.certificatePem, privateKeyPem: ca.intermediate!.privateKeyPem };
    const leafOptions = {
        commonName: options.commonName ?? csr.subject.CN ?? "kms.example.com",
        publicKeyPem: csr.publicKey.export({ type: "spki", format: "pem" }).toString(),
        sans: options.sans ?? csr.subjectAltNames,
        notBefore: new Date(now - DAY_MS),
        notAfter: new Date(now + (options.days ?? 90) * DAY_MS),
    };
    const certificate =
        csr.keyAlgorithm.algorithm === "SM2"
            ? issueForAnyKey({ ...leafOptions, issuer })
            : makeCertificate({ subject: { CN: leafOptions.commonName }, subjectKey: { publicKeyPem: leafOptions.publicKeyPem }, issuer, sans: leafOptions.sans, notBefore: leafOptions.notBefore, notAfter: leafOptions.notAfter });
    const intermediate = ca.intermediate!.certificatePem.trim();
    const root = ca.root!.certificatePem.trim();
    return { certificate: `${certificate.trim()}\n`, chain: `${intermediate}\n${root}\n`, intermediate, root };
}
