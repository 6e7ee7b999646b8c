import * as pulumi from "@pulumi/pulumi";
import { DefinedResource } from "../core/resource/resourceClass";
import tencentCertificateProvider from "./certificateForwarder";
import { tencentCertificateDefinition, type TencentCertificateType } from "./certificateProvider";

export type { TencentCertificateInputs, TencentCertificateOutputs, TencentCertificateType } from "./certificateProvider";

/** Inputs of a TencentCertificate, named after UploadCertificate's fields. */
export interface TencentCertificateArgs {
    /** PEM certificate, leaf first, optionally followed by its chain. */
    certificatePublicKey: pulumi.Input<string>;
    /** PEM private key; required for SVR certificates. Always stored as a secret. */
    certificatePrivateKey?: pulumi.Input<string>;
    /** SVR (server certificate, the default) or CA (client-authentication CA). */
    certificateType?: pulumi.Input<TencentCertificateType>;
    /**
     * The certificate's name in the console. Default: the resource's name plus a random suffix,
     * kept across updates and new on replacement, so rotations never collide.
     */
    alias?: pulumi.Input<string>;
    projectId?: pulumi.Input<number>;
    /** Comma-separated cloud products the certificate is for: CLB, CDN, WAF, LIVE, DDOS. */
    certificateUse?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * Whether Tencent may store a second copy of a certificate it already has (default true).
     * With false, uploading a known certificate adopts the existing one, which this stack then
     * never deletes.
     */
    repeatable?: pulumi.Input<boolean>;
    /** Password of an encrypted private key. Always stored as a secret. */
    keyPassword?: pulumi.Input<string>;
    /** Warn on this resource when the certificate expires within this many days (default 30). */
    expiryWarningDays?: pulumi.Input<number>;
}

/** The provider object TencentCertificate hands to Pulumi: a thin forwarder, stored in state as a require() of its module. */
export { tencentCertificateProvider };

/** A certificate uploaded to Tencent Cloud SSL Certificates (UploadCertificate). */
export class TencentCertificate extends DefinedResource {
    declare readonly certificateId: pulumi.Output<string>;
    declare readonly certificatePublicKey: pulumi.Output<string>;
    declare readonly certificatePrivateKey: pulumi.Output<string | undefined>;
    declare readonly certificateType: pulumi.Output<TencentCertificateType>;
    declare readonly alias: pulumi.Output<string>;
    declare readonly projectId: pulumi.Output<number>;
    declare readonly certificateUse: pulumi.Output<string>;
    declare readonly tags: pulumi.Output<Record<string, string>>;
    declare readonly repeatable: pulumi.Output<boolean>;
    declare readonly domain: pulumi.Output<string>;
    declare readonly subjectAltNames: pulumi.Output<string[]>;
    declare readonly certBeginTime: pulumi.Output<string>;
    declare readonly certEndTime: pulumi.Output<string>;
    declare readonly insertTime: pulumi.Output<string>;
    declare readonly status: pulumi.Output<number>;
    declare readonly statusName: pulumi.Output<string>;
    declare readonly fingerprint: pulumi.Output<string>;
    declare readonly adopted: pulumi.Output<boolean>;
    declare readonly expiryWarningDays: pulumi.Output<number>;
    /** The leaf's validity (ISO-8601 UTC), serial number and SHA-256 fingerprint (uppercase hex). */
    declare readonly notBefore: pulumi.Output<string>;
    declare readonly notAfter: pulumi.Output<string>;
    declare readonly serialNumber: pulumi.Output<string>;
    declare readonly fingerprintSha256: pulumi.Output<string>;

    constructor(name: string, args: TencentCertificateArgs, opts?: pulumi.CustomResourceOptions) {
        super({ provider: tencentCertificateProvider, definition: tencentCertificateDefinition, module: "tencent", type: "Certificate" }, name, args, opts);
    }

    /** Looks up an existing certificate by id (needs @pulumi/pulumi 3.268 or later under the engine). */
    static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): TencentCertificate {
        return new TencentCertificate(name, {} as TencentCertificateArgs, { ...opts, id });
    }
}
