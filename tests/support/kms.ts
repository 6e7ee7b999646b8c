import { createPrivateKey, generateKeyPairSync, sign, X509Certificate } from "node:crypto";
import { ASN1HEX, KJUR, X509 } from "jsrsasign";
import { derLength, derSequence, replaceChild } from "../../emulator/alibaba/sm2";
import { makeCertificate } from "../../emulator/pki";
import { asn1Time, signatureAlgorithmFor } from "../../emulator/pki/makeCertificate";
import { parseCsr } from "../../provider/core/pem";
import { testChain } from "./pki";

/** A CA (the shared test root and intermediate) signing a CSR KMS made, as the KMS flow expects. */
export interface SignedKmsCertificate {
    /** The leaf alone: UploadCertificate's Certificate. */
    readonly certificate: string;
    /** Intermediate then root: UploadCertificate's CertificateChain (sub-CA first, root last). */
    readonly chain: string;
    readonly intermediate: string;
    readonly root: string;
}

const DAY_MS = 86_400_000;

export function signKmsCsr(csrPem: string, options: { commonName?: string; sans?: readonly string[]; days?: number } = {}): SignedKmsCertificate {
    const csr = parseCsr(csrPem);
    const ca = testChain("ca-only.example.com");
    const now = Date.now();
    const issuer = { certificatePem: ca.intermediate!.certificatePem, privateKeyPem: ca.intermediate!.privateKeyPem };
    const leafOptions = {
        commonName: options.commonName ?? csr.subject.CN ?? "kms.example.com",
        publicKeyPem: csr.publicKey.export({ type: "spki", format: "pem" }).toString(),
        sans: options.sans ?? csr.subjectAltNames,
        notBefore: new Date(now - DAY_MS),
        notAfter: new Date(now + (options.days ?? 90) * DAY_MS),
    };
    const certificate =
        csr.keyAlgorithm.algorithm === "SM2"
            ? sm2Leaf(leafOptions, issuer)
            : makeCertificate({ subject: { CN: leafOptions.commonName }, subjectKey: { publicKeyPem: leafOptions.publicKeyPem }, issuer, sans: leafOptions.sans, notBefore: leafOptions.notBefore, notAfter: leafOptions.notAfter });
    const intermediate = ca.intermediate!.certificatePem.trim();
    const root = ca.root!.certificatePem.trim();
    return { certificate: `${certificate.trim()}\n`, chain: `${intermediate}\n${root}\n`, intermediate, root };
}

/**
 * A leaf for an SM2 key, signed by the (RSA or EC) test CA. The test PKI cannot encode SM2 keys,
 * so the TBSCertificate is built around a placeholder P-256 key whose SubjectPublicKeyInfo is then
 * swapped for the SM2 one, before the CA signs it.
 */
function sm2Leaf(
    leaf: { commonName: string; publicKeyPem: string; sans: readonly string[]; notBefore: Date; notAfter: Date },
    issuer: { certificatePem: string; privateKeyPem: string },
): string {
    const signingKey = createPrivateKey(issuer.privateKeyPem);
    const { sigalg, hash } = signatureAlgorithmFor(signingKey);
    const parsedIssuer = new X509();
    parsedIssuer.readCertHex(new X509Certificate(issuer.certificatePem).raw.toString("hex"));
    const placeholder = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey;
    const tbs = new KJUR.asn1.x509.TBSCertificate({
        version: 3,
        serial: { hex: "01" + Buffer.from(String(Date.now())).toString("hex") },
        sigalg,
        issuer: { hex: parsedIssuer.getSubjectHex() },
        notbefore: asn1Time(leaf.notBefore),
        notafter: asn1Time(leaf.notAfter),
        subject: { array: [[{ type: "CN", value: leaf.commonName, ds: "utf8" }]] },
        sbjpubkey: placeholder.export({ type: "spki", format: "pem" }).toString(),
        ext: [
            { extname: "basicConstraints", critical: true, cA: false },
            { extname: "keyUsage", critical: true, names: ["digitalSignature"] },
            ...(leaf.sans.length > 0 ? [{ extname: "subjectAltName", array: leaf.sans.map((dns) => ({ dns })) }] : []),
        ],
    } as unknown as ConstructorParameters<typeof KJUR.asn1.x509.TBSCertificate>[0]);
    const sm2Spki = Buffer.from(leaf.publicKeyPem.replace(/-----[^-]+-----|\s/g, ""), "base64").toString("hex");
    const tbsHex = replaceChild(tbs.getEncodedHex(), placeholder.export({ type: "spki", format: "der" }).toString("hex"), sm2Spki);
    const signature = sign(hash, Buffer.from(tbsHex, "hex"), signingKey).toString("hex");
    const algorithm = new KJUR.asn1.x509.AlgorithmIdentifier({ name: sigalg }).getEncodedHex();
    const der = Buffer.from(derSequence(tbsHex + algorithm + `03${derLength(signature.length / 2 + 1)}00${signature}`), "hex");
    if (!ASN1HEX.isASN1HEX(der.toString("hex"))) throw new Error("built an invalid certificate");
    return `-----BEGIN CERTIFICATE-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----`;
}
