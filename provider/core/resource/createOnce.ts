import { actOnce, type ActOnceOptions } from "./actOnce";

/** How to create one vendor object without ever making two. */
export interface CreateOnceSteps<T> {
    /** For messages, e.g. "Tencent UploadCertificate". */
    readonly label: string;
    /**
     * Where ids are unique (the endpoint and account): objects are claimed per scope, so two
     * accounts (or two emulators) handing out the same id never take each other's objects.
     */
    readonly scope: string;
    /** Ids of existing objects that a lost create could be hiding among; listed before the first attempt. */
    list(): Promise<ReadonlySet<string>>;
    /**
     * Lists every object (a superset of what `list` returns, independent of this create), for the
     * ids that existed before the first attempt: one listing then serves every create of this
     * process that starts within SNAPSHOT_MAX_AGE_MS under the same key, instead of one call each.
     * Sound because `before` only has to exclude objects that existed before this create, and an
     * earlier listing excludes fewer, never more: objects made since are told apart by `find`.
     */
    readonly sharedSnapshot?: { readonly key: string; list(): Promise<ReadonlySet<string>> };
    create(): Promise<T>;
    /**
     * Of the ids that appeared since the first list (and that no other create in this process has
     * claimed), the object this create made, if any; it should throw when several match. `before`
     * is what existed before the first attempt, for a search that lists again (a vendor whose lists
     * lag its creates).
     */
    find(appeared: readonly string[], before: ReadonlySet<string>): Promise<T | undefined>;
    /** The vendor id of a created object. */
    idOf(created: T): string;
}

export type CreateOnceOptions = ActOnceOptions;

/**
 * A create whose outcome stayed unknown: the reply was lost and looking for the object failed too.
 * The object may exist; `before` (the ids that existed before the first attempt) lets a later run
 * tell it apart from objects that were already there.
 */
export class UnresolvedCreateError extends Error {
    readonly label: string;
    readonly before: readonly string[];
    readonly at: string;
    constructor(label: string, before: readonly string[], at: Date, cause: Error) {
        super(`${label}: the reply was lost and checking whether the object was created failed too (${cause.message})`);
        this.name = "UnresolvedCreateError";
        this.label = label;
        this.before = before;
        this.at = at.toISOString().replace(/\.\d{3}Z$/, "Z");
    }
}

/**
 * Objects already owned by a create in this process. The host runs every resource of a stack in
 * one process, so a create reconciling a lost reply must not take another resource's fresh object.
 */
const claimed = new Set<string>();

type ClaimScope = Pick<CreateOnceSteps<unknown>, "label" | "scope">;

const claimKey = (where: ClaimScope, id: string): string => JSON.stringify([where.scope, where.label, id]);

/** Whether a create in this process made or took the object (so no other resource may adopt it). */
export function isClaimed(where: ClaimScope, id: string): boolean {
    return claimed.has(claimKey(where, id));
}

function claim(where: ClaimScope, id: string): void {
    claimed.add(claimKey(where, id));
}

/** How old a shared listing may be for a create to use it: older ones leave more objects for `find` to tell apart. */
export const SNAPSHOT_MAX_AGE_MS = 5000;

/** Listings shared by the creates of this process, by scope, label and key (see sharedSnapshot). */
const snapshots = new Map<string, { readonly startedMs: number; readonly ids: Promise<ReadonlySet<string>> }>();

/** The ids that existed before this create: from a listing shared with other creates when the steps allow it. */
async function existingIds<T>(steps: CreateOnceSteps<T>): Promise<ReadonlySet<string>> {
    const shared = steps.sharedSnapshot;
    if (shared === undefined) return steps.list();
    const key = JSON.stringify([steps.scope, steps.label, shared.key]);
    const nowMs = performance.now();
    const recent = snapshots.get(key);
    if (recent !== undefined && nowMs - recent.startedMs <= SNAPSHOT_MAX_AGE_MS) {
        try {
            return await recent.ids;
        } catch {
            // That listing failed; this create makes its own.
        }
    }
    const ids = shared.list();
    snapshots.set(key, { startedMs: nowMs, ids });
    try {
        return await ids;
    } catch (error) {
        if (snapshots.get(key)?.ids === ids) snapshots.delete(key);
        throw error;
    }
}

/** Forgets shared listings (tests). */
export function resetSnapshots(): void {
    snapshots.clear();
}

/** How often a search looks again when what it found was taken meanwhile. */
const MAX_LOOKS = 5;

/**
 * Looks for the object a lost create made among the ids that appeared since `before`, skipping
 * those another create in this process holds.
 */
export async function findLostCreate<T>(steps: CreateOnceSteps<T>, before: ReadonlySet<string>): Promise<T | undefined> {
    for (let look = 1; ; look++) {
        const appeared = [...(await steps.list())].filter((id) => !before.has(id) && !isClaimed(steps, id));
        const found = await steps.find(appeared, before);
        if (found === undefined) return undefined;
        const id = steps.idOf(found);
        // Checked and claimed with no await between: two searches never take one object.
        if (!isClaimed(steps, id)) {
            claim(steps, id);
            return found;
        }
        // Another create in this process took it while this one looked (the same inputs, both
        // replies lost): look again without it.
        if (look >= MAX_LOOKS) throw new Error(`${steps.label}: the reply was lost, and each object that matches was taken by another create of this run meanwhile; run again`);
    }
}

/**
 * Runs a non-idempotent create (see actOnce): when an attempt's outcome is unknown, the objects
 * that appeared since just before the first attempt are searched for ours, and the create is
 * repeated only when it is certainly not there. When the search itself fails, the outcome stays
 * unknown and UnresolvedCreateError says so.
 */
export async function createOnce<T>(steps: CreateOnceSteps<T>, options: CreateOnceOptions = {}): Promise<T> {
    const before = await existingIds(steps);
    return actOnce(
        {
            label: steps.label,
            async act() {
                const created = await steps.create();
                claim(steps, steps.idOf(created));
                return created;
            },
            async settle() {
                try {
                    return await findLostCreate(steps, before);
                } catch (searchError) {
                    throw new UnresolvedCreateError(steps.label, [...before], new Date(), searchError as Error);
                }
            },
        },
        options,
    );
}
