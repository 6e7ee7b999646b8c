import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { ASN1HEX, X509 } from "jsrsasign";
import { readDistinguishedName, type DistinguishedName } from "./distinguishedName";
import { keyAlgorithmOf, type KeyAlgorithmInfo } from "./keyAlgorithm";
import { PemError } from "./pemError";
import { CSR_LABELS, describePemLabel, isPrivateKeyLabel } from "./pemLabels";
import { splitPemBlocks } from "./splitPemBlocks";
import { toSubjectAltNames, type SubjectAltNames } from "./subjectAltNames";

/** A PKCS#10 certificate signing request. @public */
export interface CsrInfo {
    readonly subject: DistinguishedName;
    /** DNS names and IPs requested in the extensionRequest attribute, in order; empty when none. */
    readonly subjectAltNames: readonly string[];
    readonly dnsNames: readonly string[];
    readonly ipAddresses: readonly string[];
    readonly keyAlgorithm: KeyAlgorithmInfo;
    readonly publicKey: KeyObject;
    /** jsrsasign's name ("SHA256withRSA") or the dotted OID. */
    readonly signatureAlgorithm: string;
    /**
     * Whether the self-signature verifies with the CSR's own key (node:crypto). `undefined` when
     * it cannot be checked here: SM2-with-SM3 (node 20 verifies SM2 inconsistently, see the
     * reference notes) and RSA-PSS.
     */
    readonly signatureValid: boolean | undefined;
    /** Canonical PEM. */
    readonly pem: string;
}

// DER value of the PKCS#9 extensionRequest OID 1.2.840.113549.1.9.14.
const OID_EXTENSION_REQUEST_HEX = "2a864886f70d01090e";
const ED25519_SIGNATURE = "1.3.101.112";
const RSA_OR_ECDSA = /^SHA(1|224|256|384|512)with(RSA|ECDSA)$/;

/**
 * Parses a PEM CSR. The structure is read with jsrsasign's ASN1HEX rather than
 * CSRUtil.getParam, because getParam parses the public key with jsrsasign and throws on SM2 and
 * Ed25519 CSRs ("unsupported curve name"); the key itself is loaded by node:crypto.
 * Throws PemError only.
 * @public
 */
export function parseCsr(text: string): CsrInfo {
    const blocks = splitPemBlocks(text);
    if (blocks.length !== 1) throw new PemError("UNEXPECTED_BLOCK", `there are ${blocks.length} PEM blocks; a CSR is exactly one`);
    const block = blocks[0]!;
    if (!CSR_LABELS.includes(block.label)) {
        const code = isPrivateKeyLabel(block.label) ? "UNEXPECTED_PRIVATE_KEY" : "UNEXPECTED_BLOCK";
        throw new PemError(code, `the PEM block is ${describePemLabel(block.label)}, not a certificate signing request`);
    }
    try {
        return decodeCsr(block.der, block.pem);
    } catch {
        throw new PemError("BAD_CSR", "the PEM block is not a valid PKCS#10 certificate signing request");
    }
}

function decodeCsr(der: Buffer, pem: string): CsrInfo {
    const hex = der.toString("hex");
    if (!ASN1HEX.isASN1HEX(hex)) throw new Error("not DER");
    // CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature BIT STRING }
    const [infoIdx, algIdx, sigIdx, ...extra] = ASN1HEX.getChildIdx(hex, 0);
    if (infoIdx === undefined || algIdx === undefined || sigIdx === undefined || extra.length > 0) throw new Error("shape");
    // CertificationRequestInfo ::= SEQUENCE { version, subject, subjectPKInfo, attributes [0] }
    const [, subjectIdx, spkiIdx, attributesIdx] = ASN1HEX.getChildIdx(hex, infoIdx);
    if (subjectIdx === undefined || spkiIdx === undefined) throw new Error("shape");

    const publicKey = createPublicKey({ key: Buffer.from(ASN1HEX.getTLV(hex, spkiIdx), "hex"), format: "der", type: "spki" });
    const parser = new X509();
    const signatureAlgorithm = parser.getAlgorithmIdentifierName(ASN1HEX.getTLV(hex, algIdx));
    const signatureBits = ASN1HEX.getV(hex, sigIdx);
    // The first byte of a BIT STRING value is its unused-bits count.
    const signature = Buffer.from(signatureBits.slice(2), "hex");
    const info = Buffer.from(ASN1HEX.getTLV(hex, infoIdx), "hex");

    const sans = attributesIdx === undefined ? toSubjectAltNames([]) : requestedSubjectAltNames(hex, attributesIdx, parser);
    return {
        subject: readDistinguishedName(ASN1HEX.getTLV(hex, subjectIdx)),
        subjectAltNames: sans.all,
        dnsNames: sans.dns,
        ipAddresses: sans.ip,
        keyAlgorithm: keyAlgorithmOf(publicKey),
        publicKey,
        signatureAlgorithm,
        signatureValid: verifyCsrSignature(signatureAlgorithm, info, publicKey, signature),
        pem,
    };
}

function requestedSubjectAltNames(hex: string, attributesIdx: number, parser: X509): SubjectAltNames {
    // Attribute ::= SEQUENCE { type OID, values SET OF … }; extensionRequest's value is Extensions.
    for (const attributeIdx of ASN1HEX.getChildIdx(hex, attributesIdx)) {
        const [oidIdx, valuesIdx] = ASN1HEX.getChildIdx(hex, attributeIdx);
        if (oidIdx === undefined || valuesIdx === undefined || ASN1HEX.getV(hex, oidIdx) !== OID_EXTENSION_REQUEST_HEX) continue;
        const [extensionsIdx] = ASN1HEX.getChildIdx(hex, valuesIdx);
        if (extensionsIdx === undefined) continue;
        const extensions = parser.getExtParamArray(ASN1HEX.getTLV(hex, extensionsIdx));
        const san = extensions.find((extension) => extension.extname === "subjectAltName") as { array?: unknown[] } | undefined;
        return toSubjectAltNames(san?.array);
    }
    return toSubjectAltNames([]);
}

function verifyCsrSignature(algorithm: string, info: Buffer, publicKey: KeyObject, signature: Buffer): boolean | undefined {
    const rsaOrEcdsa = RSA_OR_ECDSA.exec(algorithm);
    try {
        if (rsaOrEcdsa) return verify(`sha${rsaOrEcdsa[1]}`, info, publicKey, signature);
        if (algorithm === ED25519_SIGNATURE) return verify(null, info, publicKey, signature);
    } catch {
        // A key that does not fit the declared algorithm (e.g. an EC key with SHA256withRSA).
        return false;
    }
    return undefined;
}
