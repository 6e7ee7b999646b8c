export const REDACTED = "[REDACTED]";

const PRIVATE_KEY_BLOCK = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g;
const SENSITIVE_PAIRS =
    /\b(Signature|X-TC-Token|X-Security-Token|SecurityToken|AccessKeySecret|SecretKey|secret_key|Password|KeyPassword|PrivateKey|private_key)(["']?\s*[=:]\s*["']?)([^"'&\s,;}]+)/gi;
const AUTH_HEADER = /\b(authorization["']?\s*[:=]\s*["']?)([^"'\r\n]+)/gi;
const TC3_SIGNATURE = /(TC3-HMAC-SHA256 [^\r\n"]*?Signature=)[0-9a-f]+/g;

/**
 * Removes secrets from text that may reach a log or an error: known secret values (credentials,
 * passwords, keys), any PEM private key block, Authorization headers and signature parameters.
 * Short values are not matched by value, so that a secret like "a" cannot shred the message.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
    let out = text;
    const values = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4).sort((a, b) => b.length - a.length);
    for (const s of values) {
        out = out.split(s).join(REDACTED);
        // Secrets also travel JSON-escaped (PEM newlines become \n) and URL-encoded.
        const json = JSON.stringify(s).slice(1, -1);
        if (json !== s) out = out.split(json).join(REDACTED);
        const enc = encodeURIComponent(s);
        if (enc !== s) out = out.split(enc).join(REDACTED);
        // A message may quote part of a key without its BEGIN line: drop each of its base64 lines.
        if (s.includes("-----BEGIN")) {
            for (const line of s.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith("-----") && !line.includes(":")) out = out.split(line.trim()).join(REDACTED);
        }
    }
    return out
        .replace(PRIVATE_KEY_BLOCK, `${REDACTED} private key`)
        .replace(TC3_SIGNATURE, `$1${REDACTED}`)
        .replace(AUTH_HEADER, `$1${REDACTED}`)
        .replace(SENSITIVE_PAIRS, `$1$2${REDACTED}`);
}
