import * as pulumi from "@pulumi/pulumi";
import { KmsCertificate, type KmsCertificateStatus } from "pulumi-cloudcerts";

const config = new pulumi.Config();

// The first `up` makes the key pair and CSR in KMS; once a CA has signed `csr`, setting
// `certificate` (and its chain) uploads it in place.
const cert = new KmsCertificate("kms", {
    keySpec: "EC_P256",
    subject: config.require("subject"),
    subjectAlternativeNames: ["kms.e2e.example.com"],
    certificate: config.get("certificate"),
    certificateChain: config.get("certificateChain"),
    status: config.get("status") as KmsCertificateStatus | undefined,
    tags: { env: config.get("env") ?? "test" },
});

export const certificateId = cert.certificateId;
export const arn = cert.arn;
export const csr = cert.csr;
export const certificateStatus = cert.certificateStatus;
export const notAfter = cert.notAfter;
export const tags = cert.tags;
