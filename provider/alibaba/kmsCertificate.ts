import * as pulumi from "@pulumi/pulumi";
import { DefinedResource } from "../core/resource/resourceClass";
import kmsCertificateProvider from "./kmsCertificateForwarder";
import { kmsCertificateDefinition, type KmsCertificateStatus, type KmsKeySpec, type KmsProtectionLevel } from "./kmsCertificateProvider";

export type { KmsCertificateInputs, KmsCertificateOutputs, KmsCertificateStatus, KmsKeySpec, KmsProtectionLevel } from "./kmsCertificateProvider";

/** Inputs of a KmsCertificate, named after CreateCertificate's and UploadCertificate's fields. */
export interface KmsCertificateArgs {
    /** The key pair KMS generates: RSA_2048, EC_P256 or EC_SM2 (SM2 only in regions with managed HSMs). */
    keySpec: pulumi.Input<KmsKeySpec>;
    /** RFC 2253 DN with CN, C, O and OU (ST and L optional), e.g. "CN=www.example.com,OU=web,O=Example Ltd,C=CN". */
    subject: pulumi.Input<string>;
    /** Domain names for the CSR, at most 10. */
    subjectAlternativeNames?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Whether KMS lets the private key be exported. Default false here, so the key never leaves
     * KMS unless asked; note that the KMS API's own default is true.
     */
    exportablePrivateKey?: pulumi.Input<boolean>;
    /** SOFTWARE or HSM; sent only when set (it is not in KMS's public API documentation). */
    protectionLevel?: pulumi.Input<KmsProtectionLevel>;
    /** The CA-signed certificate for this resource's `csr` (PEM, the leaf alone); uploaded when set, re-uploaded when changed. */
    certificate?: pulumi.Input<string>;
    /** The certificates that issued `certificate`: the sub-CA that signed it first, the root last. */
    certificateChain?: pulumi.Input<string>;
    /** ACTIVE, INACTIVE or REVOKED (final); needs `certificate`. Unset: whatever KMS reports (ACTIVE after upload). */
    status?: pulumi.Input<KmsCertificateStatus>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** The region of KMS to use; default alicloud:region (ALIBABA_CLOUD_REGION_ID). Changing it replaces the certificate. */
    region?: pulumi.Input<string>;
    /** Warn on this resource when the certificate expires within this many days (default 30). */
    expiryWarningDays?: pulumi.Input<number>;
}

/** The provider object KmsCertificate hands to Pulumi: a thin forwarder, stored in state as a require() of its module. */
export { kmsCertificateProvider };

/**
 * A certificate in Alibaba Cloud KMS Certificates Manager: KMS makes the key pair and a CSR
 * (CreateCertificate); a CA signs the `csr` output; giving the result as `certificate` uploads it
 * (UploadCertificate). Status and tags change in place.
 */
export class KmsCertificate extends DefinedResource {
    declare readonly certificateId: pulumi.Output<string>;
    declare readonly arn: pulumi.Output<string>;
    /** The CSR KMS made, in PEM: have a CA sign it. */
    declare readonly csr: pulumi.Output<string>;
    /** What KMS reports: PENDING until the certificate is uploaded, then ACTIVE, INACTIVE or REVOKED. */
    declare readonly certificateStatus: pulumi.Output<string>;
    declare readonly serial: pulumi.Output<string>;
    declare readonly issuer: pulumi.Output<string>;
    declare readonly signatureAlgorithm: pulumi.Output<string>;
    declare readonly subjectPublicKey: pulumi.Output<string>;
    declare readonly subjectKeyIdentifier: pulumi.Output<string>;
    declare readonly createdAt: pulumi.Output<string>;
    declare readonly updatedAt: pulumi.Output<string>;
    declare readonly keySpec: pulumi.Output<KmsKeySpec>;
    declare readonly subject: pulumi.Output<string>;
    declare readonly subjectAlternativeNames: pulumi.Output<string[]>;
    declare readonly exportablePrivateKey: pulumi.Output<boolean>;
    declare readonly protectionLevel: pulumi.Output<KmsProtectionLevel | undefined>;
    declare readonly certificate: pulumi.Output<string | undefined>;
    declare readonly certificateChain: pulumi.Output<string | undefined>;
    declare readonly status: pulumi.Output<KmsCertificateStatus | undefined>;
    declare readonly tags: pulumi.Output<Record<string, string>>;
    declare readonly region: pulumi.Output<string | undefined>;
    declare readonly expiryWarningDays: pulumi.Output<number>;
    /** The uploaded leaf's validity (ISO-8601 UTC), serial number and SHA-256 fingerprint (uppercase hex); "" before upload. */
    declare readonly notBefore: pulumi.Output<string>;
    declare readonly notAfter: pulumi.Output<string>;
    declare readonly serialNumber: pulumi.Output<string>;
    declare readonly fingerprintSha256: pulumi.Output<string>;

    constructor(name: string, args: KmsCertificateArgs, opts?: pulumi.CustomResourceOptions) {
        super({ provider: kmsCertificateProvider, definition: kmsCertificateDefinition, module: "alibaba", type: "KmsCertificate" }, name, args, opts);
    }

    /** Looks up an existing certificate by CertificateId (needs @pulumi/pulumi 3.268 or later under the engine). */
    static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): KmsCertificate {
        return new KmsCertificate(name, {} as KmsCertificateArgs, { ...opts, id });
    }
}
