import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { isIP } from "node:net";
import { KJUR } from "jsrsasign";
import { derLength, derSequence, replaceChild, toPem } from "../pki/der";
import { toX500NameArray } from "../pki/subjectName";
import type { SubjectFields } from "../pki";

/**
 * SM2 for KeySpec EC_SM2. jsrsasign cannot encode an SM2 public key, so the CSR is built around a
 * throwaway P-256 key whose SubjectPublicKeyInfo is then swapped for the SM2 one, before the
 * request is signed with SM2-with-SM3 by node:crypto (OpenSSL), which does SM2 natively.
 */

// AlgorithmIdentifier { OID 1.2.156.10197.1.501 (SM2-with-SM3) }, no parameters.
const SM2_WITH_SM3_ALGORITHM = "300a06082a811ccf55018375";

export interface Sm2Csr {
    readonly csrPem: string;
    readonly privateKeyPem: string;
    readonly publicKeyPem: string;
}

export function makeSm2Csr(subject: SubjectFields, sans: readonly string[]): Sm2Csr {
    const pair = generateKeyPairSync("ec", { namedCurve: "SM2" });
    const privateKeyPem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString().trim();
    const sm2Spki = pair.publicKey.export({ type: "spki", format: "der" }).toString("hex");
    const placeholder = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey;
    const placeholderPem = placeholder.export({ type: "spki", format: "pem" }).toString();
    const params = {
        subject: { array: toX500NameArray(subject) },
        sbjpubkey: placeholderPem,
        sigalg: "SHA256withECDSA",
        ...(sans.length > 0 ? { extreq: [{ extname: "subjectAltName", array: sans.map((name) => (isIP(name) ? { ip: name } : { dns: name })) }] } : {}),
    };
    const info = new KJUR.asn1.csr.CertificationRequestInfo(params as unknown as KJUR.asn1.csr.CertificationRequestParams);
    const infoHex = replaceChild(info.getEncodedHex(), placeholder.export({ type: "spki", format: "der" }).toString("hex"), sm2Spki);
    // Reloaded from PEM, the key is typed SM2 by OpenSSL 3, so sign() makes an SM2 signature.
    const signature = sign("sm3", Buffer.from(infoHex, "hex"), createPrivateKey(privateKeyPem)).toString("hex");
    const bitString = `03${derLength(signature.length / 2 + 1)}00${signature}`;
    const csrDer = Buffer.from(derSequence(infoHex + SM2_WITH_SM3_ALGORITHM + bitString), "hex");
    return { csrPem: toPem("CERTIFICATE REQUEST", csrDer), privateKeyPem, publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString().trim() };
}
