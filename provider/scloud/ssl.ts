import * as pulumi from "@pulumi/pulumi";
import { DefinedResource, warnOnExpiry } from "../core/resource/resourceClass";
import scloudSslProvider from "./sslForwarder";
import { leafOfBundle, scloudSslDefinition, type ScloudSslBinding, type ScloudSslType } from "./sslProvider";

export type { ScloudSslBinding, ScloudSslInputs, ScloudSslOutputs, ScloudSslType } from "./sslProvider";

/**
 * Inputs of a ScloudSsl, named after CreateSSL's fields. Give exactly one source of the
 * certificate: sslContent, or userCert + privateKey (+ caCert), or usslId.
 */
export interface ScloudSslArgs {
    /**
     * The certificate's name in the ULB console (at most 50 characters). Default: the resource's
     * name plus a random suffix, kept across updates and new on replacement, so a bound
     * certificate can be rotated by creating the new one before the old one is deleted. Renamed in place.
     */
    sslName?: pulumi.Input<string>;
    /** Pem, the only type SCloud accepts (the default). */
    sslType?: pulumi.Input<ScloudSslType>;
    /** The whole bundle in one PEM text: the certificate, its private key and the CA certificates. Always stored as a secret. */
    sslContent?: pulumi.Input<string>;
    /** The PEM certificate; its CA certificates go in caCert. */
    userCert?: pulumi.Input<string>;
    /** The certificate's PEM private key, without a passphrase. Always stored as a secret. */
    privateKey?: pulumi.Input<string>;
    /** The CA certificates, intermediate first. */
    caCert?: pulumi.Input<string>;
    /** A certificate already in USSL (SCloud's SSL certificate service) to import, e.g. usecure_ussl-abc123. */
    usslId?: pulumi.Input<string>;
    /** Default: scloud:region (SCLOUD_REGION). Certificates are regional. */
    region?: pulumi.Input<string>;
    /** Default: scloud:projectId (SCLOUD_PROJECT_ID). */
    projectId?: pulumi.Input<string>;
    /** Warn on this resource when the certificate expires within this many days (default 30). */
    expiryWarningDays?: pulumi.Input<number>;
}

/** The provider object ScloudSsl hands to Pulumi: a thin forwarder, stored in state as a require() of its module. */
export { scloudSslProvider };

/** A certificate on SCloud's load balancers (ULB CreateSSL), for HTTPS listeners. */
export class ScloudSsl extends DefinedResource {
    declare readonly sslId: pulumi.Output<string>;
    declare readonly sslName: pulumi.Output<string>;
    declare readonly sslType: pulumi.Output<ScloudSslType>;
    declare readonly sslContent: pulumi.Output<string | undefined>;
    declare readonly userCert: pulumi.Output<string | undefined>;
    declare readonly privateKey: pulumi.Output<string | undefined>;
    declare readonly caCert: pulumi.Output<string | undefined>;
    declare readonly usslId: pulumi.Output<string | undefined>;
    declare readonly region: pulumi.Output<string>;
    declare readonly projectId: pulumi.Output<string>;
    declare readonly expiryWarningDays: pulumi.Output<number>;
    /** ISO-8601 UTC. */
    declare readonly createTime: pulumi.Output<string>;
    declare readonly hashValue: pulumi.Output<string>;
    declare readonly domains: pulumi.Output<string>;
    /** 0 uploaded to ULB, 1 imported from USSL. */
    declare readonly sslSource: pulumi.Output<number>;
    /** The load-balancer listeners the certificate serves, as of the last read. */
    declare readonly boundListeners: pulumi.Output<ScloudSslBinding[]>;
    /** The leaf's validity (ISO-8601 UTC), serial number and SHA-256 fingerprint (uppercase hex). */
    declare readonly notBefore: pulumi.Output<string>;
    declare readonly notAfter: pulumi.Output<string>;
    declare readonly serialNumber: pulumi.Output<string>;
    declare readonly fingerprintSha256: pulumi.Output<string>;

    constructor(name: string, args: ScloudSslArgs, opts?: pulumi.CustomResourceOptions) {
        super({ provider: scloudSslProvider, definition: scloudSslDefinition, module: "scloud", type: "Ssl" }, name, args, opts);
        if (args?.sslContent !== undefined) {
            // The bundle's leaf, for the same warning; only the certificate leaves the secret.
            const leaf = pulumi.output(args.sslContent).apply((content) => (typeof content === "string" ? leafOfBundle(content) : undefined));
            warnOnExpiry(this, { ...scloudSslDefinition, certificateInput: "leaf" }, { leaf, expiryWarningDays: args.expiryWarningDays });
        }
    }

    /** Looks up an existing certificate by SSL id, in scloud:region and scloud:projectId (needs @pulumi/pulumi 3.268 or later under the engine). */
    static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ScloudSsl {
        return new ScloudSsl(name, {} as ScloudSslArgs, { ...opts, id });
    }
}
