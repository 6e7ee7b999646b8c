import type * as dynamic from "@pulumi/pulumi/dynamic";
import { PartialCreateError } from "../errors";
import { sanitizeOutputs } from "../outputs";
import { normalizePem } from "../pem";
import { useStackConfig } from "../settings";
import { describeControlCharacter, findControlCharacter, printable } from "../text";
import { containsUnknown } from "../unknown";
import { InputChecker } from "../validate";
import { autoName } from "./autoName";
import { createOnce, findLostCreate, UnresolvedCreateError } from "./createOnce";
import type { CallContext, CheckContext, Created, ResourceDefinition } from "./definition";
import { EXPIRY_OUTPUT_KEYS, expiryOf } from "./expiry";
import { isPendingId, PENDING_KEY, PendingCreateError, pendingOf } from "./pending";
import { DEFAULTS_KEY, keysWhere, NAME_KEY, sameValue, type InputSpec } from "./table";

/** The clock and randomness a provider runs on; injected by tests. */
export interface ProviderRuntime {
    readonly now: () => Date;
    readonly sleep: (ms: number) => Promise<void>;
    readonly random: () => number;
}

const realRuntime: ProviderRuntime = {
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
};

type Bag = Record<string, unknown>;

/** Whether one edit (insert, delete, change or swap two neighbouring characters) turns a into b: a likely typo. */
function editDistanceAtMostOne(a: string, b: string): boolean {
    if (Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const rest = (x: string, skip: number) => x.slice(i + skip);
    const swapped = a.length === b.length && a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, 2) === rest(b, 2);
    return swapped || rest(a, 1) === rest(b, 1) || rest(a, 0) === rest(b, 1) || rest(a, 1) === rest(b, 0);
}

function isKnownString(value: unknown): value is string {
    return typeof value === "string" && !containsUnknown(value);
}

/**
 * The ResourceProvider a definition describes. Every Pulumi invariant lives here, once: stable
 * check with defaults, auto-names and unknowns; diff from the table; creates that are recorded
 * when they fail half way (or when their outcome is unknown) and converge on the next `up`; reads
 * that report gone on not found; deletes for which not found is success.
 */
export class DefinedProvider<I extends object, O extends I, R> implements dynamic.ResourceProvider<I, O> {
    private readonly definition: ResourceDefinition<I, O, R>;
    private readonly runtime: ProviderRuntime;

    constructor(definition: ResourceDefinition<I, O, R>, runtime: Partial<ProviderRuntime> = {}) {
        this.definition = definition;
        this.runtime = { ...realRuntime, ...runtime };
    }

    async configure(req: dynamic.ConfigureRequest): Promise<void> {
        useStackConfig(req.config);
    }

    async check(olds: I, news: I): Promise<dynamic.CheckResult<I>> {
        const table = this.table();
        const previous = olds !== undefined && olds !== null && Object.keys(olds).length > 0 ? (olds as unknown as Bag) : undefined;
        const inputs: Bag = { ...(news as unknown as Bag) };
        const logicalName = typeof inputs[NAME_KEY] === "string" ? (inputs[NAME_KEY] as string) : this.definition.name;
        delete inputs[NAME_KEY];
        const givenDefaults = Array.isArray(inputs[DEFAULTS_KEY]) ? (inputs[DEFAULTS_KEY] as unknown[]) : [];
        delete inputs[DEFAULTS_KEY];
        const defaults: string[] = [];
        const checker = new InputChecker(inputs, keysWhere(table, (s) => s.secret === true));

        for (const [key, spec] of Object.entries(table) as Array<[string, InputSpec]>) {
            // An empty secret (unset config often yields "") is the same as none.
            if (spec.secret && typeof inputs[key] === "string" && (inputs[key] as string).trim() === "") delete inputs[key];
            if (inputs[key] === undefined || inputs[key] === null) {
                if (spec.autoName) {
                    inputs[key] = this.keptName(key, previous) ?? autoName(logicalName, spec.autoName);
                    defaults.push(key);
                } else if (spec.default !== undefined) {
                    // A copy: validate may normalise in place, and a default object is shared.
                    inputs[key] = typeof spec.default === "object" ? structuredClone(spec.default) : spec.default;
                }
            } else if (spec.autoName && givenDefaults.includes(key)) {
                defaults.push(key);
            }
            const value = inputs[key];
            if ((spec.compare === "pem" || spec.compare === "privateKey") && isKnownString(value)) inputs[key] = normalizePem(value);
            const control = spec.text && isKnownString(value) ? findControlCharacter(value) : undefined;
            if (control) checker.fail(key, `${describeControlCharacter(key, control)}: remove it (names and subject fields are plain text)`);
        }
        for (const key of Object.keys(inputs)) {
            if (key in table || key.startsWith("__")) continue;
            const near = Object.keys(table).find((k) => k.toLowerCase() === key.toLowerCase() || editDistanceAtMostOne(k, key));
            // The key is input too: shown short and inert, however long or strange it is.
            const name = printable(key);
            checker.fail(key, `${name} is not an input of ${this.definition.name}${near ? `: did you mean ${near}?` : `; its inputs are ${Object.keys(table).join(", ")}`}`, name);
        }
        const context: CheckContext<I> = {
            olds: previous as Partial<I> | undefined,
            now: this.runtime.now(),
            changed: (key) => previous === undefined || containsUnknown(inputs[key]) || !sameValue(table[key]?.compare, previous[key], inputs[key]),
        };
        this.definition.validate(checker, inputs, context);
        // Written even when empty: its absence marks state from before auto-naming (see keptName).
        if (Object.values(table).some((spec) => spec.autoName !== undefined)) inputs[DEFAULTS_KEY] = defaults;
        // Reasons quote input here and there: none may carry a control character to the terminal.
        const failures = checker.failures.map((f) => ({ property: printable(f.property, Infinity), reason: printable(f.reason, Infinity) }));
        return { inputs: sanitizeOutputs(inputs) as unknown as I, failures };
    }

