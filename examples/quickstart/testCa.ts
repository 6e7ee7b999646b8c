import * as fs from "node:fs";
import * as path from "node:path";
import { makeCertificateChain, signCsr } from "pulumi-cloudcerts/emulator";

/** A CA that signs CSRs: the certificate and key of the signing CA, and the chain above the leaf. */
export interface SigningCa {
    certificatePem: string;
    privateKeyPem: string;
    /** What goes in a KMS CertificateChain: the signing CA first, the root last. */
    chainPem: string;
}

const DAY_MS = 86_400_000;

/**
 * The emulator's test PKI as a CA (a root and an intermediate, RSA), generated once and kept in
 * .certs/ so that every run signs with the same CA. Test material only.
 */
export function testCa(): SigningCa {
    const file = path.join(__dirname, ".certs", "test-ca.json");
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as SigningCa;
    const chain = makeCertificateChain({ commonName: "unused.quickstart.example.com" });
    const ca: SigningCa = {
        certificatePem: chain.intermediate!.certificatePem,
        privateKeyPem: chain.intermediate!.privateKeyPem,
        chainPem: chain.caChainPem,
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(ca), { mode: 0o600 });
    return ca;
}

/**
 * Signs a CSR for `days` days from `from` (the KMS certificate's creation time). The result
 * depends only on its inputs (RSA signatures are deterministic, and the serial number is derived
 * from the CSR), so each run of the program gives the same certificate and no upload repeats.
 */
export function signWithCa(ca: SigningCa, csrPem: string, from: string, days: number): string {
    const notBefore = new Date(Date.parse(from));
    if (Number.isNaN(notBefore.getTime())) throw new Error(`not a time: ${from}`);
    return signCsr(csrPem, {
        issuer: { certificatePem: ca.certificatePem, privateKeyPem: ca.privateKeyPem },
        notBefore,
        notAfter: new Date(notBefore.getTime() + days * DAY_MS),
        serialFromCsr: true,
    });
}
