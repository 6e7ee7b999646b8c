import { OutcomeUnknownError } from "./errors";
import { debugLog } from "./log";

/** How to create one vendor object without ever making two. */
export interface CreateOnceSteps<T> {
    /** For messages, e.g. "Tencent UploadCertificate". */
    readonly label: string;
    /** Ids of existing objects that a lost create could be hiding among; listed before the first attempt. */
    list(): Promise<ReadonlySet<string>>;
    create(): Promise<T>;
    /** Of the ids that appeared since the first list, the object this create made, if any. */
    find(appeared: readonly string[]): Promise<T | undefined>;
}

/**
 * Runs a non-idempotent create. When an attempt's outcome is unknown (a reset connection, a 5xx
 * after sending), the objects that appeared since just before the first attempt are searched for
 * ours, and the create is repeated only when it is certainly not there.
 */
export async function createOnce<T>(steps: CreateOnceSteps<T>, attempts = 3): Promise<T> {
    const before = await steps.list();
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
            return await steps.create();
        } catch (error) {
            if (!(error instanceof OutcomeUnknownError)) throw error;
            lastError = error;
            const appeared = [...(await steps.list())].filter((id) => !before.has(id));
            const found = await steps.find(appeared);
            if (found !== undefined) {
                debugLog(`${steps.label}: the outcome was unknown; the object was created`);
                return found;
            }
            debugLog(`${steps.label}: the outcome was unknown and nothing was created; trying again`);
        }
    }
    throw lastError ?? new Error(`${steps.label} failed`);
}
