import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import { isIP } from "node:net";
import { KJUR } from "jsrsasign";
import { generateKey, DEFAULT_KEY_SPEC, type KeyPairPem, type KeySpec } from "./generateKey";
import { assertBuildableKey, signatureAlgorithmFor } from "./makeCertificate";
import { toX500NameArray, type SubjectFields } from "./subjectName";

/** @public */
export interface MakeCsrOptions {
    readonly subject: SubjectFields;
    /** DNS names or IP addresses, requested in an extensionRequest subjectAltName. */
    readonly sans?: readonly string[];
    /** The key to certify; generated from `keySpec` when omitted (what CreateCSR with Generate=true does). */
    readonly key?: { readonly privateKeyPem: string };
    /** Default RSA 2048. */
    readonly keySpec?: KeySpec;
}

/** A PKCS#10 CSR and the key it was signed with. @public */
export interface CsrWithKey extends KeyPairPem {
    readonly csrPem: string;
}

/**
 * Builds a PKCS#10 certificate signing request. jsrsasign encodes the CertificationRequestInfo;
 * node:crypto signs it with the subject's private key.
 * @public
 */
export function makeCsr(options: MakeCsrOptions): CsrWithKey {
    const privateKeyPem = options.key?.privateKeyPem ?? generateKey(options.keySpec ?? DEFAULT_KEY_SPEC).privateKeyPem;
    const privateKey = createPrivateKey(privateKeyPem);
    assertBuildableKey(privateKey, "CSR");
    const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString().trim();
    const { sigalg, hash } = signatureAlgorithmFor(privateKey);

    const params = {
        subject: { array: toX500NameArray(options.subject) },
        sbjpubkey: publicKeyPem,
        sigalg,
        ...(options.sans && options.sans.length > 0
            ? { extreq: [{ extname: "subjectAltName", array: options.sans.map((name) => (isIP(name) ? { ip: name } : { dns: name })) }] }
            : {}),
    };
    // @types/jsrsasign types the subject as {str} only; the runtime also takes the {array} form.
    const typed = params as unknown as KJUR.asn1.csr.CertificationRequestParams;
    const info = new KJUR.asn1.csr.CertificationRequestInfo(typed);
    const signature = sign(hash, Buffer.from(info.getEncodedHex(), "hex"), privateKey);
    const csr = new KJUR.asn1.csr.CertificationRequest({ ...typed, sighex: signature.toString("hex") });
    return { csrPem: csr.getPEM().replace(/\r\n/g, "\n").trim(), privateKeyPem: privateKeyPem.trim(), publicKeyPem };
}
