import { createHash, type X509Certificate } from "node:crypto";
import { isChainInOrder, keyMatchesCertificate, loadPrivateKey, parseCertificateChain, PemError } from "../core/x509";
import { RET, ScloudError } from "./envelope";

/** What CreateSSL derives from the certificate it stores. */
export interface CertificateContent {
    readonly userCert: string;
    readonly privateKey: string;
    readonly caCert: string;
    readonly hashValue: string;
    readonly domains: string;
    readonly notBefore: number;
    readonly notAfter: number;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function invalid(detail: string): ScloudError {
    return new ScloudError(RET.SSL_CONTENT_INVALID, `SSL证书内容无效，请确认证书内容正确 (invalid certificate content: ${detail})`);
}

/** The name consoles show: the subject CN, else the first DNS name. */
function domainOf(cert: X509Certificate): string {
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
    if (cn) return cn;
    return /DNS:([^,\s]+)/.exec(cert.subjectAltName ?? "")?.[1] ?? "";
}

/**
 * Checks certificate, key and CA certificates the way CreateSSL refuses bad content (4111): every
 * block parses, exactly one unencrypted private key, and it matches the leaf; the CA certificates
 * follow in issuing order. Messages never quote the content.
 */
export function readContent(userCert: string, privateKey: string, caCert: string): CertificateContent {
    let leafChain: X509Certificate[];
    let cas: X509Certificate[] = [];
    try {
        leafChain = parseCertificateChain(userCert);
        if (caCert.trim() !== "") cas = parseCertificateChain(caCert);
    } catch (error) {
        throw invalid(error instanceof PemError ? error.message : "a certificate cannot be parsed");
    }
    const key = loadPrivateKey(privateKey);
    if (!key.ok) throw invalid(key.reason === "encrypted" ? "the private key is encrypted; give it without a passphrase" : "the private key cannot be parsed");
    const leaf = leafChain[0]!;
    if (!keyMatchesCertificate(key.key, leaf)) throw invalid("the private key does not match the certificate");
    if (!isChainInOrder([...leafChain, ...cas])) throw invalid("the CA certificates are not in issuing order");
    return {
        userCert: userCert.trim(),
        privateKey: privateKey.trim(),
        caCert: caCert.trim(),
        hashValue: createHash("md5").update(leaf.raw).digest("hex"),
        domains: domainOf(leaf),
        notBefore: Math.floor(Date.parse(leaf.validFrom) / 1000),
        notAfter: Math.floor(Date.parse(leaf.validTo) / 1000),
    };
}

/**
 * Splits the all-in-one SSLContent into its parts: the certificate the key belongs to is the
 * user certificate, the other certificates the CA chain (in the order given), whatever order the
 * blocks come in (the console guide puts the key first, DescribeSSL returns it second).
 */
export function splitContent(sslContent: string): CertificateContent {
    const blocks = [...sslContent.matchAll(BLOCK)].map((m) => ({ label: m[1]!, text: m[0] }));
    if (sslContent.replace(BLOCK, "").trim() !== "") throw invalid("unexpected text outside the PEM blocks");
    const keys = blocks.filter((b) => b.label.endsWith("PRIVATE KEY"));
    const certs = blocks.filter((b) => b.label === "CERTIFICATE");
    if (keys.length !== 1) throw invalid(`SSLContent must hold exactly one private key, not ${keys.length}`);
    if (certs.length === 0 || certs.length + keys.length !== blocks.length) throw invalid("SSLContent must hold certificates and one private key only");
    const key = loadPrivateKey(keys[0]!.text);
    if (!key.ok) throw invalid("the private key cannot be parsed or is encrypted");
    const leafIndex = certs.findIndex((c) => {
        try {
            return keyMatchesCertificate(key.key, parseCertificateChain(c.text)[0]!);
        } catch {
            return false;
        }
    });
    if (leafIndex < 0) throw invalid("no certificate matches the private key");
    const chain = certs.filter((_, i) => i !== leafIndex).map((c) => c.text);
    return readContent(certs[leafIndex]!.text, keys[0]!.text, chain.join("\n"));
}
