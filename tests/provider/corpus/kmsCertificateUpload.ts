import { providers } from "../../../provider";
import { signKmsCsr } from "../../support/kms";
import { crlf, join, oversizedBlock, withControlCharacter, withoutEndLine, type Material } from "./material";
import type { BadInputClass, Inputs, InvalidCase, Prerequisite, ResourceCorpus, ValidCase } from "./types";

/** An id as KMS gives them; check does not look it up (that is the create's first step). */
const ID = "12345678-1234-4123-8123-1234567890ab";
const base = (m: Material): Inputs => ({ certificateId: ID, certificate: m.rsa.leaf, certificateChain: m.rsa.caChain });
const bad = (name: string, kind: BadInputClass, property: string, reason: RegExp, inputs: (m: Material) => Inputs): InvalidCase => ({ name, class: kind, property, reason, inputs });

const invalid: InvalidCase[] = [
    bad("no certificateId", "required", "certificateId", /certificateId is required/, (m) => ({ certificate: m.rsa.leaf })),
    bad("a certificateId with a space", "name", "certificateId", /certificateId must be a KMS CertificateId: the certificateId output of a KmsCertificate/, (m) => ({ ...base(m), certificateId: "1234 5678" })),
    bad("a certificateId of 200 characters", "length", "certificateId", /certificateId must be a KMS CertificateId/, (m) => ({ ...base(m), certificateId: "a".repeat(200) })),
    bad("a certificateId with an escape sequence", "control character", "certificateId", /certificateId must be a KMS CertificateId/, (m) => ({ ...base(m), certificateId: `${ID}\u001b[2J` })),
    bad("no certificate", "required", "certificate", /certificate is required/, () => ({ certificateId: ID })),
    bad("plain text instead of the certificate", "garbage PEM", "certificate", /not PEM/, () => ({ certificateId: ID, certificate: "-- paste the signed certificate here --" })),
    bad("the certificate cut before its END line", "truncated PEM", "certificate", /no matching -----END/, (m) => ({ ...base(m), certificate: withoutEndLine(m.rsa.leaf) })),
    bad("the CSR as the certificate", "wrong PEM type", "certificate", /certificate signing request \(CSR\), not a certificate/, (m) => ({ ...base(m), certificate: m.csr })),
    bad("a private key as the certificate", "swapped fields", "certificate", /PEM block 1 is a private key, not a certificate/, (m) => ({ ...base(m), certificate: m.rsa.key })),
    bad("the leaf and its chain in certificate", "conflicting fields", "certificate", /certificate holds several PEM blocks: give the leaf alone/, (m) => ({ ...base(m), certificate: m.rsa.chain })),
    bad("an expired certificate", "expired", "certificate", /the certificate expired on/, (m) => ({ ...base(m), certificate: m.expired.leaf, certificateChain: m.expired.caChain })),
    bad("a certificate not valid yet", "not yet valid", "certificate", /not yet valid/, (m) => ({ ...base(m), certificate: m.notYetValid.leaf, certificateChain: m.notYetValid.caChain })),
    bad("an expired intermediate", "chain member expired", "certificateChain", /certificate 1 of 2 in certificateChain .*expired on/, (m) => ({ ...base(m), certificate: m.expiredIntermediate.leaf, certificateChain: m.expiredIntermediate.caChain })),
    bad("the chain root first", "chain out of order", "certificateChain", /out of order|reverse order/, (m) => ({ ...base(m), certificateChain: join(m.rsa.root, m.rsa.intermediate) })),
    bad("a chain of another CA", "chain out of order", "certificateChain", /did not issue certificate 1/, (m) => ({ ...base(m), certificateChain: m.unrelatedIntermediate })),
    bad("an Ed25519 certificate", "refused algorithm", "certificate", /the certificate has a key of type Ed25519; this service accepts/, (m) => ({ ...base(m), certificate: m.ed25519.leaf })),
    bad("a chain over 64 KiB", "oversized", "certificateChain", /64 KiB/, (m) => ({ ...base(m), certificateChain: oversizedBlock("CERTIFICATE") })),
    bad("a bell character in the certificate", "control character", "certificate", /control character \(U\+0007\)/, (m) => ({ ...base(m), certificate: withControlCharacter(m.rsa.leaf) })),
    bad("status ENABLED", "enum", "status", /status must be one of ACTIVE, INACTIVE, REVOKED/, (m) => ({ ...base(m), status: "ENABLED" })),
    bad("a region in capitals", "name", "region", /region must be a region id such as cn-hangzhou/, (m) => ({ ...base(m), region: "CN_HANGZHOU" })),
    bad("certificateId as a number", "type", "certificateId", /certificateId must be a string/, (m) => ({ ...base(m), certificateId: 12345 })),
    bad("a negative expiryWarningDays", "enum", "expiryWarningDays", /expiryWarningDays must be between 0 and 3650/, (m) => ({ ...base(m), expiryWarningDays: -1 })),
    bad("the private key, which stays in KMS", "unknown input", "privateKey", /privateKey is not an input of KmsCertificateUpload/, (m) => ({ ...base(m), privateKey: m.rsa.key })),
];

type Provider = { check(olds: object, news: object): Promise<{ inputs?: Inputs; failures?: unknown[] }>; create(inputs: object): Promise<{ id: string; outs?: Inputs }>; delete(id: string, props: object): Promise<void> };

/** The KmsCertificate an upload needs: made first, its CSR signed by the test CA, deleted after. */
const kmsCertificate =
    (keySpec: string): Prerequisite =>
    async () => {
        const kms = providers.KmsCertificate as unknown as Provider;
        const checked = await kms.check({}, { keySpec, subject: `CN=upload.example.com,OU=web,O=Example Ltd,C=CN`, subjectAlternativeNames: ["upload.example.com"], __cloudcertsName: "corpus-kms" });
        const created = await kms.create(checked.inputs!);
        return { outputs: { certificateId: created.id, ...signKmsCsr(String(created.outs!.csr)) }, cleanup: () => kms.delete(created.id, created.outs!) };
    };

const good = (name: string, keySpec: string, inputs: (signed: Inputs) => Inputs): ValidCase => ({ name, prerequisite: kmsCertificate(keySpec), inputs: (_m, signed) => inputs(signed!) });

const valid: ValidCase[] = [
    good("an RSA_2048 CSR's certificate with its chain", "RSA_2048", (s) => ({ certificateId: s.certificateId, certificate: s.certificate, certificateChain: s.chain })),
    good("an EC_P256 CSR's certificate with CRLF line endings, INACTIVE", "EC_P256", (s) => ({ certificateId: s.certificateId, certificate: crlf(String(s.certificate)), certificateChain: crlf(String(s.chain)), status: "INACTIVE" })),
    good("an EC_SM2 CSR's certificate in surrounding whitespace, no chain", "EC_SM2", (s) => ({ certificateId: s.certificateId, certificate: `\n  ${String(s.certificate).trim()}\n\n` })),
];

export const kmsCertificateUploadCorpus: ResourceCorpus = {
    resource: "KmsCertificateUpload",
    notApplicable: {
        "mismatched key": "KmsCertificateUpload takes no key: the certificate is compared with its KmsCertificate's CSR by the create, which can read it",
        password: "KmsCertificateUpload takes no key, so no password",
        "algorithm mismatch": "KmsCertificateUpload declares no algorithm: the CSR's key, compared at create, is the certificate's",
        "distinguished name": "KmsCertificateUpload takes no subject: the certificate's comes from the CSR",
        "country code": "KmsCertificateUpload takes no subject, so no country",
    },
    invalid,
    valid,
};
