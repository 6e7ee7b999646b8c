import { X509Certificate } from "node:crypto";
import { X509 } from "jsrsasign";
import { readDistinguishedName, type DistinguishedName } from "./distinguishedName";
import { keyAlgorithmOf, type KeyAlgorithmInfo } from "./keyAlgorithm";
import { MAX_CHAIN_CERTIFICATES } from "./limits";
import { PemError } from "./pemError";
import { CERTIFICATE_LABEL, describePemLabel, isPrivateKeyLabel } from "./pemLabels";
import { splitPemBlocks, type PemBlock } from "./splitPemBlocks";
import { toSubjectAltNames, type SubjectAltNames } from "./subjectAltNames";

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
    /** The certificate's DER. */
    readonly der: Buffer;
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
 * Parses one PEM block as a certificate. node:crypto does the parsing (it is what rejects DER that
 * is not a certificate), and gives dates, serial, fingerprints, key and CA flag. The fields only
 * jsrsasign reads (structured names and SANs, the signature algorithm) are decoded on first use,
 * from this one block (on a bundle jsrsasign would silently parse the last certificate): check()
 * of a good chain never needs them, and decoding them costs several times node's parse.
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
    return new ParsedCertificate(position, x509, block);
}

/** What jsrsasign decodes, once, when a field that needs it is first read. */
interface DecodedFields {
    readonly subject: DistinguishedName;
    readonly issuer: DistinguishedName;
    readonly sans: SubjectAltNames;
    readonly signatureAlgorithm: string;
    readonly selfIssued: boolean;
}

class ParsedCertificate implements CertificateInfo {
    readonly notBefore: Date;
    readonly notAfter: Date;
    private decodedFields: DecodedFields | undefined;
    private key: KeyAlgorithmInfo | undefined;

    constructor(
        readonly position: number,
        readonly x509: X509Certificate,
        private readonly block: PemBlock,
    ) {
        this.notBefore = x509.validFromDate;
        this.notAfter = x509.validToDate;
    }

    // node:crypto reads each of these on first access and keeps it.
    get serialNumber(): string {
        return this.x509.serialNumber.toUpperCase();
    }
    get isCA(): boolean {
        return this.x509.ca;
    }

    get pem(): string {
        return this.block.pem;
    }
    get der(): Buffer {
        return this.block.der;
    }

    get subject(): DistinguishedName {
        return this.decoded().subject;
    }
    get issuer(): DistinguishedName {
        return this.decoded().issuer;
    }
    get subjectCommonName(): string | undefined {
        return this.decoded().subject.CN;
    }
    get subjectAltNames(): readonly string[] {
        return this.decoded().sans.all;
    }
    get dnsNames(): readonly string[] {
        return this.decoded().sans.dns;
    }
    get ipAddresses(): readonly string[] {
        return this.decoded().sans.ip;
    }
    get signatureAlgorithm(): string {
        return this.decoded().signatureAlgorithm;
    }
    get selfIssued(): boolean {
        return this.decoded().selfIssued;
    }
    get fingerprintSha1(): string {
        return this.x509.fingerprint;
    }
    get fingerprintSha256(): string {
        return this.x509.fingerprint256;
    }
    get keyAlgorithm(): KeyAlgorithmInfo {
        this.key ??= keyAlgorithmOf(this.x509.publicKey);
        return this.key;
    }

    private decoded(): DecodedFields {
        this.decodedFields ??= decodeWithJsrsasign(this.block.der) ?? decodeFromNode(this.x509);
        return this.decodedFields;
    }
}

function decodeWithJsrsasign(der: Buffer): DecodedFields | undefined {
    try {
        const parsed = new X509();
        parsed.readCertHex(der.toString("hex"));
        const subjectHex = parsed.getSubjectHex();
        const issuerHex = parsed.getIssuerHex();
        return {
            subject: readDistinguishedName(subjectHex),
            issuer: readDistinguishedName(issuerHex),
            // jsrsasign's extension getters throw a TypeError on v1 certificates (no extensions field).
            sans: toSubjectAltNames(parsed.getVersion() >= 3 ? parsed.getExtSubjectAltName()?.array : undefined),
            signatureAlgorithm: parsed.getSignatureAlgorithmField(),
            selfIssued: subjectHex === issuerHex,
        };
    } catch {
        return undefined;
    }
}

/**
 * The same fields from node's text renderings, for a certificate OpenSSL reads but jsrsasign
 * cannot decode: a field read late must not throw where the certificate already parsed.
 */
function decodeFromNode(x509: X509Certificate): DecodedFields {
    const name = (text: string): DistinguishedName => {
        const fields: Record<string, string> = {};
        const parts = text.split("\n").filter((line) => line !== "");
        for (const part of parts) {
            const eq = part.indexOf("=");
            const type = eq > 0 ? part.slice(0, eq) : "";
            if (NODE_NAME_FIELDS.has(type) && fields[type] === undefined) fields[type] = part.slice(eq + 1);
        }
        return { text: parts.join(", "), ...fields };
    };
    const all = (x509.subjectAltName ?? "").split(", ").filter((entry) => entry !== "");
    const dns = all.filter((entry) => entry.startsWith("DNS:")).map((entry) => entry.slice(4));
    const ip = all.filter((entry) => entry.startsWith("IP Address:")).map((entry) => entry.slice(11));
    return {
        subject: name(x509.subject),
        issuer: name(x509.issuer),
        sans: { all: [...dns, ...ip], dns, ip },
        signatureAlgorithm: "unknown",
        selfIssued: x509.subject === x509.issuer,
    };
}

const NODE_NAME_FIELDS = new Set(["CN", "O", "OU", "L", "ST", "C", "emailAddress"]);
