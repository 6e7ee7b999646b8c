import * as pulumi from "@pulumi/pulumi";
import { TencentCertificate, TencentCsr } from "pulumi-cloudcerts";

const config = new pulumi.Config();

// Objects made outside this stack, looked up by id: the engine reads them and never deletes them.
const certificate = TencentCertificate.get("existing-certificate", config.require("certificateId"));
const csr = TencentCsr.get("existing-csr", config.require("csrId"));

export const certificateId = certificate.certificateId;
export const certificateDomain = certificate.domain;
export const certificateSans = certificate.subjectAltNames;
export const certificateBegins = certificate.certBeginTime;
export const certificateExpires = certificate.certEndTime;
export const certificateFingerprint = certificate.fingerprint;
export const certificatePrivateKey = certificate.certificatePrivateKey;
export const csrId = csr.csrId;
export const csrStatus = csr.status;
export const csrPem = csr.csr;
export const csrPrivateKey = csr.privateKey;

// Which Node the engine ran the program and the dynamic providers on. The provider host is a
// separate process started by the pulumi-resource-pulumi-nodejs plugin script.
class NodeVersion extends pulumi.dynamic.Resource {
    declare readonly version: pulumi.Output<string>;
    constructor(name: string) {
        super(
            {
                async create() {
                    return { id: "node", outs: { version: process.version } };
                },
            },
            name,
            { version: undefined },
        );
    }
}
export const programNode = process.version;
export const providerNode = new NodeVersion("provider-node").version;
