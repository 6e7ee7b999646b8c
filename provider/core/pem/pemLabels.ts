/** PEM labels (RFC 7468 and OpenSSL's legacy ones) this package recognises. @public */
export const CERTIFICATE_LABEL = "CERTIFICATE";
/** @public */
export const CSR_LABELS: readonly string[] = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];
/**
 * Private-key labels: PKCS#8, encrypted PKCS#8, PKCS#1 (RSA), SEC1 (EC; OpenSSL writes SEC1 SM2
 * keys as "SM2 PRIVATE KEY"), DSA.
 * @public
 */
export const PRIVATE_KEY_LABELS: readonly string[] = ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY", "DSA PRIVATE KEY"];

const DESCRIPTIONS: Readonly<Record<string, string>> = {
    "CERTIFICATE": "a certificate",
    "TRUSTED CERTIFICATE": "an OpenSSL trusted certificate",
    "X509 CRL": "a certificate revocation list",
    "CERTIFICATE REQUEST": "a certificate signing request (CSR)",
    "NEW CERTIFICATE REQUEST": "a certificate signing request (CSR)",
    "PUBLIC KEY": "a public key",
    "RSA PUBLIC KEY": "a public key",
    "EC PARAMETERS": "EC curve parameters",
    "PKCS7": "a PKCS#7 bundle",
    "CMS": "a CMS message",
    "PRIVATE KEY": "a private key",
    "ENCRYPTED PRIVATE KEY": "an encrypted private key",
    "RSA PRIVATE KEY": "a private key",
    "EC PRIVATE KEY": "a private key",
    "SM2 PRIVATE KEY": "a private key",
    "DSA PRIVATE KEY": "a private key",
    "OPENSSH PRIVATE KEY": "an OpenSSH private key",
};

/**
 * True for any label that holds private key material, including formats node cannot read
 * (OPENSSH PRIVATE KEY, PGP PRIVATE KEY BLOCK), so such input is never echoed.
 * @public
 */
export function isPrivateKeyLabel(label: string): boolean {
    return label.includes("PRIVATE KEY");
}

/**
 * "a certificate", "a private key", … for messages. Unknown labels are not quoted back (they are
 * input), they become "an unrecognised block".
 * @public
 */
export function describePemLabel(label: string): string {
    return DESCRIPTIONS[label] ?? (isPrivateKeyLabel(label) ? "a private key" : "an unrecognised block");
}
