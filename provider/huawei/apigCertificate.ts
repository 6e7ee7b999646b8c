import * as pulumi from "@pulumi/pulumi";
import { DefinedResource } from "../core/resource/resourceClass";
import apigCertificateProvider from "./apigCertificateForwarder";
import { apigCertificateDefinition, type ApigAlgorithmType, type ApigCertificateType } from "./apigCertificateProvider";

export type { ApigAlgorithmType, ApigCertificateInputs, ApigCertificateOutputs, ApigCertificateType } from "./apigCertificateProvider";

/** Inputs of an ApigCertificate, named after CertificateForm's fields (CreateCertificateV2). */
export interface ApigCertificateArgs {
    /**
     * The certificate's name: 4–50 letters (Chinese characters too), digits and underscores,
     * starting with a letter. Default: the resource's name plus a random suffix, kept across
     * updates and new on replacement, so rotations never collide.
     */
    name?: pulumi.Input<string>;
    /** PEM certificate, server certificate first, then its chain. Changed in place (PUT). */
    certContent: pulumi.Input<string>;
    /** Unencrypted PEM private key of the leaf. Always stored as a secret: every PUT needs it. */
    privateKey: pulumi.Input<string>;
    /** global (default: usable by every gateway of the project) or instance. Changing it replaces the certificate. */
    type?: pulumi.Input<ApigCertificateType>;
    /** The dedicated gateway's id; required when type is instance. Changing it replaces the certificate. */
    instanceId?: pulumi.Input<string>;
    /** CA certificate(s) for client (mTLS) verification. */
    trustedRootCa?: pulumi.Input<string>;
    /** RSA (default), ECC or SM2: the key type of certContent. */
    algorithmType?: pulumi.Input<ApigAlgorithmType>;
    /** SM2 only: the signing certificate (at most 8092 characters). Stored as a secret. */
    certContentSign?: pulumi.Input<string>;
    /** SM2 only: the signing certificate's private key (at most 8092 characters). Always stored as a secret. */
    privateKeySign?: pulumi.Input<string>;
    /** Default huaweicloud:region (HW_REGION_NAME), recorded at check. Changing it replaces the certificate. */
    region?: pulumi.Input<string>;
    /** Default huaweicloud:projectId (HW_PROJECT_ID), recorded at check. Changing it replaces the certificate. */
    projectId?: pulumi.Input<string>;
    /** Warn on this resource when the certificate expires within this many days (default 30). */
    expiryWarningDays?: pulumi.Input<number>;
}

/** The provider object ApigCertificate hands to Pulumi: a thin forwarder, stored in state as a require() of its module. */
export { apigCertificateProvider };

/** An SSL certificate of Huawei Cloud API Gateway (APIG v2, dedicated gateways). */
export class ApigCertificate extends DefinedResource {
    declare readonly certificateId: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;
    declare readonly certContent: pulumi.Output<string>;
    declare readonly privateKey: pulumi.Output<string>;
    declare readonly type: pulumi.Output<ApigCertificateType>;
    declare readonly instanceId: pulumi.Output<string | undefined>;
    declare readonly trustedRootCa: pulumi.Output<string | undefined>;
    declare readonly algorithmType: pulumi.Output<ApigAlgorithmType>;
    declare readonly certContentSign: pulumi.Output<string | undefined>;
    declare readonly privateKeySign: pulumi.Output<string | undefined>;
    declare readonly region: pulumi.Output<string | undefined>;
    declare readonly projectId: pulumi.Output<string | undefined>;
    declare readonly expiryWarningDays: pulumi.Output<number>;
    /** What APIG reports about the certificate. */
    declare readonly commonName: pulumi.Output<string>;
    declare readonly subjectAltNames: pulumi.Output<string[]>;
    declare readonly signatureAlgorithm: pulumi.Output<string>;
    declare readonly issuer: pulumi.Output<string[]>;
    declare readonly reportedSerialNumber: pulumi.Output<string>;
    declare readonly isHasTrustedRootCa: pulumi.Output<boolean>;
    declare readonly createTime: pulumi.Output<string>;
    declare readonly updateTime: pulumi.Output<string>;
    /** The leaf's validity (ISO-8601 UTC), serial number and SHA-256 fingerprint (uppercase hex). */
    declare readonly notBefore: pulumi.Output<string>;
    declare readonly notAfter: pulumi.Output<string>;
    declare readonly serialNumber: pulumi.Output<string>;
    declare readonly fingerprintSha256: pulumi.Output<string>;

    constructor(name: string, args: ApigCertificateArgs, opts?: pulumi.CustomResourceOptions) {
        super({ provider: apigCertificateProvider, definition: apigCertificateDefinition, module: "huawei", type: "ApigCertificate" }, name, args, opts);
    }

    /** Looks up an existing certificate by id (needs @pulumi/pulumi 3.268 or later under the engine). */
    static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ApigCertificate {
        return new ApigCertificate(name, {} as ApigCertificateArgs, { ...opts, id });
    }
}
