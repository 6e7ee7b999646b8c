import { redact } from "./redact";

/**
 * Debug logging for support cases, off unless CLOUDCERTS_LOG=debug. The dynamic-provider host's
 * stderr ends up in the engine's logs, so everything goes through redaction first.
 */
export function debugLog(message: string, secrets: ReadonlyArray<string | undefined> = []): void {
    if (process.env.CLOUDCERTS_LOG !== "debug") return;
    process.stderr.write(`[cloudcerts] ${redact(message, secrets)}\n`);
}
