/**
 * Why a PEM input was rejected. Callers map codes to advice (checkCertificateBundle does).
 * @public
 */
export type PemErrorCode =
    /** Empty or whitespace only. */
    | "EMPTY"
    /** No -----BEGIN …----- line at all. */
    | "NOT_PEM"
    /** Non-whitespace text before, between or after the blocks. */
    | "TEXT_OUTSIDE_BLOCKS"
    /** A BEGIN line without its END line. */
    | "UNTERMINATED_BLOCK"
    /** BEGIN and END labels differ. */
    | "MISMATCHED_LABELS"
    /** The block body is not valid base64. */
    | "BAD_BASE64"
    /** A block of another kind where this one was expected (e.g. a CSR where a certificate goes). */
    | "UNEXPECTED_BLOCK"
    /** A private key where only public material belongs: callers must not echo the input. */
    | "UNEXPECTED_PRIVATE_KEY"
    /** More than one private key. */
    | "MULTIPLE_KEYS"
    /** The block decodes but is not a valid X.509 certificate. */
    | "BAD_CERTIFICATE"
    /** The block decodes but is not a valid private key. */
    | "BAD_KEY"
    /** The block decodes but is not a valid PKCS#10 CSR. */
    | "BAD_CSR"
    /** The key is encrypted and no password was given. */
    | "PASSWORD_REQUIRED"
    /** The key could not be decrypted with the given password. */
    | "WRONG_PASSWORD"
    /** A key format or algorithm this package cannot read (OpenSSH, PKCS#12, …). */
    | "UNSUPPORTED"
    /** Over MAX_PEM_INPUT_BYTES; nothing was parsed. */
    | "TOO_LARGE"
    /** A control character other than tab, CR or LF. */
    | "CONTROL_CHARACTER"
    /** More certificates than one input may hold (MAX_CHAIN_CERTIFICATES); none was parsed. */
    | "TOO_MANY_CERTIFICATES";

/**
 * An error about PEM input whose message never quotes the input. Parser messages from jsrsasign
 * and OpenSSL can contain key bytes (jsrsasign dumps the whole ciphertext of an encrypted key), so
 * they are replaced, never wrapped or chained as `cause`.
 * @public
 */
export class PemError extends Error {
    readonly code: PemErrorCode;

    constructor(code: PemErrorCode, message: string) {
        super(message);
        // Pulumi's closure serialization turns this class into a function that runs
        // `Error.call(this, message)`, which does not set `message` on `this`; set it explicitly.
        this.message = message;
        this.name = "PemError";
        this.code = code;
    }
}

/** @public */
export function isPemError(error: unknown): error is PemError {
    return error instanceof PemError;
}
