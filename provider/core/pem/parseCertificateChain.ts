import { X509Certificate } from "node:crypto";
import { X509, zulutodate } from "jsrsasign";
import { readDistinguishedName, type DistinguishedName } from "./distinguishedName";
import { keyAlgorithmOf, type KeyAlgorithmInfo } from "./keyAlgorithm";
import { MAX_CHAIN_CERTIFICATES } from "./limits";
import { PemError } from "./pemError";
import { CERTIFICATE_LABEL, describePemLabel, isPrivateKeyLabel } from "./pemLabels";
import { splitPemBlocks, type PemBlock } from "./splitPemBlocks";
import { toSubjectAltNames } from "./subjectAltNames";

/** What the providers need to know about one certificate. @public */
export interface CertificateInfo {
    /** 1-based position in the text it came from, for messages ("certificate 2"). */
    readonly position: number;
    readonly subject: DistinguishedName;
    readonly issuer: DistinguishedName;
    /** subject.CN, the name most consoles show as "domain". */
    readonly subjectCommonName: string | undefined;
    /** DNS names and IP addresses from the subjectAltName extension, in order. */
    readonly subjectAltNames: readonly string[];
    readonly dnsNames: readonly string[];
    readonly ipAddresses: readonly string[];
    /** Uppercase hex without separators, as node:crypto reports it. */
    readonly serialNumber: string;
    readonly notBefore: Date;
    readonly notAfter: Date;
    /**
     * SHA-1 and SHA-256 of the DER, uppercase hex pairs joined by ":" ("AB:CD:…"): node's format
     * and `openssl x509 -fingerprint`'s. Strip the colons for APIs that want plain hex.
     */
    readonly fingerprintSha1: string;
    readonly fingerprintSha256: string;
    readonly keyAlgorithm: KeyAlgorithmInfo;
    /** jsrsasign's name ("SHA256withRSA", "SHA384withECDSA") or the dotted OID for others (SM2-with-SM3 is "1.2.156.10197.1.501"). */
    readonly signatureAlgorithm: string;
    /** basicConstraints CA:TRUE. */
    readonly isCA: boolean;
    /** Subject and issuer names are identical (a root or a self-signed leaf). */
    readonly selfIssued: boolean;
    /** For node:crypto checks: checkPrivateKey, checkIssued, verify. */
    readonly x509: X509Certificate;
    /** Canonical PEM of this certificate alone. */
    readonly pem: string;
}

/** @public */
export interface ParseCertificateChainOptions {
    /** Most blocks read; more is TOO_MANY_CERTIFICATES, before any is parsed. Default MAX_CHAIN_CERTIFICATES (10). */
    readonly maxCertificates?: number;
}

/**
 * Parses a certificate or a bundle of certificates, in the order given (the leaf comes first in a
 * well-formed bundle; checkCertificateBundle verifies that). Every block must be a certificate.
 * At most MAX_CHAIN_CERTIFICATES by default: a real chain is 2 to 4 certificates, and each one
 * costs a parse and, in checks, signature verifications.
 * Throws PemError only.
 * @public
 */
export function parseCertificateChain(text: string, options: ParseCertificateChainOptions = {}): CertificateInfo[] {
    const blocks = splitPemBlocks(text);
    const max = options.maxCertificates ?? MAX_CHAIN_CERTIFICATES;
    if (blocks.length > max) {
        throw new PemError("TOO_MANY_CERTIFICATES", `there are ${blocks.length} PEM blocks, and at most ${max} certificates are read from one input`);
    }
    return blocks.map((block, i) => parseCertificateBlock(block, i + 1));
}

/**
 * Parses one PEM block as a certificate. node:crypto does the parsing and fingerprints;
 * jsrsasign reads only what node 20 lacks (structured names and SANs, the signature algorithm)
 * and only ever sees this one block (on a bundle it would silently parse the last certificate).
 * @public
 */
export function parseCertificateBlock(block: PemBlock, position = 1): CertificateInfo {
    if (block.label !== CERTIFICATE_LABEL) {
        if (isPrivateKeyLabel(block.label)) {
            throw new PemError("UNEXPECTED_PRIVATE_KEY", `PEM block ${position} is a private key, not a certificate`);
        }
        throw new PemError("UNEXPECTED_BLOCK", `PEM block ${position} is ${describePemLabel(block.label)}, not a certificate`);
    }
    let x509: X509Certificate;
    try {
        x509 = new X509Certificate(block.der);
    } catch {
        throw new PemError("BAD_CERTIFICATE", `PEM block ${position} is not a valid X.509 certificate`);
    }
    try {
        const parsed = new X509();
        parsed.readCertHex(block.der.toString("hex"));
        const subjectHex = parsed.getSubjectHex();
        const issuerHex = parsed.getIssuerHex();
        const subject = readDistinguishedName(subjectHex);
        // jsrsasign's extension getters throw a TypeError on v1 certificates (no extensions field).
        const sans = toSubjectAltNames(parsed.getVersion() >= 3 ? parsed.getExtSubjectAltName()?.array : undefined);
        return {
            position,
            subject,
            issuer: readDistinguishedName(issuerHex),
            subjectCommonName: subject.CN,
            subjectAltNames: sans.all,
            dnsNames: sans.dns,
            ipAddresses: sans.ip,
            serialNumber: x509.serialNumber.toUpperCase(),
            notBefore: zulutodate(parsed.getNotBefore()),
            notAfter: zulutodate(parsed.getNotAfter()),
            fingerprintSha1: x509.fingerprint,
            fingerprintSha256: x509.fingerprint256,
            keyAlgorithm: keyAlgorithmOf(x509.publicKey),
            signatureAlgorithm: parsed.getSignatureAlgorithmField(),
            isCA: x509.ca,
            selfIssued: subjectHex === issuerHex,
            x509,
            pem: block.pem,
        };
    } catch {
        throw new PemError("BAD_CERTIFICATE", `PEM block ${position} is a certificate whose fields could not be decoded`);
    }
}
