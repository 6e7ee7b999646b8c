import { OutcomeUnknownError } from "./errors";
import { debugLog } from "./log";

/** How to create one vendor object without ever making two. */
export interface CreateOnceSteps<T> {
    /** For messages, e.g. "Tencent UploadCertificate". */
    readonly label: string;
    /** Ids of existing objects that a lost create could be hiding among; listed before the first attempt. */
    list(): Promise<ReadonlySet<string>>;
    create(): Promise<T>;
    /**
     * Of the ids that appeared since the first list (and that no other create in this process has
     * claimed), the object this create made, if any; it should throw when several match.
     */
    find(appeared: readonly string[]): Promise<T | undefined>;
    /** The vendor id of a created object. */
    idOf(created: T): string;
}

/**
 * Objects already owned by a create in this process. The host runs every resource of a stack in
 * one process, so a create reconciling a lost reply must not take another resource's fresh object.
 */
const claimed = new Set<string>();

/**
 * Runs a non-idempotent create. When an attempt's outcome is unknown (a reset connection, a 5xx
 * after sending), the objects that appeared since just before the first attempt are searched for
 * ours, and the create is repeated only when it is certainly not there.
 */
export async function createOnce<T>(steps: CreateOnceSteps<T>, attempts = 3): Promise<T> {
    const key = (id: string) => `${steps.label}:${id}`;
    const claim = (created: T): T => {
        claimed.add(key(steps.idOf(created)));
        return created;
    };
    const before = await steps.list();
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
            return claim(await steps.create());
        } catch (error) {
            if (!(error instanceof OutcomeUnknownError)) throw error;
            lastError = error;
            const appeared = [...(await steps.list())].filter((id) => !before.has(id) && !claimed.has(key(id)));
            const found = await steps.find(appeared);
            if (found !== undefined) {
                debugLog(`${steps.label}: the outcome was unknown; the object was created`);
                return claim(found);
            }
            debugLog(`${steps.label}: the outcome was unknown and nothing was created; trying again`);
        }
    }
    throw lastError ?? new Error(`${steps.label} failed`);
}
