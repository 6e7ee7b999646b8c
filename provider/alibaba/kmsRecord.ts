import { normalizePem, samePem } from "../core/pem";
import type { CallContext } from "../core/resource/definition";
import { callAlibaba } from "./client";

/** DescribeCertificate and GetCertificate together: the certificate PEMs are only in the latter (reference §1.3-1.4). */
export interface KmsCertificateRecord {
    readonly describe: DescribeReply;
    readonly get: GetReply;
}

export interface DescribeReply {
    Arn?: string;
    CertificateId?: string;
    CreatedAt?: string;
    UpdatedAt?: string;
    ExportablePrivateKey?: boolean;
    Issuer?: string;
    KeySpec?: string;
    NotBefore?: string;
    NotAfter?: string;
    Serial?: string;
    SignatureAlgorithm?: string;
    Status?: string;
    Subject?: string;
    SubjectAlternativeNames?: unknown;
    SubjectKeyIdentifier?: string;
    SubjectPublicKey?: string;
    Tags?: unknown;
}

export interface GetReply {
    Certificate?: string;
    CertificateChain?: string;
    Csr?: string;
}

/** One KMS action for a resource, in the resource's own region, with its secrets redacted. */
export const callKms = <T>(action: string, params: Record<string, unknown>, inputs: { region?: string }, context: CallContext, idempotent: boolean) =>
    callAlibaba<T>(action, params as Record<string, string>, { idempotent, secrets: context.secrets }, { region: inputs.region, sleep: context.sleep });

export async function describeKmsCertificate(id: string, inputs: { region?: string }, context: CallContext): Promise<KmsCertificateRecord> {
    const describe = await callKms<DescribeReply>("DescribeCertificate", { CertificateId: id }, inputs, context, true);
    const get = await callKms<GetReply>("GetCertificate", { CertificateId: id }, inputs, context, true);
    return { describe, get };
}

/** The resource's own region, from the inputs or state the framework passes along. */
export function regionOf(context: CallContext): { region?: string } {
    const region = context.state?.region;
    return typeof region === "string" && region !== "" ? { region } : {};
}

/** A PEM KMS reports, spelled as the input when they are the same certificates (so no diff shows). */
export function reportedPem(reported: string | undefined, input: string | undefined): string | undefined {
    if (typeof reported !== "string" || reported.trim() === "") return undefined;
    return input !== undefined && samePem(reported, input) ? input : normalizePem(reported);
}

/**
 * What DescribeCertificate says of the uploaded certificate. The expiry outputs it leaves empty
 * (serial number and fingerprint, and validity when KMS omits it) the framework fills from the
 * certificate itself.
 */
export function reportedFacts(d: DescribeReply): { certificateStatus: string; serial: string; issuer: string; notBefore: string; notAfter: string; serialNumber: string; fingerprintSha256: string } {
    return {
        certificateStatus: d.Status ?? "",
        serial: d.Serial ?? "",
        issuer: d.Issuer ?? "",
        notBefore: d.NotBefore ?? "",
        notAfter: d.NotAfter ?? "",
        serialNumber: "",
        fingerprintSha256: "",
    };
}
