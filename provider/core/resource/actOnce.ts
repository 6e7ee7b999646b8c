import { OutcomeUnknownError } from "../errors";
import { debugLog } from "../log";
import { DEFAULT_RETRY_POLICY, nextDelay, type RetryPolicy } from "../retry";

/** A write that must not be carried out twice, and how to tell whether a lost attempt was. */
export interface ActOnceSteps<T> {
    /** For messages, e.g. "Tencent ModifyCSR". */
    readonly label: string;
    act(): Promise<T>;
    /**
     * After an attempt whose outcome is unknown: what the write did if it was carried out,
     * undefined when it certainly was not (so repeating it is safe). Throws when that cannot be told.
     */
    settle(): Promise<T | undefined>;
}

export interface ActOnceOptions {
    readonly attempts?: number;
    readonly policy?: RetryPolicy;
    readonly sleep?: (ms: number) => Promise<void>;
    readonly random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a write that is not idempotent. When an attempt's outcome is unknown (a reset connection,
 * a 5xx or a malformed reply after sending, a timeout), `settle` looks at the vendor, after the
 * backoff a retried read would get, and after a timeout for as long again as the client waited,
 * since a vendor may still carry out a request the client gave up on; the write is repeated only
 * when it certainly was not carried out. Once settled, a repeat is as safe as a read's, so it gets
 * a read's budget of attempts (the retry policy's).
 */
export async function actOnce<T>(steps: ActOnceSteps<T>, options: ActOnceOptions = {}): Promise<T> {
    const policy = options.policy ?? DEFAULT_RETRY_POLICY;
    const attempts = options.attempts ?? policy.maxAttempts;
    const sleep = options.sleep ?? defaultSleep;
    const random = options.random ?? Math.random;
    let lastError: OutcomeUnknownError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
            return await steps.act();
        } catch (error) {
            if (!(error instanceof OutcomeUnknownError)) throw error;
            lastError = error;
            await sleep(nextDelay(attempt, policy, random) ?? policy.baseDelayMs);
            let done = await steps.settle();
            // A request the client stopped waiting for may still be on its way: before concluding
            // that it was not carried out, give it as long again as the client waited, looking meanwhile.
            const inFlightMs = error.inFlightMs ?? 0;
            for (let waited = 0, look = 1; done === undefined && waited < inFlightMs; look++) {
                const wait = Math.min(inFlightMs - waited, 1000 * look);
                await sleep(wait);
                waited += wait;
                done = await steps.settle();
            }
            if (done !== undefined) {
                debugLog(`${steps.label}: the outcome was unknown; it was carried out`);
                return done;
            }
            debugLog(`${steps.label}: the outcome was unknown and it was not carried out; trying again`);
        }
    }
    if (!lastError) throw new Error(`${steps.label} failed`);
    // Every lost attempt was settled as not carried out: the outcome is known, nothing was done.
    throw new Error(
        `${steps.label}: ${attempts} attempts failed (the last: ${lastError.reason}); after each, checking showed it had not been carried out, ` +
            "so nothing was created or changed; run again later",
    );
}
