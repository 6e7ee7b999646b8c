import { createPrivateKey, X509Certificate } from "node:crypto";

const END = "-----END CERTIFICATE-----";

/**
 * The floor for check(): the same parsing and verification done with bare node:crypto and nothing
 * else, no messages, no policy: every certificate parsed, the key parsed and matched to the leaf,
 * each certificate issued by (checkIssued) and signed by (verify) the next, validity dates read
 * and compared with now. Throws when the bundle is not good, so a broken fixture cannot make the
 * floor look cheap.
 */
export function checkWithBareCrypto(certificatesPem: string, privateKeyPem: string | undefined, now: Date): void {
    const certificates = certificatesPem
        .split(END)
        .filter((part) => part.includes("-----BEGIN"))
        .map((part) => new X509Certificate(`${part.trim()}\n${END}`));
    if (privateKeyPem !== undefined && !certificates[0]!.checkPrivateKey(createPrivateKey(privateKeyPem))) throw new Error("the key does not match the leaf");
    for (let i = 0; i + 1 < certificates.length; i++) {
        const [child, issuer] = [certificates[i]!, certificates[i + 1]!];
        if (!child.checkIssued(issuer) || !child.verify(issuer.publicKey)) throw new Error(`certificate ${i + 1} is not issued by the next`);
    }
    for (const certificate of certificates) {
        if (new Date(certificate.validFrom) > now || new Date(certificate.validTo) < now) throw new Error("a certificate is outside its validity period");
    }
}