    async diff(id: string, olds: O, news: I): Promise<dynamic.DiffResult> {
        const table = this.table();
        const o = olds as unknown as Bag;
        const n = news as unknown as Bag;
        // An input missing on either side is its default: state written before an input existed
        // (and refresh, which diffs the old inputs against what was read) is no change.
        const valueOf = (bag: Bag, key: string, spec: InputSpec): unknown => (bag[key] === undefined || bag[key] === null ? (spec.default ?? bag[key]) : bag[key]);
        const differing = (Object.entries(table) as Array<[string, InputSpec]>)
            .filter(([key, spec]) => containsUnknown(n[key]) || !sameValue(spec.compare, valueOf(o, key, spec), valueOf(n, key, spec)))
            .map(([key]) => key);
        const refined = this.definition.refineDiff?.(olds, news, differing) ?? {};
        const changed = differing.filter((key) => !(refined.ignore ?? []).includes(key));
        const replaces = new Set(changed.filter((key) => table[key]?.change === "replace"));
        for (const key of refined.replaces ?? []) replaces.add(key);
        // A new provider version must reach state, or refresh and delete keep running the old code.
        const providerChanged = n.__provider !== undefined && !containsUnknown(n.__provider) && o.__provider !== n.__provider;
        return {
            // A pending create not found yet must reach update, which finds or makes the object.
            changes: changed.length > 0 || providerChanged || this.vendorId(id, o) === undefined,
            replaces: [...replaces],
            deleteBeforeReplace: replaces.size > 0 && refined.deleteBeforeReplace === true,
        };
    }

    async create(inputs: I): Promise<dynamic.CreateResult<O>> {
        const context = this.callContext(inputs);
        let created: Created<O>;
        try {
            created = await createOnce(this.definition.createSteps(inputs, context), this.runtime);
        } catch (error) {
            if (error instanceof UnresolvedCreateError) {
                throw new PendingCreateError(
                    this.definition.name,
                    error,
                    this.partialOutputs(inputs, "", undefined),
                    this.definition.findHint(inputs),
                    this.definition.lostCreatesSearchable ?? true,
                );
            }
            throw error;
        }
        const previous = { ...(inputs as object), ...created.state } as Partial<O>;
        try {
            return { id: created.id, outs: await this.converged(created.id, inputs, previous, context, true) };
        } catch (error) {
            throw new PartialCreateError(created.id, this.partialOutputs(inputs, created.id, created.state), error as Error);
        }
    }

    async read(id: string, props?: O): Promise<dynamic.ReadResult<O>> {
        const state = props as unknown as Bag | undefined;
        const context = this.callContext(state);
        let vendorId = this.vendorId(id, state);
        let previous: Partial<O> | undefined = this.isManaged(state) ? props : undefined;
        if (vendorId === undefined) {
            const found = await this.findPending(state, context);
            if (!found) return {};
            vendorId = found.id;
            previous = { ...(props as object), ...found.state } as Partial<O>;
        }
        let record: R;
        try {
            record = await this.definition.describe(vendorId, context);
        } catch (error) {
            if (this.definition.isNotFound(error)) return {};
            throw error;
        }
        const base = previous !== undefined ? (previous as I) : this.definition.inputsFromRecord(record);
        return { id: vendorId, props: this.outputs(vendorId, base, record, previous) };
    }

    async update(id: string, olds: O, news: I): Promise<dynamic.UpdateResult<O>> {
        const context = this.callContext(news, olds);
        let vendorId = this.vendorId(id, olds as unknown as Bag);
        let previous = olds as Partial<O>;
        if (vendorId === undefined) {
            // A create whose outcome was unknown: find what it made, else make it now.
            // The object may match the inputs it was created with, or (a finishing update that failed
            // after creating it) the new ones.
            const created =
                (await this.findPending(olds as unknown as Bag, context)) ??
                (await this.findPending({ ...(news as object), [PENDING_KEY]: (olds as unknown as Bag)[PENDING_KEY] }, context)) ??
                (await createOnce(this.definition.createSteps(news, context), this.runtime));
            vendorId = created.id;
            previous = { ...(olds as object), ...created.state } as Partial<O>;
        }
        return { outs: await this.converged(vendorId, news, previous, context) };
    }

