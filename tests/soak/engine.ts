import { PartialCreateError } from "../../provider";
import { NAME_KEY } from "../../provider/core/resource/table";
import type { SoakType } from "./subjects";

/**
 * The calls the Pulumi engine makes on a dynamic provider, in its order, for one resource: `up`
 * (check with the old inputs, then create, or diff and update), refresh (read) and destroy
 * (delete). A create that fails half way (PartialCreateError, a pending create among them) is
 * recorded as the engine records it, id and properties, and finished by the next `up`.
 */

type Bag = Record<string, unknown>;

export interface SoakResource {
    readonly type: SoakType;
    readonly index: number;
    /** What the program gives, for the current deployment. */
    news: Bag;
    /** State, as the engine keeps it: checked inputs, id and outputs. */
    inputs?: Bag;
    id?: string;
    outs?: Bag;
    /** The last create ended partial: the next `up` must finish it. */
    partial?: boolean;
}

export const label = (r: SoakResource): string => `${r.type.name} #${r.index}`;

/** The vendor id the resource holds (not the Pulumi id: a pending create keeps its placeholder id). */
export const vendorIdOf = (r: SoakResource): string | undefined => {
    const id = r.outs?.[r.type.idOutput];
    return typeof id === "string" && id !== "" ? id : undefined;
};

async function checked(r: SoakResource): Promise<Bag> {
    const res = await r.type.provider.check!(r.inputs ?? {}, { ...r.news, [NAME_KEY]: `soak-${r.type.name}-${r.index}` });
    const failures = res.failures ?? [];
    if (failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
    return res.inputs as Bag;
}

/** One `pulumi up` step for the resource; returns what it did. */
export async function up(r: SoakResource): Promise<"created" | "partial" | "updated" | "unchanged"> {
    const inputs = await checked(r);
    const { provider } = r.type;
    if (r.id === undefined) {
        try {
            const created = await provider.create(inputs);
            Object.assign(r, { id: created.id, outs: created.outs as Bag, inputs, partial: false });
            return "created";
        } catch (error) {
            if (!(error instanceof PartialCreateError)) throw error;
            Object.assign(r, { id: error.id, outs: error.properties, inputs, partial: true });
            return "partial";
        }
    }
    const diff = await provider.diff!(r.id, r.outs!, inputs);
    if (!diff.changes) {
        r.inputs = inputs;
        return "unchanged";
    }
    if ((diff.replaces ?? []).length > 0) throw new Error(`unexpected replacement of ${diff.replaces!.join(", ")}`);
    const updated = await provider.update!(r.id, r.outs!, inputs);
    Object.assign(r, { outs: updated.outs as Bag, inputs, partial: false });
    return "updated";
}

/** `pulumi refresh` for the resource: fails when the object is reported gone. */
export async function refresh(r: SoakResource): Promise<void> {
    const read = await r.type.provider.read!(r.id!, r.outs!);
    if (!read.id) throw new Error("refresh reported the object gone");
    r.outs = read.props as Bag;
}

/** Whether the engine would see a change between the state and the inputs. */
export async function hasDiff(r: SoakResource): Promise<boolean> {
    return (await r.type.provider.diff!(r.id!, r.outs!, r.inputs!)).changes === true;
}

export async function destroy(r: SoakResource): Promise<void> {
    await r.type.provider.delete!(r.id!, r.outs!);
}

/** Runs `work` over `items` with at most `concurrency` in flight, as `pulumi up --parallel` does. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) await work(items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
