import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, X509Certificate, type KeyObject } from "node:crypto";
import { isIP } from "node:net";
import { ASN1HEX, KJUR, X509, type CertificateTBSParams } from "jsrsasign";
import { toX500NameArray, type SubjectFields } from "./subjectName";

/** The CA that signs a certificate. @public */
export interface CertificateIssuer {
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

/** @public */
export interface MakeCertificateOptions {
    readonly subject: SubjectFields;
    /**
     * The subject's key. `publicKeyPem` goes into the certificate; `privateKeyPem` is needed only
     * for a self-signed certificate (no `issuer`).
     */
    readonly subjectKey: { readonly publicKeyPem: string; readonly privateKeyPem?: string };
    /** The signing CA; omit for a self-signed certificate. */
    readonly issuer?: CertificateIssuer;
    /** DNS names and IP addresses (IPv4/IPv6 are recognised and encoded as iPAddress). */
    readonly sans?: readonly string[];
    readonly notBefore: Date;
    readonly notAfter: Date;
    /** Makes a CA certificate (basicConstraints CA:TRUE, keyCertSign). */
    readonly ca?: boolean;
    /** pathLenConstraint of a CA certificate. */
    readonly pathLength?: number;
    /** Serial number as hex; default 16 random bytes. */
    readonly serialNumberHex?: string;
}

/**
 * Builds and signs an X.509 v3 certificate. jsrsasign encodes the TBSCertificate; node:crypto
 * signs it (jsrsasign's own ECDSA signing is pure JS and tens of ms per signature).
 * Supports RSA and EC (P-256/P-384/P-521) subject and issuer keys.
 * @public
 */
export function makeCertificate(options: MakeCertificateOptions): string {
    const subjectPublicKey = createPublicKey(options.subjectKey.publicKeyPem);
    assertBuildableKey(subjectPublicKey, "subject");
    const subjectPublicKeyPem = subjectPublicKey.export({ type: "spki", format: "pem" }).toString();
    const subjectKeyId = keyIdentifier(subjectPublicKey);

    let signingKey: KeyObject;
    let issuerNameHex: string | undefined;
    let authorityKeyId: string | undefined;
    if (options.issuer) {
        signingKey = createPrivateKey(options.issuer.privateKeyPem);
        const issuerCert = new X509Certificate(options.issuer.certificatePem);
        if (!issuerCert.checkPrivateKey(signingKey)) throw new Error("issuer.privateKeyPem does not match issuer.certificatePem");
        // The issuer name must be byte-identical to the CA's subject for chain building, so copy its DER.
        const parsed = new X509();
        parsed.readCertHex(issuerCert.raw.toString("hex"));
        issuerNameHex = parsed.getSubjectHex();
        // jsrsasign's extension getters throw on v1 certificates, which have no extensions.
        authorityKeyId = parsed.getVersion() >= 3 ? parsed.getExtSubjectKeyIdentifier()?.kid.hex : undefined;
    } else {
        if (options.subjectKey.privateKeyPem === undefined) throw new Error("a self-signed certificate needs subjectKey.privateKeyPem");
        signingKey = createPrivateKey(options.subjectKey.privateKeyPem);
        if (!createPublicKey(signingKey).equals(subjectPublicKey)) throw new Error("subjectKey.privateKeyPem does not match subjectKey.publicKeyPem");
        authorityKeyId = subjectKeyId;
    }
    assertBuildableKey(signingKey, "issuer");
    const { sigalg, hash } = signatureAlgorithmFor(signingKey);

    const subjectName = { array: toX500NameArray(options.subject) };
    const tbsParams = {
        version: 3,
        serial: { hex: options.serialNumberHex ?? randomSerialHex() },
        sigalg,
        issuer: issuerNameHex === undefined ? subjectName : { hex: issuerNameHex },
        notbefore: asn1Time(options.notBefore),
        notafter: asn1Time(options.notAfter),
        subject: subjectName,
        sbjpubkey: subjectPublicKeyPem,
        ext: extensionsFor(options, subjectKeyId, authorityKeyId, subjectPublicKey),
    };
    // @types/jsrsasign does not list X500Name's {hex} form, which the runtime supports.
    const tbs = new KJUR.asn1.x509.TBSCertificate(tbsParams as unknown as CertificateTBSParams);
    const signature = sign(hash, Buffer.from(tbs.getEncodedHex(), "hex"), signingKey);
    const cert = new KJUR.asn1.x509.Certificate({ tbsobj: tbs, sigalg, sighex: signature.toString("hex") } as KJUR.asn1.x509.X509CertificateTBSParamsSigned);
    return cert.getPEM().replace(/\r\n/g, "\n").trim();
}

type ExtensionParam = { extname: string; [x: string]: unknown };

function extensionsFor(options: MakeCertificateOptions, subjectKeyId: string, authorityKeyId: string | undefined, subjectKey: KeyObject): ExtensionParam[] {
    const ext: ExtensionParam[] = [];
    if (options.ca) {
        ext.push({ extname: "basicConstraints", critical: true, cA: true, ...(options.pathLength === undefined ? {} : { pathLen: options.pathLength }) });
        ext.push({ extname: "keyUsage", critical: true, names: ["digitalSignature", "keyCertSign", "cRLSign"] });
    } else {
        ext.push({ extname: "basicConstraints", critical: true, cA: false });
        // keyEncipherment only makes sense for RSA (TLS 1.2 RSA key exchange).
        const names = subjectKey.asymmetricKeyType === "rsa" ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"];
        ext.push({ extname: "keyUsage", critical: true, names });
        ext.push({ extname: "extKeyUsage", array: [{ name: "serverAuth" }, { name: "clientAuth" }] });
    }
    ext.push({ extname: "subjectKeyIdentifier", kid: { hex: subjectKeyId } });
    if (authorityKeyId !== undefined) ext.push({ extname: "authorityKeyIdentifier", kid: { hex: authorityKeyId } });
    if (options.sans && options.sans.length > 0) {
        ext.push({ extname: "subjectAltName", array: options.sans.map((name) => (isIP(name) ? { ip: name } : { dns: name })) });
    }
    return ext;
}

/** Signature algorithm by signing key: SHA-256, except SHA-384/512 for P-384/P-521 keys. @internal */
export function signatureAlgorithmFor(key: KeyObject): { sigalg: string; hash: string } {
    if (key.asymmetricKeyType === "rsa") return { sigalg: "SHA256withRSA", hash: "sha256" };
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "secp384r1") return { sigalg: "SHA384withECDSA", hash: "sha384" };
    if (curve === "secp521r1") return { sigalg: "SHA512withECDSA", hash: "sha512" };
    return { sigalg: "SHA256withECDSA", hash: "sha256" };
}

