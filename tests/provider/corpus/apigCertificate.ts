import { exportPrivateKey } from "../../../emulator/pki";
import { crlf, join, oversizedBlock, withControlCharacter, withoutEndLine, withoutMiddleLines, type Material } from "./material";
import type { BadInputClass, Inputs, InvalidCase, ResourceCorpus, ValidCase } from "./types";

const base = (m: Material): Inputs => ({ certContent: m.rsa.chain, privateKey: m.rsa.key });
/** SM2: the encryption pair and the signing pair. */
const sm2 = (m: Material): Inputs => ({ algorithmType: "SM2", certContent: m.sm2.chain, privateKey: m.sm2.key, certContentSign: m.sm2Sign.chain, privateKeySign: m.sm2Sign.key });
const bad = (name: string, kind: BadInputClass, property: string, reason: RegExp, inputs: (m: Material) => Inputs): InvalidCase => ({ name, class: kind, property, reason, inputs });
const NAME_RULE = /name must be 4 to 50 characters: letters \(Chinese characters too\), digits and underscores, starting with a letter/;

const invalid: InvalidCase[] = [
    bad("a name starting with a digit", "name", "name", NAME_RULE, (m) => ({ ...base(m), name: "1cert" })),
    bad("a name of three characters", "length", "name", NAME_RULE, (m) => ({ ...base(m), name: "abc" })),
    bad("a name of 51 characters", "length", "name", NAME_RULE, (m) => ({ ...base(m), name: `a${"b".repeat(50)}` })),
    bad("a name with a hyphen", "name", "name", NAME_RULE, (m) => ({ ...base(m), name: "web-cert" })),
    bad("a name with an escape character", "control character", "name", /name contains a control character \(U\+001B\)/, (m) => ({ ...base(m), name: "web\u001bcert" })),
    bad("type regional", "enum", "type", /type must be one of global, instance/, (m) => ({ ...base(m), type: "regional" })),
    bad("type instance without instanceId", "conflicting fields", "instanceId", /instanceId is required when type is instance/, (m) => ({ ...base(m), type: "instance" })),
    bad("instanceId with type global", "conflicting fields", "instanceId", /instanceId is only for type instance/, (m) => ({ ...base(m), instanceId: "f0fa1789-3b76-433b-a787-9892951c620e" })),
    bad("an instanceId with other characters", "name", "instanceId", /instanceId must be a gateway instance id/, (m) => ({ ...base(m), type: "instance", instanceId: "gw_1/../x" })),
    bad("an instanceId of 65 characters", "length", "instanceId", /instanceId is 65 characters long; the limit is 64/, (m) => ({ ...base(m), type: "instance", instanceId: "a".repeat(65) })),
    bad("algorithmType DSA", "enum", "algorithmType", /algorithmType must be one of RSA, ECC, SM2/, (m) => ({ ...base(m), algorithmType: "DSA" })),
    bad("algorithmType in lower case", "enum", "algorithmType", /algorithmType must be one of RSA, ECC, SM2/, (m) => ({ ...base(m), algorithmType: "rsa" })),
    bad("SM2 declared for an RSA certificate", "algorithm mismatch", "algorithmType", /algorithmType declares SM2, but the certificate in certContent has a key of type RSA-2048/, (m) => ({ ...sm2(m), ...base(m) })),
    bad("an SM2 certificate declared RSA", "algorithm mismatch", "algorithmType", /algorithmType declares RSA, but the certificate in certContent has a key of type SM2/, (m) => ({ certContent: m.sm2.chain, privateKey: m.sm2.key })),
    bad("ECC declared for an RSA certificate", "algorithm mismatch", "algorithmType", /algorithmType declares EC, but the certificate in certContent has a key of type RSA-2048/, (m) => ({ ...base(m), algorithmType: "ECC" })),
    bad("an EC certificate with the default RSA", "algorithm mismatch", "algorithmType", /algorithmType declares RSA, but the certificate in certContent has a key of type EC P-256/, (m) => ({ certContent: m.p256.chain, privateKey: m.p256.key })),
    bad("SM2 without its signing pair", "required", "certContentSign", /certContentSign is required when algorithmType is SM2/, (m) => ({ algorithmType: "SM2", certContent: m.sm2.chain, privateKey: m.sm2.key })),
    bad("a signing pair without SM2", "conflicting fields", "certContentSign", /certContentSign is only for algorithmType SM2/, (m) => ({ ...base(m), certContentSign: m.sm2Sign.chain, privateKeySign: m.sm2Sign.key })),
    bad("an RSA signing certificate for SM2", "algorithm mismatch", "certContentSign", /certContentSign: the certificate has a key of type RSA-2048; this service accepts SM2 keys only/, (m) => ({ ...sm2(m), certContentSign: m.rsa.chain, privateKeySign: m.rsa.key })),
    bad("the encryption key as the signing key", "mismatched key", "privateKeySign", /privateKeySign does not match the certificate in certContentSign/, (m) => ({ ...sm2(m), privateKeySign: m.sm2.key })),
    bad("a signing key of 8093 characters", "length", "privateKeySign", /privateKeySign is 8093 characters long; the limit is 8092/, (m) => ({ ...sm2(m), privateKeySign: "x".repeat(8093) })),
    bad("signing certificate and key swapped", "swapped fields", "certContentSign", /private key/, (m) => ({ ...sm2(m), certContentSign: m.sm2Sign.key, privateKeySign: m.sm2Sign.chain })),
    bad("an encrypted private key", "password", "privateKey", /privateKey: the private key is encrypted.*unencrypted keys only/, (m) => ({ ...base(m), privateKey: m.encryptedKey })),
    bad("a certificate without subjectAltName", "name", "certContent", /no subjectAltName, which APIG requires \(APIG\.2109\)/, (m) => ({ certContent: m.noSan.chain, privateKey: m.noSan.key })),
    bad("a certificate expiring after 2038", "length", "certContent", /expires after 2038-01-19T03:14:07Z, which APIG refuses \(APIG\.3148\)/, (m) => ({ certContent: m.after2038.chain, privateKey: m.after2038.key })),
    bad("an expired certificate", "expired", "certContent", /the certificate expired on/, (m) => ({ certContent: m.expired.chain, privateKey: m.expired.key })),
    bad("a certificate not valid yet", "not yet valid", "certContent", /not yet valid/, (m) => ({ certContent: m.notYetValid.chain, privateKey: m.notYetValid.key })),
    bad("an expired intermediate", "chain member expired", "certContent", /certificate 2 of 2 in certContent .*expired on/, (m) => ({ certContent: m.expiredIntermediate.chain, privateKey: m.expiredIntermediate.key })),
    bad("a key of another certificate", "mismatched key", "privateKey", /privateKey does not match the certificate in certContent/, (m) => ({ ...base(m), privateKey: m.otherKey })),
    bad("the chain in reverse order", "chain out of order", "certContent", /reverse order/, (m) => ({ ...base(m), certContent: join(m.rsa.root, m.rsa.intermediate, m.rsa.leaf) })),
    bad("an intermediate of another CA", "chain out of order", "certContent", /did not issue certificate 1/, (m) => ({ ...base(m), certContent: join(m.rsa.leaf, m.unrelatedIntermediate) })),
    bad("an SM2 chain in reverse order", "chain out of order", "certContent", /reverse order|out of order/, (m) => ({ ...sm2(m), certContent: join(m.rsa.intermediate, m.sm2.leaf) })),
    bad("plain text instead of the certificate", "garbage PEM", "certContent", /not PEM/, (m) => ({ ...base(m), certContent: "MIIB...see attached" })),
    bad("the private key cut before its END line", "truncated PEM", "privateKey", /no matching -----END/, (m) => ({ ...base(m), privateKey: withoutEndLine(m.rsa.key) })),
    bad("the certificate with base64 lines missing", "truncated PEM", "certContent", /not a valid X\.509 certificate/, (m) => ({ ...base(m), certContent: join(withoutMiddleLines(m.rsa.leaf), m.rsa.intermediate) })),
    bad("certificate and key swapped", "swapped fields", "certContent", /PEM block 1 is a private key, not a certificate. Move the private key to privateKey/, (m) => ({ certContent: m.rsa.key, privateKey: m.rsa.chain })),
    bad("a CSR instead of the private key", "wrong PEM type", "privateKey", /certificate signing request/, (m) => ({ ...base(m), privateKey: m.csr })),
    bad("a server certificate as trustedRootCa", "wrong PEM type", "trustedRootCa", /trustedRootCa: the certificate is not a CA certificate/, (m) => ({ ...base(m), trustedRootCa: m.rsa.leaf })),
    bad("a private key as trustedRootCa", "swapped fields", "trustedRootCa", /trustedRootCa: PEM block 1 is a private key/, (m) => ({ ...base(m), trustedRootCa: m.rsa.key })),
    bad("an expired CA as trustedRootCa", "chain member expired", "trustedRootCa", /trustedRootCa: the certificate expired on/, (m) => ({ ...base(m), trustedRootCa: m.expiredIntermediate.intermediate })),
    bad("a region with spaces", "name", "region", /region must be a region name such as cn-north-4/, (m) => ({ ...base(m), region: "CN North 4" })),
    bad("a region of 70 KB", "oversized", "region", /region is 70003 characters long; the limit is 64/, (m) => ({ ...base(m), region: `cn-${"a".repeat(70_000)}` })),
    bad("a project id with other characters", "name", "projectId", /projectId must be a project id/, (m) => ({ ...base(m), projectId: "my project!" })),
    bad("an Ed25519 certificate and key", "refused algorithm", "certContent", /Ed25519; this service accepts RSA \(2048 bits or more\) keys only/, (m) => ({ certContent: m.ed25519.chain, privateKey: m.ed25519.key })),
    bad("an RSA-1024 certificate and key", "refused algorithm", "certContent", /RSA-1024; this service accepts RSA \(2048 bits or more\) keys only/, (m) => ({ certContent: m.rsa1024.chain, privateKey: m.rsa1024.key })),
    bad("a P-521 certificate declared ECC", "refused algorithm", "certContent", /EC P-521; this service accepts EC P-256 or P-384 keys only/, (m) => ({ algorithmType: "ECC", certContent: m.p521.chain, privateKey: m.p521.key })),
    bad("a DSA key", "refused algorithm", "privateKey", /privateKey is a key of type DSA/, (m) => ({ ...base(m), privateKey: m.dsa.key })),
    bad("a private key over 64 KiB", "oversized", "privateKey", /64 KiB/, (m) => ({ ...base(m), privateKey: oversizedBlock("PRIVATE KEY") })),
    bad("a bell character in the certificate", "control character", "certContent", /control character \(U\+0007\)/, (m) => ({ ...base(m), certContent: withControlCharacter(m.rsa.chain) })),
    bad("no private key", "required", "privateKey", /privateKey is required/, (m) => ({ certContent: m.rsa.chain })),
    bad("expiryWarningDays as a fraction", "type", "expiryWarningDays", /expiryWarningDays must be a whole number/, (m) => ({ ...base(m), expiryWarningDays: 7.5 })),
    bad("a key password, which APIG does not take", "unknown input", "keyPassword", /keyPassword is not an input of ApigCertificate; its inputs are/, (m) => ({ ...base(m), privateKey: m.encryptedKey, keyPassword: m.password })),
    bad("a misspelt input", "unknown input", "certcontent", /certcontent is not an input of ApigCertificate: did you mean certContent\?/, (m) => ({ ...base(m), certcontent: m.rsa.chain })),
];

