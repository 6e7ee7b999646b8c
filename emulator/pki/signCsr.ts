import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, X509Certificate, type KeyObject } from "node:crypto";
import { ASN1HEX, KJUR, X509, type CertificateTBSParams } from "jsrsasign";
import { derLength, derSequence, replaceChild, toPem } from "./der";
import { asn1Time, keyIdentifier, randomSerialHex, signatureAlgorithmFor, type CertificateIssuer } from "./makeCertificate";
import { toX500NameArray, type SubjectFields } from "./subjectName";

/** @public */
export interface SignCsrOptions {
    /** The CA that signs: its certificate and private key. */
    readonly issuer: CertificateIssuer;
    /** Default: one day ago. */
    readonly notBefore?: Date;
    /** Default: 90 days after notBefore. */
    readonly notAfter?: Date;
    /** Serial number as hex; default 16 random bytes, or with serialFromCsr 16 bytes of the CSR's SHA-256. */
    readonly serialNumberHex?: string;
    /**
     * Derive the serial number from the CSR, so that signing the same CSR with the same dates and
     * an RSA CA (whose signatures are deterministic) gives the same certificate every time: a
     * program that signs in each run then uploads nothing new.
     */
    readonly serialFromCsr?: boolean;
}

/** 16 bytes of the CSR's SHA-256 as a positive serial number (first bit clear, never zero-led). */
function serialOfCsr(csrPem: string): string {
    const digest = createHash("sha256").update(csrPem).digest().subarray(0, 16);
    digest[0] = digest[0]! & 0x7f || 0x01;
    return digest.toString("hex");
}

const DAY_MS = 86_400_000;
const EXTENSION_REQUEST_OID = "06092a864886f70d01090e"; // PKCS#9 extensionRequest
const SUBJECT_ALT_NAME_OID = "0603551d11";

/** What a CA takes from a CSR: its subject and public key verbatim, its DNS names and IP addresses. */
interface CsrContents {
    readonly subjectHex: string;
    readonly spkiHex: string;
    readonly publicKey: KeyObject;
    readonly sans: ReadonlyArray<{ dns: string } | { ip: string }>;
}

/**
 * Signs a PKCS#10 CSR as a test CA would: the certificate copies the CSR's subject, public key and
 * subject alternative names, and is a TLS server/client leaf. RSA, EC and SM2 CSRs are accepted
 * (KMS makes SM2 ones), and the CSR's own signature is verified first. Test material only.
 * @public
 */
export function signCsr(csrPem: string, options: SignCsrOptions): string {
    const csr = readCsr(csrPem);
    const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
    return issueLeaf({
        subject: { hex: csr.subjectHex },
        publicKeyDer: Buffer.from(csr.spkiHex, "hex"),
        sans: csr.sans,
        issuer: options.issuer,
        notBefore,
        notAfter: options.notAfter ?? new Date(notBefore.getTime() + 90 * DAY_MS),
        serialNumberHex: options.serialNumberHex ?? (options.serialFromCsr ? serialOfCsr(csrPem) : undefined),
    });
}

/** @public */
export interface IssueLeafOptions {
    /** Subject fields, or a subject Name copied verbatim (DER hex). */
    readonly subject: SubjectFields | { readonly hex: string };
    /** The subject's SubjectPublicKeyInfo (DER), of any algorithm: RSA, EC, SM2, Ed25519, DSA... */
    readonly publicKeyDer: Buffer;
    readonly sans: ReadonlyArray<{ dns: string } | { ip: string }>;
    readonly issuer: CertificateIssuer;
    readonly notBefore: Date;
    readonly notAfter: Date;
    readonly serialNumberHex?: string;
}

/**
 * A TLS leaf for a public key of any algorithm, signed by an RSA or EC CA. jsrsasign encodes RSA
 * and NIST keys only, so the TBSCertificate is built around a placeholder key whose
 * SubjectPublicKeyInfo is then swapped for the real one before the CA signs it. Test material only.
 * @public
 */