const BUILDABLE_CURVES: ReadonlySet<string> = new Set(["prime256v1", "secp384r1", "secp521r1"]);

/** jsrsasign can encode RSA and NIST EC public keys only (not SM2, not Ed25519). @internal */
export function assertBuildableKey(key: KeyObject, role: string): void {
    const type = key.asymmetricKeyType;
    if (type === "rsa") return;
    if (type === "ec" && BUILDABLE_CURVES.has(key.asymmetricKeyDetails?.namedCurve ?? "")) return;
    throw new Error(`the ${role} key must be RSA or EC P-256/P-384/P-521 to build certificates and CSRs`);
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. @internal */
export function keyIdentifier(publicKey: KeyObject): string {
    const spkiHex = publicKey.export({ type: "spki", format: "der" }).toString("hex");
    const bitString = ASN1HEX.getVbyList(spkiHex, 0, [1], "03");
    if (bitString === null) throw new Error("public key has no subjectPublicKey BIT STRING");
    // The first byte of a BIT STRING value is the unused-bits count (0), not key material.
    return createHash("sha1").update(Buffer.from(bitString.slice(2), "hex")).digest("hex");
}

/** Positive, minimal-DER 128-bit serial: first byte 0x01..0x7f so no sign or padding byte is needed. @internal */
export function randomSerialHex(): string {
    const bytes = randomBytes(16);
    bytes[0] = bytes[0]! & 0x7f || 0x01;
    return bytes.toString("hex");
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds. @internal */
export function asn1Time(date: Date): string {
    if (Number.isNaN(date.getTime())) throw new Error("invalid date");
    const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
    const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
    const year = date.getUTCFullYear();
    return (year >= 1950 && year < 2050 ? digits.slice(2) : digits) + "Z";
}
