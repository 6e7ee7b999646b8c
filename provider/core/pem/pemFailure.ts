import type { CheckFailure } from "../validate";
import { isPemError, type PemErrorCode } from "./pemError";

/** What the failing property was supposed to hold. @internal */
export type PemContent = "certificate" | "privateKey" | "csr";

/** @internal */
export interface PemFailureContext {
    readonly property: string;
    readonly content: PemContent;
    /** Where the private key goes, for "move the key to …" advice. */
    readonly keyProperty?: string;
    /** Where the key password goes; absent when the service takes no password. */
    readonly passwordProperty?: string;
    /** The text that failed to parse; only inspected for a private key (never quoted). */
    readonly text?: string;
}

/** Whether text holds a private key block anywhere, even one the parser never reached. */
export function holdsPrivateKey(text: string | undefined): boolean {
    // Any text: it may be over the size limit, so a plain substring search, not a parse.
    return text !== undefined && text.includes("PRIVATE KEY-----");
}

const NOUNS: Readonly<Record<PemContent, string>> = {
    certificate: "certificate (the leaf first, then its intermediate CA certificates)",
    privateKey: "private key",
    csr: "certificate signing request",
};
const BEGIN_LINES: Readonly<Record<PemContent, string>> = {
    certificate: "-----BEGIN CERTIFICATE-----",
    privateKey: "-----BEGIN PRIVATE KEY-----",
    csr: "-----BEGIN CERTIFICATE REQUEST-----",
};
const RECOPY = "The PEM was cut off or altered when it was copied; copy it again from the original file.";

/**
 * Turns an error from the PEM parsers into a check() failure: the property, what is wrong, how to
 * fix it. Only PemError messages (which never quote input) are used; any other error becomes a
 * generic message, because parser messages can contain key bytes. Failures about private keys,
 * or about a certificate input that turned out to contain one, use property "" so the engine does
 * not print the value; the reason names the property instead.
 * @internal
 */
export function pemFailure(error: unknown, context: PemFailureContext): CheckFailure {
    const { property, content } = context;
    // Errors earlier in the text (stray lines, a damaged block) can hide a private key further on.
    const secret = content === "privateKey" || holdsPrivateKey(context.text) || (isPemError(error) && error.code === "UNEXPECTED_PRIVATE_KEY");
    const reportAs = secret ? "" : property;
    if (!isPemError(error)) {
        return { property: reportAs, reason: `${property} could not be read as a ${NOUNS[content]}. ${RECOPY}` };
    }
    if (error.code === "WRONG_PASSWORD") {
        const password = context.passwordProperty ?? "the password";
        return { property: "", reason: `${property} could not be decrypted with ${password}: the password is wrong or the key is damaged. Check ${password}.` };
    }
    return { property: reportAs, reason: `${property}: ${error.message}. ${advice(error.code, context)}`.trim() };
}

function advice(code: PemErrorCode, context: PemFailureContext): string {
    const { property, content, keyProperty, passwordProperty } = context;
    switch (code) {
        case "EMPTY":
            return `Set it to the ${NOUNS[content]} in PEM form.`;
        case "NOT_PEM":
            return `Paste the ${NOUNS[content]} in PEM form, starting at its ${BEGIN_LINES[content]} line (convert DER or PKCS#12 files with openssl first).`;
        case "TEXT_OUTSIDE_BLOCKS":
            return `Remove everything outside the -----BEGIN/-----END lines, such as the "Bag Attributes" or "subject=" lines openssl prints.`;
        case "UNTERMINATED_BLOCK":
        case "MISMATCHED_LABELS":
        case "BAD_BASE64":
            return RECOPY;
        case "UNEXPECTED_BLOCK":
            if (content === "certificate") return `Put only certificates in ${property}${keyProperty ? `, and the private key in ${keyProperty}` : ""}.`;
            if (content === "privateKey") return `Put only the private key of the certificate in ${property}.`;
            return `Give the CSR alone.`;
        case "UNEXPECTED_PRIVATE_KEY":
            return keyProperty ? `Move the private key to ${keyProperty} and keep only certificates in ${property}.` : `Remove the private key: ${property} takes certificates only.`;
        case "MULTIPLE_KEYS":
            return "Give only the key of this certificate.";
        case "BAD_CERTIFICATE":
            return "Copy the certificate again from the file your CA issued.";
        case "BAD_KEY":
            return "Copy the key again from the file it was generated in.";
        case "BAD_CSR":
            return "Generate the CSR again.";
        case "PASSWORD_REQUIRED":
            return passwordProperty
                ? `Set ${passwordProperty} to its password.`
                : "This service takes unencrypted keys only: decrypt it with `openssl pkey -in key.pem -out key-plain.pem`.";
        case "TOO_LARGE":
            return `Check that ${property} holds only the ${NOUNS[content]}, not a whole file or log.`;
        case "CONTROL_CHARACTER":
            return RECOPY;
        case "TOO_MANY_CERTIFICATES":
            return "Give only the certificates this input is for (a chain is usually 2 to 4: the leaf, then its intermediate CA certificates).";
        case "WRONG_PASSWORD":
        case "UNSUPPORTED":
            return "";
    }
}
