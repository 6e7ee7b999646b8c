import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from "node:crypto";
import { ASN1HEX, KJUR, X509 } from "jsrsasign";
import { derLength, derSequence, replaceChild } from "../../emulator/alibaba/sm2";
import { asn1Time, signatureAlgorithmFor } from "../../emulator/pki/makeCertificate";

/** A leaf to issue for a key the test PKI cannot encode (SM2, Ed25519, Ed448, X25519, DSA). */
export interface AnyKeyLeafOptions {
    readonly commonName: string;
    /** The subject's public key (SPKI PEM), of any type node:crypto can export. */
    readonly publicKeyPem: string;
    readonly sans: readonly string[];
    readonly notBefore: Date;
    readonly notAfter: Date;
    /** An RSA or EC CA: the signature is made with the test PKI's algorithms. */
    readonly issuer: { readonly certificatePem: string; readonly privateKeyPem: string };
}

/**
 * A leaf certificate for any public key, signed by an RSA or EC test CA. jsrsasign encodes RSA
 * and NIST EC keys only, so the TBSCertificate is built around a throwaway P-256 key whose
 * SubjectPublicKeyInfo is then swapped for the real one, before the CA signs it.
 */
export function issueForAnyKey(leaf: AnyKeyLeafOptions): string {
    const signingKey = createPrivateKey(leaf.issuer.privateKeyPem);
    const { sigalg, hash } = signatureAlgorithmFor(signingKey);
    const parsedIssuer = new X509();
    parsedIssuer.readCertHex(new X509Certificate(leaf.issuer.certificatePem).raw.toString("hex"));
    const placeholder = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey;
    const serial = randomBytes(12);
    serial[0] = (serial[0]! & 0x7f) | 0x01;
    const tbs = new KJUR.asn1.x509.TBSCertificate({
        version: 3,
        serial: { hex: serial.toString("hex") },
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
    const spki = Buffer.from(leaf.publicKeyPem.replace(/-----[^-]+-----|\s/g, ""), "base64").toString("hex");
    const tbsHex = replaceChild(tbs.getEncodedHex(), placeholder.export({ type: "spki", format: "der" }).toString("hex"), spki);
    const signature = sign(hash, Buffer.from(tbsHex, "hex"), signingKey).toString("hex");
    const algorithm = new KJUR.asn1.x509.AlgorithmIdentifier({ name: sigalg }).getEncodedHex();
    const der = Buffer.from(derSequence(tbsHex + algorithm + `03${derLength(signature.length / 2 + 1)}00${signature}`), "hex");
    if (!ASN1HEX.isASN1HEX(der.toString("hex"))) throw new Error("built an invalid certificate");
    return `-----BEGIN CERTIFICATE-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----`;
}
