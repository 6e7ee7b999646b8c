import { signKmsCsr } from "../../support/kms";
import { crlf, join, oversizedBlock, withControlCharacter, withoutEndLine, type Material } from "./material";
import type { BadInputClass, Inputs, InvalidCase, ResourceCorpus, ValidCase } from "./types";

const SUBJECT = "CN=kms.example.com,OU=web,O=Example Ltd,C=CN";
const base = (keySpec = "RSA_2048"): Inputs => ({ keySpec, subject: SUBJECT, subjectAlternativeNames: ["kms.example.com"] });
/** With a signed certificate: check looks at it, though the CSR it must fit only exists after the create. */
const withCertificate = (m: Material, keySpec = "RSA_2048"): Inputs => ({ ...base(keySpec), certificate: m.rsa.leaf, certificateChain: m.rsa.caChain });
const bad = (name: string, kind: BadInputClass, property: string, reason: RegExp, inputs: (m: Material) => Inputs): InvalidCase => ({ name, class: kind, property, reason, inputs });

const invalid: InvalidCase[] = [
    bad("no keySpec", "required", "keySpec", /keySpec is required: RSA_2048, EC_P256 or EC_SM2/, () => ({ subject: SUBJECT })),
    bad("an RSA-4096 key", "refused algorithm", "keySpec", /keySpec must be one of RSA_2048, EC_P256, EC_SM2/, () => base("RSA_4096")),
    bad("a P-384 key", "refused algorithm", "keySpec", /keySpec must be one of RSA_2048, EC_P256, EC_SM2/, () => base("EC_P384")),
    bad("an Ed25519 key", "refused algorithm", "keySpec", /keySpec must be one of/, () => base("ED25519")),
    bad("keySpec in lower case", "enum", "keySpec", /keySpec must be one of/, () => base("rsa_2048")),
    bad("no subject", "required", "subject", /subject is required: the certificate's distinguished name with CN, C, O and OU, e\.g\. "CN=/, () => ({ keySpec: "EC_P256" })),
    bad("a subject without OU", "distinguished name", "subject", /subject lacks OU: KMS requires CN, C, O and OU/, () => ({ ...base(), subject: "CN=kms.example.com,O=Example Ltd,C=CN" })),
    bad("a subject with an email attribute", "distinguished name", "subject", /subject has the attribute "E"; KMS takes CN, C, O, OU, ST and L/, () => ({ ...base(), subject: `${SUBJECT},E=pki@example.com` })),
    bad("a subject that is a host name", "distinguished name", "subject", /KMS takes CN, C, O, OU, ST and L/, () => ({ ...base(), subject: "kms.example.com" })),
    bad("a subject with CN twice", "distinguished name", "subject", /subject has CN twice/, () => ({ ...base(), subject: `${SUBJECT},CN=www.example.com` })),
    bad("a subject with an empty O", "distinguished name", "subject", /subject attribute O is empty/, () => ({ ...base(), subject: "CN=kms.example.com,OU=web,O=,C=CN" })),
    bad("the country spelt out", "country code", "subject", /subject C must be an ISO 3166-1 alpha-2 code/, () => ({ ...base(), subject: "CN=kms.example.com,OU=web,O=Example Ltd,C=China" })),
    bad("the country in lower case", "country code", "subject", /did you mean "CN"\?/, () => ({ ...base(), subject: "CN=kms.example.com,OU=web,O=Example Ltd,C=cn" })),
    bad("a subject with an escape sequence", "control character", "subject", /subject contains a control character \(U\+001B\)/, () => ({ ...base(), subject: `${SUBJECT}\u001b]0;pwned\u0007` })),
    bad("a subject of 1025 characters", "length", "subject", /subject is 1025 characters long; the limit is 1024/, () => ({ ...base(), subject: `${SUBJECT},L=${"l".repeat(1025 - SUBJECT.length - 3)}` })),
    bad("an attribute type with a control character", "control character", "subject", /subject contains a control character \(U\+0007\)/, () => ({ ...base(), subject: `${SUBJECT},\u0007ST=Zhejiang` })),
    bad("a subjectAlternativeName of 303 characters", "length", "subjectAlternativeNames", /subjectAlternativeNames\[0\] is 303 characters long; a domain name has at most 253/, () => ({ ...base(), subjectAlternativeNames: [`${"a.".repeat(150)}com`] })),
    bad("a subjectAlternativeName with an escape sequence", "control character", "subjectAlternativeNames", /subjectAlternativeNames\[0\] "kms\?\[2J\.example\.com" is not a domain name/, () => ({ ...base(), subjectAlternativeNames: ["kms\u001b[2J.example.com"] })),
    bad("a region of 70 KB", "oversized", "region", /region is 70003 characters long; the limit is 64/, () => ({ ...base(), region: `cn-${"a".repeat(70_000)}` })),
    bad("a tag value with a bell", "control character", "tags", /tags\.owner contains a control character \(U\+0007\)/, () => ({ ...base(), tags: { owner: "pla\u0007tform" } })),
    bad("eleven subjectAlternativeNames", "length", "subjectAlternativeNames", /subjectAlternativeNames has 11 names; KMS takes at most 10/, () => ({ ...base(), subjectAlternativeNames: Array.from({ length: 11 }, (_, i) => `n${i}.example.com`) })),
    bad("a subjectAlternativeName with spaces", "name", "subjectAlternativeNames", /subjectAlternativeNames\[1\] "kms example com" is not a domain name/, () => ({ ...base(), subjectAlternativeNames: ["kms.example.com", "kms example com"] })),
    bad("a subjectAlternativeName twice", "name", "subjectAlternativeNames", /lists a name twice/, () => ({ ...base(), subjectAlternativeNames: ["kms.example.com", "kms.example.com"] })),
    bad("subjectAlternativeNames as one string", "type", "subjectAlternativeNames", /must be a list of domain names/, () => ({ ...base(), subjectAlternativeNames: "kms.example.com" })),
    bad("protectionLevel HARDWARE", "enum", "protectionLevel", /protectionLevel must be one of SOFTWARE, HSM/, () => ({ ...base(), protectionLevel: "HARDWARE" })),
    bad("status ENABLED", "enum", "status", /status must be one of ACTIVE, INACTIVE, REVOKED/, (m) => ({ ...withCertificate(m), status: "ENABLED" })),
    bad("status without a certificate", "conflicting fields", "status", /status can be set only with certificate/, () => ({ ...base(), status: "ACTIVE" })),
    bad("certificateChain without a certificate", "conflicting fields", "certificateChain", /certificateChain is set without certificate/, (m) => ({ ...base(), certificateChain: m.rsa.caChain })),
    bad("exportablePrivateKey as a string", "type", "exportablePrivateKey", /exportablePrivateKey must be true or false/, () => ({ ...base(), exportablePrivateKey: "true" })),
    bad("a tag with Alibaba's reserved prefix", "name", "tags", /prefix "acs:"/, () => ({ ...base(), tags: { "acs:owner": "me" } })),
    bad("21 tags", "length", "tags", /tags has 21 tags; the limit is 20/, () => ({ ...base(), tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) })),
    bad("a region in capitals", "name", "region", /region must be a region id such as cn-hangzhou/, () => ({ ...base(), region: "CN_HANGZHOU" })),
    bad("the leaf and its chain in certificate", "conflicting fields", "certificate", /certificate holds several PEM blocks: give the leaf alone/, (m) => ({ ...base(), certificate: m.rsa.chain })),
    bad("plain text instead of the certificate", "garbage PEM", "certificate", /not PEM/, () => ({ ...base(), certificate: "-- paste the signed certificate here --" })),
    bad("the certificate cut before its END line", "truncated PEM", "certificate", /no matching -----END/, (m) => ({ ...base(), certificate: withoutEndLine(m.rsa.leaf) })),
    bad("a private key as the certificate", "swapped fields", "certificate", /PEM block 1 is a private key, not a certificate/, (m) => ({ ...base(), certificate: m.rsa.key })),
    bad("the CSR as the certificate", "wrong PEM type", "certificate", /certificate signing request \(CSR\), not a certificate/, (m) => ({ ...base(), certificate: m.csr })),
    bad("an expired certificate", "expired", "certificate", /the certificate expired on/, (m) => ({ ...base(), certificate: m.expired.leaf, certificateChain: m.expired.caChain })),
    bad("a certificate not valid yet", "not yet valid", "certificate", /not yet valid/, (m) => ({ ...base(), certificate: m.notYetValid.leaf, certificateChain: m.notYetValid.caChain })),
    bad("an expired intermediate", "chain member expired", "certificateChain", /certificate 1 of 2 in certificateChain .*expired on/, (m) => ({ ...base(), certificate: m.expiredIntermediate.leaf, certificateChain: m.expiredIntermediate.caChain })),
    bad("an EC certificate for RSA_2048", "algorithm mismatch", "keySpec", /keySpec declares RSA-2048, but the certificate in certificate has a key of type EC P-256/, (m) => ({ ...base("RSA_2048"), certificate: m.p256.leaf, certificateChain: m.p256.caChain })),
    bad("an RSA certificate for EC_SM2", "algorithm mismatch", "keySpec", /keySpec declares SM2, but the certificate in certificate has a key of type RSA-2048/, (m) => withCertificate(m, "EC_SM2")),
    bad("an SM2 certificate for RSA_2048", "algorithm mismatch", "keySpec", /keySpec declares RSA-2048, but the certificate in certificate has a key of type SM2/, (m) => ({ ...base("RSA_2048"), certificate: m.sm2.leaf, certificateChain: m.rsa.caChain })),
    bad("an RSA-3072 certificate for RSA_2048", "algorithm mismatch", "keySpec", /keySpec declares RSA-2048, but .* RSA-3072/, (m) => ({ ...base("RSA_2048"), certificate: m.rsa3072.leaf, certificateChain: m.rsa3072.caChain })),
    bad("a P-384 certificate for EC_P256", "algorithm mismatch", "keySpec", /keySpec declares EC P-256, but .* EC P-384/, (m) => ({ ...base("EC_P256"), certificate: m.p384.leaf, certificateChain: m.p384.caChain })),
    bad("an Ed25519 certificate", "refused algorithm", "certificate", /certificate: the certificate has a key of type Ed25519; this service accepts/, (m) => ({ ...base("EC_P256"), certificate: m.ed25519.leaf, certificateChain: m.rsa.caChain })),
    bad("the chain root first", "chain out of order", "certificateChain", /out of order|reverse order/, (m) => ({ ...withCertificate(m), certificateChain: join(m.rsa.root, m.rsa.intermediate) })),
    bad("a chain of another CA", "chain out of order", "certificateChain", /did not issue certificate 1/, (m) => ({ ...withCertificate(m), certificateChain: m.unrelatedIntermediate })),
    bad("a chain over 64 KiB", "oversized", "certificateChain", /64 KiB/, (m) => ({ ...withCertificate(m), certificateChain: oversizedBlock("CERTIFICATE") })),
    bad("a bell character in the certificate", "control character", "certificate", /control character \(U\+0007\)/, (m) => ({ ...withCertificate(m), certificate: withControlCharacter(m.rsa.leaf) })),
    bad("a negative expiryWarningDays", "enum", "expiryWarningDays", /expiryWarningDays must be between 0 and 3650/, () => ({ ...base(), expiryWarningDays: -1 })),
    bad("a private key, which KMS makes itself", "unknown input", "privateKey", /privateKey is not an input of KmsCertificate; its inputs are keySpec/, (m) => ({ ...base(), privateKey: m.rsa.key })),
    bad("a misspelt input", "unknown input", "keyspec", /keyspec is not an input of KmsCertificate: did you mean keySpec\?/, () => ({ subject: SUBJECT, keyspec: "RSA_2048" })),
];