    async delete(id: string, props: O): Promise<void> {
        const context = this.callContext(props);
        let vendorId = this.vendorId(id, props as unknown as Bag);
        let state = props;
        if (vendorId === undefined) {
            const found = await this.findPending(props as unknown as Bag, context);
            if (!found) return;
            vendorId = found.id;
            state = { ...(props as object), ...found.state } as O;
        }
        try {
            await this.definition.remove(vendorId, state, context);
        } catch (error) {
            if (this.definition.isNotFound(error)) return;
            throw error;
        }
    }

    private table(): Record<string, InputSpec> {
        return this.definition.inputs as unknown as Record<string, InputSpec>;
    }

    /** A name the previous deployment used and the user did not set: kept, so updates never rename. */
    private keptName(key: string, previous: Bag | undefined): string | undefined {
        if (!previous || typeof previous[key] !== "string") return undefined;
        const filled = previous[DEFAULTS_KEY];
        // State written before auto-naming has no list; its value is kept as it was.
        return !Array.isArray(filled) || filled.includes(key) ? (previous[key] as string) : undefined;
    }

    private callContext(...states: Array<Bag | object | undefined>): CallContext {
        const secretKeys = keysWhere(this.table(), (s) => s.secret === true);
        const secrets = new Set<string>();
        for (const state of states) {
            for (const key of secretKeys) {
                const value = (state as Bag | undefined)?.[key];
                if (typeof value === "string" && value !== "") secrets.add(value);
            }
        }
        const state = states.find((s) => s !== undefined && s !== null && Object.keys(s).length > 0) as Bag | undefined;
        return { secrets: [...secrets], sleep: this.runtime.sleep, state };
    }

    /** The vendor id behind a Pulumi id; undefined while a pending create has not been found. */
    private vendorId(id: string, state: Bag | undefined): string | undefined {
        if (!isPendingId(id)) return id;
        const resolved = state?.[this.definition.idOutput];
        return typeof resolved === "string" && resolved !== "" ? resolved : undefined;
    }

    private isManaged(state: Bag | undefined): boolean {
        const id = state?.[this.definition.idOutput];
        return (typeof id === "string" && id !== "") || pendingOf(state) !== undefined;
    }

    /** The object a pending create made, looked for among those that appeared since it started. */
    private async findPending(state: Bag | undefined, context: CallContext): Promise<Created<O> | undefined> {
        const pending = pendingOf(state);
        if (!pending) return undefined;
        const steps = this.definition.createSteps(state as unknown as I, context, pending);
        return findLostCreate(steps, new Set(pending.before));
    }

    /** Describes an object, allowing for the vendor's lag after a write. */
    private async describeVisible(id: string, context: CallContext, justCreated = false): Promise<R> {
        const lag = this.definition.visibilityLagMs ?? 0;
        const describe = justCreated && this.definition.describeCreated ? this.definition.describeCreated : this.definition.describe;
        let waited = 0;
        for (let attempt = 1; ; attempt++) {
            try {
                return await describe.call(this.definition, id, context);
            } catch (error) {
                if (!this.definition.isNotFound(error) || waited >= lag) throw error;
                const wait = Math.min(lag - waited, 500 * attempt);
                waited += wait;
                await this.runtime.sleep(wait);
            }
        }
    }

    /** Converges the object to `desired` and returns its outputs as the vendor then reports them. */
    private async converged(id: string, desired: I, previous: Partial<O>, context: CallContext, justCreated = false): Promise<O> {
        let record = await this.describeVisible(id, context, justCreated);
        const current = this.definition.toOutputs(id, previous as I, record, previous);
        if (await this.definition.converge(id, desired, current, context)) record = await this.describeVisible(id, context);
        return this.outputs(id, desired, record, previous);
    }

    private outputs(id: string, base: I, record: R, previous: Partial<O> | undefined): O {
        const outs = this.definition.toOutputs(id, base, record, previous) as unknown as Bag;
        const certificateKey = this.definition.certificateInput;
        if (certificateKey !== undefined) {
            const facts = expiryOf(typeof outs[certificateKey] === "string" ? (outs[certificateKey] as string) : undefined);
            for (const key of EXPIRY_OUTPUT_KEYS) {
                if (typeof outs[key] !== "string" || outs[key] === "") outs[key] = facts?.[key] ?? "";
            }
        }
        outs[this.definition.idOutput] = id;
        delete outs[NAME_KEY];
        delete outs[PENDING_KEY];
        return sanitizeOutputs(outs) as unknown as O;
    }

    /** What state records for a create that did not finish: the inputs, and the id if there is one. */
    private partialOutputs(inputs: I, id: string, state: Partial<O> | undefined): Record<string, unknown> {
        return sanitizeOutputs({ ...(inputs as object), ...state, [this.definition.idOutput]: id });
    }
}

/** The provider for a definition. One instance per resource type: Pulumi caches serialization by identity. */
export function defineProvider<I extends object, O extends I, R>(definition: ResourceDefinition<I, O, R>, runtime?: Partial<ProviderRuntime>): DefinedProvider<I, O, R> {
    return new DefinedProvider(definition, runtime);
}
