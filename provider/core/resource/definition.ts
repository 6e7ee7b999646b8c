import type { InputChecker } from "../validate";
import type { CreateOnceSteps } from "./createOnce";
import type { PendingCreate } from "./pending";
import type { InputTable, OutputTable } from "./table";

/** What a vendor's validation knows besides the inputs. */
export interface CheckContext<I> {
    /** The previous deployment's inputs; undefined for a new resource (and before a replacement). */
    readonly olds: Readonly<Partial<I>> | undefined;
    readonly now: Date;
    /** Whether an input is new, or differs (by its table comparison) from the previous deployment's. */
    changed(key: keyof I & string): boolean;
}

/** What vendor calls get from the framework. */
export interface CallContext {
    /** Values from secret inputs: redacted from every error and log line. */
    readonly secrets: readonly string[];
    readonly sleep: (ms: number) => Promise<void>;
    /**
     * The resource's inputs or state, when the call has them (not on the get path): lets a vendor
     * whose objects live in a per-resource place (Huawei region and project) reach them in
     * describe and isNotFound-guarded calls, which take only an id.
     */
    readonly state?: Readonly<Record<string, unknown>>;
}

/** A vendor object a create made (or adopted), with outputs only the create can know. */
export interface Created<O> {
    readonly id: string;
    readonly state?: Partial<O>;
}

/** What a change list means beyond the table: replacements that depend on the object's state. */
export interface DiffRefinement {
    readonly replaces?: readonly string[];
    /** Changed inputs that do not count as changes (e.g. attributes of an adopted object, never modified). */
    readonly ignore?: readonly string[];
    /** Delete the old object before creating the new one (when both cannot exist at once). */
    readonly deleteBeforeReplace?: boolean;
}

/**
 * One resource, declared: its inputs table and outputs, and the few things only its vendor knows.
 * The framework (defineProvider) derives check, diff, create, read, update and delete from it, and
 * the resource class derives its secrets from the same tables.
 *
 * I is the checked inputs; O the outputs (inputs plus what the vendor reports); R the vendor's
 * record of the object.
 */
export interface ResourceDefinition<I extends object, O extends I, R> {
    readonly vendor: string;
    /** The class name, for messages. */
    readonly name: string;
    readonly inputs: InputTable<I>;
    readonly outputs: OutputTable<Omit<O, keyof I>>;
    /** The output that holds the vendor's id. */
    readonly idOutput: keyof O & string;
    /** The input holding the certificate (PEM, leaf first): expiry outputs and warnings come from it. */
    readonly certificateInput?: keyof I & string;
    /** How long a new or changed object may take to become visible to reads. */
    readonly visibilityLagMs?: number;

    /** Vendor rules, after the framework applied defaults, auto-names and PEM normalisation; may normalise `inputs` in place. */
    validate(checker: InputChecker, inputs: Record<string, unknown>, context: CheckContext<I>): void;
    /**
     * How to create the object without duplicates (see createOnce). `pending` is given when the
     * steps look for the object of a create whose outcome was unknown: find should then only
     * take objects made around `pending.at`.
     */
    createSteps(inputs: I, context: CallContext, pending?: PendingCreate): CreateOnceSteps<Created<O>>;
    /** Reads the object; vendors whose reads are scoped (region, project) find the scope in `context.state`. */
    describe(id: string, context: CallContext): Promise<R>;
    /**
     * Reads an object this create has just made, in place of `describe`: a vendor may answer it
     * from a cheaper, batched read (a list by ids), since a new object cannot have drifted from its
     * inputs. Optional; it must return what `describe` would, as far as toOutputs reads it.
     */
    describeCreated?(id: string, context: CallContext): Promise<R>;
    isNotFound(error: unknown): boolean;
    /**
     * Brings the object from `current` (its outputs as the vendor reports them now) to `desired`:
     * the in-place updates, and the remaining steps of a multi-step create. True when it changed anything.
     */
    converge(id: string, desired: I, current: O, context: CallContext): Promise<boolean>;
    remove(id: string, state: O, context: CallContext): Promise<void>;
    /** The outputs for a record, starting from `base` inputs; `previous` holds create-only state. */
    toOutputs(id: string, base: I, record: R, previous: Partial<O> | undefined): O;
    /** Inputs recovered from a record alone (the get path, where state holds no inputs). */
    inputsFromRecord(record: R): I;
    refineDiff?(olds: O, news: I, changed: readonly string[]): DiffRefinement;
    /**
     * False when the vendor offers no way to search for what a lost create made (Alibaba KMS has no
     * list call for certificates): a pending create then cannot be resolved by the next run, and
     * the error says so instead of promising it. Default true.
     */
    readonly lostCreatesSearchable?: boolean;
    /** How a user finds an object whose create had an unknown outcome, e.g. "search the console for alias web-1a2b3c4d". */
    findHint(inputs: I): string;
}