const good = (name: string, inputs: (m: Material) => Inputs, then?: ValidCase["then"]): ValidCase => ({ name, inputs, ...(then ? { then } : {}) });

/** The certificate a CA signed for the CSR KMS made, as the second `up` uploads it. */
const signed =
    (shape: (pem: string) => string) =>
    (outputs: Inputs): Inputs => {
        const { certificate, chain } = signKmsCsr(String(outputs.csr));
        const { keySpec, subject, subjectAlternativeNames } = outputs;
        return { keySpec, subject, subjectAlternativeNames, certificate: shape(certificate), certificateChain: shape(chain) };
    };

const valid: ValidCase[] = [
    good("RSA_2048, then its signed certificate with CRLF line endings", () => base("RSA_2048"), signed(crlf)),
    good("EC_P256 with ST and L, spaces around the commas", () => ({ ...base("EC_P256"), subject: "CN=kms.example.com , OU=web, O=Example Ltd, C=CN, ST=Zhejiang, L=Hangzhou" })),
    good("EC_SM2, then its signed certificate in surrounding whitespace", () => base("EC_SM2"), signed((pem) => `\n\n  ${pem.trim()}\n\n`)),
    good("ten names, tags, HSM, exportable key", () => ({
        ...base("EC_P256"),
        subjectAlternativeNames: ["kms.example.com", "*.kms.example.com", ...Array.from({ length: 8 }, (_, i) => `n${i}.example.com`)],
        tags: { env: "prod", owner: "platform" },
        protectionLevel: "HSM",
        exportablePrivateKey: true,
    })),
    good("its own region", () => ({ ...base("EC_P256"), region: "cn-shanghai" })),
];

export const kmsCertificateCorpus: ResourceCorpus = {
    resource: "KmsCertificate",
    notApplicable: {
        "mismatched key": "KmsCertificate takes no key: KMS makes it, and the certificate is compared with its CSR before the upload",
        password: "KmsCertificate takes no key, so no password",
    },
    invalid,
    valid,
};
