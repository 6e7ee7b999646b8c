/**
 * Bounds on what check() reads, so that hostile or mistaken input (a whole log file, a trust store,
 * thousands of pasted certificates) costs little and yields a short list of failures.
 */

/**
 * Largest PEM input read, in UTF-8 bytes (64 KiB). A leaf, three intermediates and an RSA-4096
 * key are about 8 KB; anything bigger is the wrong file. Checked before any parsing.
 * @public
 */
export const MAX_PEM_INPUT_BYTES = 64 * 1024;

/**
 * Most certificates read from one chain input. Real chains are 2–4 certificates (leaf,
 * one or two intermediates, sometimes the root); 10 leaves room for cross-signed paths.
 * @public
 */
export const MAX_CHAIN_CERTIFICATES = 10;

/**
 * Most certificates read from one CA-certificates input (a trust store for client
 * authentication can hold several CAs; the 64 KiB size limit bounds it anyway).
 * @public
 */
export const MAX_CA_CERTIFICATES = 50;

/** Most failures reported per input before the rest are summarised as "and N more". @public */
export const MAX_REPORTED_FAILURES = 10;
