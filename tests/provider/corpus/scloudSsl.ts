import { exportPrivateKey } from "../../../emulator/pki";
import { printable } from "../../../provider/core/text";
import { crlf, join, oversizedBlock, withControlCharacter, withoutEndLine, type Material } from "./material";
import type { BadInputClass, Inputs, InvalidCase, ResourceCorpus, ValidCase } from "./types";

/** The certificate, its key and its CA in separate inputs. */
const separate = (m: Material): Inputs => ({ userCert: m.rsa.leaf, privateKey: m.rsa.key, caCert: m.rsa.intermediate });
/** The same in one bundle, the key after the certificate, as DescribeSSL returns it. */
const bundle = (m: Material): Inputs => ({ sslContent: join(m.rsa.leaf, m.rsa.key, m.rsa.intermediate) });
const bad = (name: string, kind: BadInputClass, property: string, reason: RegExp, inputs: (m: Material) => Inputs): InvalidCase => ({ name, class: kind, property, reason, inputs });

const invalid: InvalidCase[] = [
    bad("no certificate at all", "required", "sslContent", /sslContent, userCert \(with privateKey\) or usslId is required/, () => ({ sslName: "web" })),
    bad("a bundle and a USSL id", "conflicting fields", "usslId", /give exactly one source of the certificate, not sslContent and usslId/, (m) => ({ ...bundle(m), usslId: "usecure_ussl-abc123" })),
    bad("a bundle and separate fields", "conflicting fields", "userCert", /not sslContent and userCert\/privateKey\/caCert/, (m) => ({ ...bundle(m), ...separate(m) })),
    bad("plain text as the bundle", "garbage PEM", "sslContent", /sslContent is not valid PEM: the text is not PEM/, () => ({ sslContent: "certificate and key go here" })),
    bad("a bundle cut before the key's END line", "truncated PEM", "sslContent", /sslContent is not valid PEM/, (m) => ({ sslContent: join(m.rsa.leaf, withoutEndLine(m.rsa.key)) })),
    bad("a bundle without the key", "required", "sslContent", /sslContent must hold exactly one private key \(the certificate's\), not 0/, (m) => ({ sslContent: m.rsa.chain })),
    bad("a bundle with two keys", "conflicting fields", "sslContent", /exactly one private key \(the certificate's\), not 2/, (m) => ({ sslContent: join(m.rsa.leaf, m.rsa.key, m.otherKey) })),
    bad("a bundle without a certificate", "required", "sslContent", /sslContent holds no certificate/, (m) => ({ sslContent: m.rsa.key })),
    bad("a bundle with a CSR", "wrong PEM type", "sslContent", /certificates and one private key only, not CERTIFICATE REQUEST blocks/, (m) => ({ sslContent: join(m.rsa.leaf, m.rsa.key, m.csr) })),
    bad("a bundle whose key is another certificate's", "mismatched key", "sslContent", /sslContent does not match the certificate in sslContent/, (m) => ({ sslContent: join(m.rsa.leaf, m.otherKey, m.rsa.intermediate) })),
    bad("a bundle with its CAs root first", "chain out of order", "sslContent", /out of order|reverse order/, (m) => ({ sslContent: join(m.rsa.leaf, m.rsa.key, m.rsa.root, m.rsa.intermediate) })),
    bad("a bundle with an expired certificate", "expired", "sslContent", /the certificate expired on/, (m) => ({ sslContent: join(m.expired.leaf, m.expired.key, m.expired.intermediate) })),
    bad("a bundle with an expired intermediate", "chain member expired", "sslContent", /certificate 2 of 2 in sslContent .*expired on/, (m) => ({ sslContent: join(m.expiredIntermediate.leaf, m.expiredIntermediate.key, m.expiredIntermediate.intermediate) })),
    bad("a bundle with an encrypted key", "password", "sslContent", /sslContent: the private key is encrypted.*unencrypted keys only/, (m) => ({ sslContent: join(m.rsa.leaf, m.encryptedKey) })),
    bad("a bundle over 64 KiB", "oversized", "sslContent", /64 KiB/, (m) => ({ sslContent: join(m.rsa.leaf, m.rsa.key, oversizedBlock("CERTIFICATE")) })),
    bad("a bundle with a NUL character", "control character", "sslContent", /control character \(U\+0000\)/, (m) => ({ sslContent: join(m.rsa.leaf, withControlCharacter(m.rsa.key, "\u0000")) })),
    bad("a certificate without its key", "required", "privateKey", /privateKey is required with userCert/, (m) => ({ userCert: m.rsa.leaf })),
    bad("a key without its certificate", "required", "userCert", /userCert is required with privateKey/, (m) => ({ privateKey: m.rsa.key })),
    bad("a key of another certificate", "mismatched key", "privateKey", /privateKey does not match the certificate in userCert/, (m) => ({ ...separate(m), privateKey: m.otherKey })),
    bad("caCert root first", "chain out of order", "caCert", /out of order|reverse order/, (m) => ({ ...separate(m), caCert: join(m.rsa.root, m.rsa.intermediate) })),
    bad("caCert of another CA", "chain out of order", "caCert", /did not issue certificate 1/, (m) => ({ ...separate(m), caCert: m.unrelatedIntermediate })),
    bad("an expired intermediate in caCert", "chain member expired", "caCert", /certificate 1 of 1 in caCert .*expired on/, (m) => ({ userCert: m.expiredIntermediate.leaf, privateKey: m.expiredIntermediate.key, caCert: m.expiredIntermediate.intermediate })),
    bad("an expired userCert", "expired", "userCert", /the certificate expired on/, (m) => ({ userCert: m.expired.leaf, privateKey: m.expired.key, caCert: m.expired.intermediate })),
    bad("a userCert not valid yet", "not yet valid", "userCert", /not yet valid/, (m) => ({ userCert: m.notYetValid.leaf, privateKey: m.notYetValid.key, caCert: m.notYetValid.intermediate })),
    bad("an encrypted privateKey", "password", "privateKey", /privateKey: the private key is encrypted.*unencrypted keys only/, (m) => ({ ...separate(m), privateKey: m.encryptedKey })),
    bad("an Ed25519 certificate and key", "refused algorithm", "userCert", /Ed25519; this service accepts/, (m) => ({ userCert: m.ed25519.leaf, privateKey: m.ed25519.key, caCert: m.rsa.intermediate })),
    bad("an RSA-1024 certificate and key", "refused algorithm", "userCert", /RSA-1024; this service accepts RSA \(2048 bits or more\)/, (m) => ({ userCert: m.rsa1024.leaf, privateKey: m.rsa1024.key, caCert: m.rsa.intermediate })),
    bad("a P-521 certificate and key", "refused algorithm", "userCert", /EC P-521; this service accepts/, (m) => ({ userCert: m.p521.leaf, privateKey: m.p521.key, caCert: m.rsa.intermediate })),
    bad("certificate and key swapped", "swapped fields", "userCert", /PEM block 1 is a private key, not a certificate/, (m) => ({ userCert: m.rsa.key, privateKey: m.rsa.leaf })),
    bad("the private key in caCert", "swapped fields", "caCert", /caCert: PEM block 1 is a private key, not a certificate/, (m) => ({ ...separate(m), caCert: m.rsa.key })),
    bad("the CSR as userCert", "wrong PEM type", "userCert", /certificate signing request \(CSR\), not a certificate/, (m) => ({ ...separate(m), userCert: m.csr })),
    bad("a name with a space", "name", "sslName", /sslName must be 1 to 50 letters, digits, Han characters/, (m) => ({ ...separate(m), sslName: "web cert" })),
    bad("a name of 51 characters", "length", "sslName", /sslName must be 1 to 50/, (m) => ({ ...separate(m), sslName: "n".repeat(51) })),
    bad("a name with an escape character", "control character", "sslName", /sslName contains a control character \(U\+001B\)/, (m) => ({ ...separate(m), sslName: "web\u001bcert" })),
    bad("sslType Cer", "enum", "sslType", /sslType must be one of Pem/, (m) => ({ ...separate(m), sslType: "Cer" })),
    bad("a region in capitals", "name", "region", /region must be a region code such as cn-bj2 or sg/, (m) => ({ ...separate(m), region: "SG!" })),
    bad("a project id with a space", "name", "projectId", /projectId must be a project id such as org-abc123/, (m) => ({ ...separate(m), projectId: "org abc" })),
    bad("a USSL id with a slash", "name", "usslId", /usslId must be a USSL certificate id/, () => ({ usslId: "usecure/../ssl" })),
    bad("sslContent that is a list", "type", "sslContent", /sslContent must be a string of PEM blocks/, (m) => ({ sslContent: [m.rsa.leaf] })),
    bad("an input with a 70 KB name", "oversized", printable("x".repeat(70_000)), /^x{64}… is not an input of ScloudSsl/, (m) => ({ ...separate(m), ["x".repeat(70_000)]: "y" })),
    bad("a misspelt input", "unknown input", "sslContents", /sslContents is not an input of ScloudSsl: did you mean sslContent\?/, (m) => ({ ...separate(m), sslContents: "x" })),
    bad("a key password, which SCloud does not take", "unknown input", "keyPassword", /keyPassword is not an input of ScloudSsl; its inputs are/, (m) => ({ ...separate(m), privateKey: m.encryptedKey, keyPassword: m.password })),
];

const good = (name: string, inputs: (m: Material) => Inputs): ValidCase => ({ name, inputs });

const valid: ValidCase[] = [
    good("separate certificate, PKCS#8 key and CA", (m) => separate(m)),
    good("separate certificate and PKCS#1 key, no CA", (m) => ({ userCert: m.rsa.leaf, privateKey: exportPrivateKey(m.rsa.key, "pkcs1") })),
    good("a bundle, the key after the certificate", (m) => bundle(m)),
    good("a bundle, the key first, up to the root", (m) => ({ sslContent: join(m.rsa.key, m.rsa.leaf, m.rsa.intermediate, m.rsa.root) })),
    good("EC P-256, SEC1 key, CRLF line endings", (m) => ({ userCert: crlf(m.p256.leaf), privateKey: crlf(exportPrivateKey(m.p256.key, "sec1")), caCert: crlf(m.p256.intermediate) })),
    good("EC P-384 bundle in surrounding whitespace", (m) => ({ sslContent: `\n  ${join(m.p384.leaf, m.p384.key, m.p384.intermediate)}\n\n` })),
    good("RSA-3072 with a Han name", (m) => ({ userCert: m.rsa3072.leaf, privateKey: m.rsa3072.key, caCert: m.rsa3072.intermediate, sslName: "证书-web.2026_a" })),
];

export const scloudSslCorpus: ResourceCorpus = {
    resource: "ScloudSsl",
    notApplicable: {
        "algorithm mismatch": "ScloudSsl declares no algorithm: any key type SCloud accepts is fine",
        "distinguished name": "ScloudSsl takes no subject: the certificate carries it",
        "country code": "ScloudSsl takes no country",
    },
    invalid,
    valid,
};
