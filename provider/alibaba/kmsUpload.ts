import { checkCertificateBundle, parseCertificateChain, parseCsr, samePem, splitPemBlocks, type ExpectedKeyAlgorithm } from "../core/pem";
import { findChainProblems } from "../core/pem/findChainProblems";
import type { CallContext } from "../core/resource/definition";
import { sameValue } from "../core/resource/table";
import type { InputChecker } from "../core/validate";
import { callKms, type DescribeReply } from "./kmsRecord";

/**
 * What can be known of a signed certificate before the CSR it answers is at hand (at preview):
 * one leaf, parseable, valid now (when it is new or changed), its chain in order.
 */
export function checkSignedCertificate(c: InputChecker, news: Record<string, unknown>, options: { now: Date; changed: boolean; expectedKey?: ExpectedKeyAlgorithm }): void {
    if (typeof news.certificate === "string") {
        try {
            if (splitPemBlocks(news.certificate).length > 1) {
                c.fail("certificate", "certificate holds several PEM blocks: give the leaf alone, and its chain (sub-CA first, root last) in certificateChain");
                return;
            }
        } catch {
            // checkCertificateBundle reports what does not parse.
        }
    }
    c.failures.push(
        ...checkCertificateBundle({
            certificate: { property: "certificate", value: news.certificate },
            chain: { property: "certificateChain", value: news.certificateChain },
            requireKey: false,
            expectedKeyAlgorithm: options.expectedKey,
            now: options.now,
            // An unchanged certificate that has expired is a warning (from the resource class), never a failure.
            checkValidity: options.changed,
        }),
    );
}

/** Refuses, before any call, a certificate that does not certify the CSR's key or whose chain is out of order. */
export function checkUpload(resource: string, csrPem: string, certificate: string, chain: string | undefined): void {
    const csrKey = parseCsr(csrPem).publicKey.export({ type: "spki", format: "der" });
    const leaf = parseCertificateChain(certificate)[0]!;
    if (!leaf.x509.publicKey.export({ type: "spki", format: "der" }).equals(csrKey)) {
        throw new Error(
            `${resource}: certificate is not for this KMS certificate's key pair: its public key differs from the CSR's. ` +
                "Have the CA sign the KmsCertificate's csr output, and upload that certificate",
        );
    }
    const path = [leaf, ...(chain && chain.trim() !== "" ? parseCertificateChain(chain) : [])];
    const problems = findChainProblems(path);
    if (problems.length > 0) {
        throw new Error(
            `${resource}: certificateChain is not in order (${problems.map((p) => p.kind).join(", ")}): ` +
                "give the certificates that issued certificate in order, the sub-CA that signed it first and the root last",
        );
    }
}

/** The certificate to upload, and what KMS holds now. */
export interface UploadState {
    readonly csr: string;
    readonly certificate?: string;
    readonly certificateChain?: string;
    readonly certificateStatus: string;
}

/**
 * Uploads `desired` when it differs from what KMS holds, after checking it against the CSR.
 * Returns the status KMS reports afterwards, or undefined when nothing was uploaded.
 */
export async function uploadIfChanged(
    resource: string,
    id: string,
    desired: { certificate: string; certificateChain?: string; region?: string },
    current: UploadState,
    context: CallContext,
): Promise<string | undefined> {
    const sameCert = samePem(desired.certificate, current.certificate ?? "");
    const sameChain = sameValue("pem", desired.certificateChain ?? "", current.certificateChain ?? "");
    if (sameCert && sameChain) return undefined;
    checkUpload(resource, current.csr, desired.certificate, desired.certificateChain);
    const params: Record<string, unknown> = { CertificateId: id, Certificate: desired.certificate };
    if (desired.certificateChain) params.CertificateChain = desired.certificateChain;
    // Uploading the same certificate again leaves the same state: safe to repeat after a lost reply.
    await callKms("UploadCertificate", params, desired, context, true);
    return (await callKms<DescribeReply>("DescribeCertificate", { CertificateId: id }, desired, context, true)).Status ?? current.certificateStatus;
}

/** UpdateCertificateStatus when `desired.status` is set and differs from what KMS reports; true when called. */
export async function setStatus(resource: string, id: string, desired: { status?: string; region?: string }, reported: string, context: CallContext): Promise<boolean> {
    if (desired.status === undefined || desired.status === reported) return false;
    if (reported === "REVOKED") {
        throw new Error(
            `${resource} ${id} is REVOKED, which cannot be undone; to use a certificate again, replace the KmsCertificate (\`pulumi up --replace <urn>\`) and have the new CSR signed`,
        );
    }
    await callKms("UpdateCertificateStatus", { CertificateId: id, Status: desired.status }, desired, context, true);
    return true;
}
