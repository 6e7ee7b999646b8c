import * as pulumi from "@pulumi/pulumi";
import { DefinedResource } from "../core/resource/resourceClass";
import type { KmsCertificateStatus } from "./kmsCertificateProvider";
import kmsCertificateUploadProvider from "./kmsCertificateUploadForwarder";
import { kmsCertificateUploadDefinition } from "./kmsCertificateUploadProvider";

export type { KmsCertificateUploadInputs, KmsCertificateUploadOutputs } from "./kmsCertificateUploadProvider";

/** Inputs of a KmsCertificateUpload, named after UploadCertificate's fields. */
export interface KmsCertificateUploadArgs {
    /** The certificateId output of the KmsCertificate whose csr the CA signed. Changing it replaces this resource. */
    certificateId: pulumi.Input<string>;
    /** The CA-signed certificate for that csr (PEM, the leaf alone); re-uploaded when changed (a renewal). */
    certificate: pulumi.Input<string>;
    /** The certificates that issued `certificate`: the sub-CA that signed it first, the root last. */
    certificateChain?: pulumi.Input<string>;
    /** ACTIVE, INACTIVE or REVOKED (final), set after the upload (UpdateCertificateStatus). Unset: whatever KMS reports. */
    status?: pulumi.Input<KmsCertificateStatus>;
    /** The region of KMS; default alicloud:region. Give the KmsCertificate's region when it has one. */
    region?: pulumi.Input<string>;
    /** Warn on this resource when the certificate expires within this many days (default 30). */
    expiryWarningDays?: pulumi.Input<number>;
}

/** The provider object KmsCertificateUpload hands to Pulumi: a thin forwarder, stored in state as a require() of its module. */
export { kmsCertificateUploadProvider };

/**
 * Uploads the CA-signed certificate of a KmsCertificate (UploadCertificate), so that one program
 * can make the CSR, have it signed and upload the result in the same `pulumi up`: a resource cannot
 * take its own output, so the upload is a second resource. The certificate is checked against the
 * CSR's key and the chain's order before it is sent. Deleting this resource leaves the uploaded
 * certificate in KMS (KMS cannot take it back); deleting the KmsCertificate removes both.
 */
export class KmsCertificateUpload extends DefinedResource {
    declare readonly certificateId: pulumi.Output<string>;
    declare readonly certificate: pulumi.Output<string>;
    declare readonly certificateChain: pulumi.Output<string | undefined>;
    declare readonly status: pulumi.Output<KmsCertificateStatus | undefined>;
    declare readonly region: pulumi.Output<string | undefined>;
    declare readonly expiryWarningDays: pulumi.Output<number>;
    /** The CSR the certificate answers. */
    declare readonly csr: pulumi.Output<string>;
    /** What KMS reports after the upload: ACTIVE, INACTIVE or REVOKED. */
    declare readonly certificateStatus: pulumi.Output<string>;
    declare readonly serial: pulumi.Output<string>;
    declare readonly issuer: pulumi.Output<string>;
    /** The uploaded leaf's validity (ISO-8601 UTC), serial number and SHA-256 fingerprint (uppercase hex). */
    declare readonly notBefore: pulumi.Output<string>;
    declare readonly notAfter: pulumi.Output<string>;
    declare readonly serialNumber: pulumi.Output<string>;
    declare readonly fingerprintSha256: pulumi.Output<string>;

    constructor(name: string, args: KmsCertificateUploadArgs, opts?: pulumi.CustomResourceOptions) {
        super({ provider: kmsCertificateUploadProvider, definition: kmsCertificateUploadDefinition, module: "alibaba", type: "KmsCertificateUpload" }, name, args, opts);
    }

    /** Looks up the certificate uploaded to a KMS certificate, by CertificateId. */
    static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): KmsCertificateUpload {
        return new KmsCertificateUpload(name, {} as KmsCertificateUploadArgs, { ...opts, id });
    }
}
