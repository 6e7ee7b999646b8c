import * as pulumi from "@pulumi/pulumi";
import { delegateTo } from "../core/delegate";
import { tencentCertificateProviderImpl, type TencentCertificateInputs, type TencentCertificateOutputs, type TencentCertificateType } from "./certificateProvider";

export type { TencentCertificateInputs, TencentCertificateOutputs, TencentCertificateType } from "./certificateProvider";

/** Inputs of a TencentCertificate, named after UploadCertificate's fields. */
export interface TencentCertificateArgs {
    /** PEM certificate, leaf first, optionally followed by its chain. */
    certificatePublicKey: pulumi.Input<string>;
    /** PEM private key; required for SVR certificates. Always stored as a secret. */
    certificatePrivateKey?: pulumi.Input<string>;
    /** SVR (server certificate, the default) or CA (client-authentication CA). */
    certificateType?: pulumi.Input<TencentCertificateType>;
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
}

/** The provider object TencentCertificate hands to Pulumi: a thin, serializable forwarder. */
export const tencentCertificateProvider = delegateTo(() => tencentCertificateProviderImpl);

/** A certificate uploaded to Tencent Cloud SSL Certificates (UploadCertificate). */
export class TencentCertificate extends pulumi.dynamic.Resource {
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

    constructor(name: string, args: TencentCertificateArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            tencentCertificateProvider,
            name,
            {
                certificateId: undefined,
                domain: undefined,
                subjectAltNames: undefined,
                certBeginTime: undefined,
                certEndTime: undefined,
                insertTime: undefined,
                status: undefined,
                statusName: undefined,
                fingerprint: undefined,
                adopted: undefined,
                ...args,
                // Secret whatever the caller passed, so the key never sits in state as plaintext.
                certificatePrivateKey: args?.certificatePrivateKey === undefined ? undefined : pulumi.secret(args.certificatePrivateKey),
                keyPassword: args?.keyPassword === undefined ? undefined : pulumi.secret(args.keyPassword),
            },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: ["certificatePrivateKey", "keyPassword"] }),
            "tencent",
            "Certificate",
        );
    }

    /** Looks up an existing certificate by id (needs @pulumi/pulumi 3.268 or later under the engine). */
    static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): TencentCertificate {
        return new TencentCertificate(name, {} as TencentCertificateArgs, { ...opts, id });
    }
}