export function issueLeaf(options: IssueLeafOptions): string {
    const signingKey = createPrivateKey(options.issuer.privateKeyPem);
    const issuerCert = new X509Certificate(options.issuer.certificatePem);
    if (!issuerCert.checkPrivateKey(signingKey)) throw new Error("issuer.privateKeyPem does not match issuer.certificatePem");
    const parsedIssuer = new X509();
    parsedIssuer.readCertHex(issuerCert.raw.toString("hex"));
    const { sigalg, hash } = signatureAlgorithmFor(signingKey);
    const publicKey = createPublicKey({ key: options.publicKeyDer, format: "der", type: "spki" });
    const placeholder = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey;
    const authorityKeyId = parsedIssuer.getVersion() >= 3 ? parsedIssuer.getExtSubjectKeyIdentifier()?.kid.hex : undefined;
    const tbsParams = {
        version: 3,
        serial: { hex: options.serialNumberHex ?? randomSerialHex() },
        sigalg,
        issuer: { hex: parsedIssuer.getSubjectHex() },
        notbefore: asn1Time(options.notBefore),
        notafter: asn1Time(options.notAfter),
        subject: "hex" in options.subject ? { hex: options.subject.hex } : { array: toX500NameArray(options.subject as SubjectFields) },
        sbjpubkey: placeholder.export({ type: "spki", format: "pem" }).toString(),
        ext: [
            { extname: "basicConstraints", critical: true, cA: false },
            { extname: "keyUsage", critical: true, names: publicKey.asymmetricKeyType === "rsa" ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"] },
            { extname: "extKeyUsage", array: [{ name: "serverAuth" }, { name: "clientAuth" }] },
            { extname: "subjectKeyIdentifier", kid: { hex: keyIdentifier(publicKey) } },
            ...(authorityKeyId ? [{ extname: "authorityKeyIdentifier", kid: { hex: authorityKeyId } }] : []),
            ...(options.sans.length > 0 ? [{ extname: "subjectAltName", array: options.sans }] : []),
        ],
    };
    // @types/jsrsasign does not list X500Name's {hex} form, which the runtime supports.
    const tbs = new KJUR.asn1.x509.TBSCertificate(tbsParams as unknown as CertificateTBSParams);
    const tbsHex = replaceChild(tbs.getEncodedHex(), placeholder.export({ type: "spki", format: "der" }).toString("hex"), options.publicKeyDer.toString("hex"));
    const signature = sign(hash, Buffer.from(tbsHex, "hex"), signingKey).toString("hex");
    const algorithm = new KJUR.asn1.x509.AlgorithmIdentifier({ name: sigalg }).getEncodedHex();
    const der = Buffer.from(derSequence(tbsHex + algorithm + `03${derLength(signature.length / 2 + 1)}00${signature}`), "hex");
    return toPem("CERTIFICATE", der);
}

function readCsr(csrPem: string): CsrContents {
    const match = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\s]+)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(csrPem);
    if (!match) throw new Error("csrPem is not a PEM CERTIFICATE REQUEST");
    const hex = Buffer.from(match[1]!.replace(/\s/g, ""), "base64").toString("hex");
    if (!ASN1HEX.isASN1HEX(hex)) throw new Error("csrPem does not hold a DER CERTIFICATE REQUEST");
    const infoHex = ASN1HEX.getTLVbyList(hex, 0, [0]);
    const subjectHex = ASN1HEX.getTLVbyList(hex, 0, [0, 1]);
    const spkiHex = ASN1HEX.getTLVbyList(hex, 0, [0, 2]);
    const algorithmOid = ASN1HEX.getTLVbyList(hex, 0, [1, 0]);
    const signatureBits = ASN1HEX.getVbyList(hex, 0, [2], "03");
    if (!infoHex || !subjectHex || !spkiHex || !algorithmOid || !signatureBits) throw new Error("csrPem is not a PKCS#10 certificate request");
    const publicKey = createPublicKey({ key: Buffer.from(spkiHex, "hex"), format: "der", type: "spki" });
    if (!verify(digestOf(algorithmOid), Buffer.from(infoHex, "hex"), publicKey, Buffer.from(signatureBits.slice(2), "hex"))) {
        throw new Error("the CSR's signature does not verify: it was not signed by the key it holds");
    }
    return { subjectHex, spkiHex, publicKey, sans: sansOf(infoHex) };
}

const DIGEST_BY_SIGNATURE_OID: Readonly<Record<string, string>> = {
    "2a864886f70d01010b": "sha256", // sha256WithRSAEncryption
    "2a864886f70d01010c": "sha384",
    "2a864886f70d01010d": "sha512",
    "2a8648ce3d040302": "sha256", // ecdsa-with-SHA256
    "2a8648ce3d040303": "sha384",
    "2a8648ce3d040304": "sha512",
    "2a811ccf55018375": "sm3", // SM2-with-SM3
};

function digestOf(algorithmOidTlv: string): string {
    const digest = DIGEST_BY_SIGNATURE_OID[ASN1HEX.getV(algorithmOidTlv, 0)];
    if (!digest) throw new Error("the CSR is signed with an algorithm the test CA does not take (RSA or ECDSA with SHA-2, or SM2 with SM3)");
    return digest;
}

/** The dNSName and iPAddress entries of the subjectAltName the CSR asks for, if any. */
function sansOf(infoHex: string): Array<{ dns: string } | { ip: string }> {
    const attributes = ASN1HEX.getChildIdx(infoHex, 0)[3];
    if (attributes === undefined || infoHex.slice(attributes, attributes + 2) !== "a0") return [];
    for (const attribute of ASN1HEX.getChildIdx(infoHex, attributes)) {
        if (ASN1HEX.getTLV(infoHex, ASN1HEX.getChildIdx(infoHex, attribute)[0]!) !== EXTENSION_REQUEST_OID) continue;
        const extensions = ASN1HEX.getTLVbyList(infoHex, attribute, [1, 0]);
        if (!extensions) return [];
        for (const extension of ASN1HEX.getChildIdx(extensions, 0)) {
            const parts = ASN1HEX.getChildIdx(extensions, extension);
            if (ASN1HEX.getTLV(extensions, parts[0]!) !== SUBJECT_ALT_NAME_OID) continue;
            const names = ASN1HEX.getV(extensions, parts[parts.length - 1]!);
            return ASN1HEX.getChildIdx(names, 0).flatMap((idx): Array<{ dns: string } | { ip: string }> => {
                const value = Buffer.from(ASN1HEX.getV(names, idx), "hex");
                const tag = names.slice(idx, idx + 2);
                if (tag === "82") return [{ dns: value.toString("latin1") }];
                if (tag === "87") return [{ ip: ipText(value) }];
                return [];
            });
        }
    }
    return [];
}

function ipText(bytes: Buffer): string {
    if (bytes.length === 4) return [...bytes].join(".");
    const groups: string[] = [];
    for (let i = 0; i < bytes.length; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
    return groups.join(":");
}
