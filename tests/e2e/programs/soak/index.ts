import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ApigCertificate, KmsCertificate, ScloudSsl, TencentCertificate, TencentCsr, type KmsKeySpec, type TencentCsrAlgorithm } from "pulumi-cloudcerts";

/**
 * The fault soak's stack: every resource of the five types the test asks for. The test writes
 * fixtures.json (certificates and their private keys, generated per run) next to this file; the
 * private keys are passed as plain strings on purpose, since the resource classes must make
 * them secret whatever the caller passes.
 */
interface Fixtures {
    readonly tencentCertificates: ReadonlyArray<{ certificatePem: string; privateKeyPem: string; keyPassword?: string }>;
    readonly tencentCsrs: ReadonlyArray<{ domain: string; encryptAlgo: TencentCsrAlgorithm; keyParameter: string; keyPassword?: string }>;
    readonly apigCertificates: ReadonlyArray<{ certificatePem: string; privateKeyPem: string; algorithmType: "RSA" | "ECC" }>;
    readonly kmsCertificates: ReadonlyArray<{ subject: string; keySpec: KmsKeySpec; san: string }>;
    readonly scloudSsls: ReadonlyArray<{ certificatePem: string; privateKeyPem: string; caPem: string; bundled: boolean }>;
}

const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures.json"), "utf8")) as Fixtures;
const stack = pulumi.getStack();

const ids: Record<string, pulumi.Output<string>[]> = {
    tencentCertificates: fixtures.tencentCertificates.map(
        (f, i) =>
            new TencentCertificate(`web-${i}`, {
                certificatePublicKey: f.certificatePem,
                certificatePrivateKey: f.privateKeyPem,
                keyPassword: f.keyPassword,
                tags: { stack, soak: String(i) },
            }).certificateId,
    ),
    tencentCsrs: fixtures.tencentCsrs.map(
        (f, i) =>
            new TencentCsr(`csr-${i}`, {
                domain: f.domain,
                organization: "Cloudcerts Soak",
                department: "Platform",
                email: "pki@soak.example.com",
                province: "Guangdong",
                city: "Shenzhen",
                country: "CN",
                encryptAlgo: f.encryptAlgo,
                keyParameter: f.keyParameter,
                keyPassword: f.keyPassword,
                remark: `soak ${i}`,
            }).csrId,
    ),
    apigCertificates: fixtures.apigCertificates.map(
        (f, i) => new ApigCertificate(`gateway-${i}`, { certContent: f.certificatePem, privateKey: f.privateKeyPem, algorithmType: f.algorithmType }).certificateId,
    ),
    kmsCertificates: fixtures.kmsCertificates.map(
        (f, i) =>
            new KmsCertificate(`kms-${i}`, {
                keySpec: f.keySpec,
                subject: f.subject,
                subjectAlternativeNames: [f.san],
                tags: { stack, soak: String(i) },
            }).certificateId,
    ),
    scloudSsls: fixtures.scloudSsls.map(
        (f, i) =>
            new ScloudSsl(
                `lb-${i}`,
                f.bundled
                    ? { sslContent: `${f.certificatePem}\n${f.privateKeyPem}\n${f.caPem}` }
                    : { userCert: f.certificatePem, privateKey: f.privateKeyPem, caCert: f.caPem },
            ).sslId,
    ),
};

/** The vendor id of every resource, by type, in order: the test matches them with the emulator's inventory. */
export const vendorIds = pulumi.output(ids);