const good = (name: string, inputs: (m: Material) => Inputs): ValidCase => ({ name, inputs });

const valid: ValidCase[] = [
    good("RSA-2048, PKCS#8 key", (m) => base(m)),
    good("RSA-4096, PKCS#1 key", (m) => ({ certContent: m.rsa4096.chain, privateKey: exportPrivateKey(m.rsa4096.key, "pkcs1") })),
    good("ECC P-256, SEC1 key", (m) => ({ algorithmType: "ECC", certContent: m.p256.chain, privateKey: exportPrivateKey(m.p256.key, "sec1") })),
    good("ECC P-384, PKCS#8 key", (m) => ({ algorithmType: "ECC", certContent: m.p384.chain, privateKey: m.p384.key })),
    good("SM2 encryption and signing pairs, PKCS#8 keys", (m) => sm2(m)),
    good("SM2 pairs with SEC1 keys", (m) => ({ ...sm2(m), privateKey: exportPrivateKey(m.sm2.key, "sec1"), privateKeySign: exportPrivateKey(m.sm2Sign.key, "sec1") })),
    good("CRLF line endings and surrounding whitespace", (m) => ({ certContent: `\r\n${crlf(m.rsa.chain)}\r\n\r\n`, privateKey: `  ${crlf(m.rsa.key)}  ` })),
    good("a dedicated gateway, a trusted root CA and a Chinese name", (m) => ({ ...base(m), name: "证书_corpus_1", type: "instance", instanceId: "f0fa1789-3b76-433b-a787-9892951c620e", trustedRootCa: m.rsa.root })),
];

export const apigCertificateCorpus: ResourceCorpus = {
    resource: "ApigCertificate",
    notApplicable: {
        "distinguished name": "ApigCertificate takes no subject: the certificate carries it",
        "country code": "ApigCertificate takes no country",
    },
    invalid,
    valid,
};
