import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { signCsr } from "pulumi-cloudcerts/emulator";
import { ApigCertificate, KmsCertificate, KmsCertificateUpload, ScloudSsl, TencentCertificate, TencentCsr, type KmsKeySpec, type TencentCsrAlgorithm } from "pulumi-cloudcerts";

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
    /** The test CA (RSA, so its signatures are deterministic) that signs every other KMS CSR. */
    readonly kmsCa: { certificatePem: string; privateKeyPem: string; chainPem: string };
}

const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures.json"), "utf8")) as Fixtures;
const stack = pulumi.getStack();

const uploads: pulumi.Output<string>[] = [];

/**
 * Signs the CSR in the program and uploads the result: the same certificate on every run (serial
 * number from the CSR, validity from the KMS certificate's creation time), so no run re-uploads.
 */
function upload(name: string, kms: KmsCertificate): KmsCertificateUpload {
    const { certificatePem, privateKeyPem, chainPem } = fixtures.kmsCa;
    const certificate = pulumi.all([kms.csr, kms.createdAt]).apply(([csr, createdAt]) => {
        const notBefore = new Date(Date.parse(createdAt));
        return signCsr(csr, { issuer: { certificatePem, privateKeyPem }, notBefore, notAfter: new Date(notBefore.getTime() + 90 * 86_400_000), serialFromCsr: true });
    });
    return new KmsCertificateUpload(name, { certificateId: kms.certificateId, certificate, certificateChain: chainPem });
}

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
    kmsCertificates: fixtures.kmsCertificates.map((f, i) => {
        const kms = new KmsCertificate(`kms-${i}`, {
            keySpec: f.keySpec,
            subject: f.subject,
            subjectAlternativeNames: [f.san],
            tags: { stack, soak: String(i) },
        });
        if (i % 2 === 0) uploads.push(upload(`kms-signed-${i}`, kms).certificateId);
        return kms.certificateId;
    }),
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
/** The KMS certificates whose signed certificate the program uploaded. */
export const uploadedKmsIds = pulumi.output(uploads);
