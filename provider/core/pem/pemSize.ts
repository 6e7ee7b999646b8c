import { MAX_PEM_INPUT_BYTES } from "./limits";
import { PemError } from "./pemError";

/**
 * Throws PemError TOO_LARGE when text is over MAX_PEM_INPUT_BYTES. Runs before anything scans
 * the text: the length test needs no pass over it, and the exact byte count (one pass) is taken
 * only for text that is at most 64 Ki code units long, since UTF-8 is never shorter than UTF-16.
 * @internal
 */
export function assertPemSize(text: string): void {
    if (text.length > MAX_PEM_INPUT_BYTES) throw tooLarge(`more than ${MAX_PEM_INPUT_BYTES} bytes`);
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > MAX_PEM_INPUT_BYTES) throw tooLarge(`${bytes} bytes`);
}

function tooLarge(size: string): PemError {
    return new PemError("TOO_LARGE", `the text is ${size}: PEM input is limited to ${MAX_PEM_INPUT_BYTES} bytes (64 KiB), and a certificate chain with its key is a few KB`);
}
