import { expect } from "chai";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { UNKNOWN } from "../../provider/core/unknown";
import { keysWhere, type InputSpec } from "../../provider/core/resource/table";
import { pemFragments } from "./pki";

type Bag = Record<string, unknown>;

/** What the shared contract suite needs to drive one resource against the emulator. */
export interface ContractSubject {
    /** The class name, for test titles. */
    readonly name: string;
    readonly provider: dynamic.ResourceProvider;
    readonly definition: { readonly inputs: object; readonly idOutput: string; readonly certificateInput?: string };
    /** Valid inputs as a user writes them (no name input: it is auto-named where there is one). */
    validInputs(): Bag;
    /** A change that updates in place. */
    readonly updateInPlace: Bag;
    /** A change that forces a replacement. */
    replacement(): Bag;
    /** Inputs the vendor never reports back, which the get path cannot recover (check may name them). */
    readonly unrecoverable: readonly string[];
    /** Invalid inputs carrying secret values; check must reject them without quoting the secrets. */
    invalidWithSecrets(): Bag;
    /** Deletes an object behind Pulumi's back. */
    deleteOutOfBand(id: string): Promise<void>;
    /** Vendor ids the emulator stores for this resource type. */
    storedIds(): Promise<string[]>;
    /**
     * False for a resource whose delete leaves the vendor object to another resource (an upload
     * KMS cannot take back): rotation then checks only that the new object exists beside the old.
     */
    readonly deleteRemoves?: boolean;
    /** Points the provider at wrong credentials; returns the secret credential to look for and a restore function. */
    useWrongCredentials(): { readonly secret: string; restore(): void };
}

function secretValues(definition: ContractSubject["definition"], inputs: Bag): string[] {
    return keysWhere(definition.inputs as Record<string, InputSpec>, (s) => s.secret === true)
        .map((k) => inputs[k])
        .filter((v): v is string => typeof v === "string" && v.length >= 4);
}

function expectNoSecret(text: string, secrets: readonly string[]): void {
    for (const secret of secrets) {
        expect(text).not.to.contain(secret);
        for (const fragment of pemFragments(secret)) expect(text).not.to.contain(fragment);
    }
}

/**
 * The guarantees every resource gives, run by each resource's spec inside a describe block that
 * has started the emulator (useEmulator).
 */
export function runContract(subject: ContractSubject): void {
    const { provider, definition } = subject;
    const table = definition.inputs as Record<string, InputSpec>;
    const nameInput = Object.keys(table).find((k) => table[k]!.autoName !== undefined);

    async function checked(olds: Bag, news: Bag): Promise<Bag> {
        const res = await provider.check!(olds, news);
        expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
        return res.inputs as Bag;
    }

    describe(`${subject.name}: the resource contract`, () => {
        it("check is stable: checking its own output again accepts it unchanged, defaults included", async () => {
            const once = await checked({}, subject.validInputs());
            for (const [key, spec] of Object.entries(table)) {
                if (spec.default !== undefined) expect(once, `default of ${key}`).to.have.property(key);
            }
            expect(await checked({}, once)).to.deep.equal(once);
            expect(await checked(once, once)).to.deep.equal(once);
            expect(await checked(once, subject.validInputs())).to.deep.equal(once);
        });

        it("check skips every value not known at preview", async () => {
            const news: Bag = {};
            for (const key of Object.keys(subject.validInputs())) news[key] = UNKNOWN;
            const res = await provider.check!({}, news);
            expect(res.failures ?? []).to.deep.equal([]);
        });

        it("check names the property and quotes no secret", async () => {
            const news = subject.invalidWithSecrets();
            const res = await provider.check!({}, news);
            const failures = res.failures ?? [];
            expect(failures.length).to.be.greaterThan(0);
            for (const f of failures) expect(f.reason, "a reason names the property").to.match(/[a-z][A-Za-z]+/);
            const secretKeys = keysWhere(table, (s) => s.secret === true);
            for (const f of failures) expect(secretKeys, "a secret property is never printed with its value").not.to.include(f.property);
            expectNoSecret(JSON.stringify(failures), secretValues(definition, news));
        });

        it("a vendor error quotes neither the inputs' secrets nor the credentials", async () => {
            const news = subject.validInputs();
            const inputs = await checked({}, news);
            const wrong = subject.useWrongCredentials();
            try {
                const err = (await provider.create(inputs).catch((e: unknown) => e)) as Error;
                expect(err).to.be.instanceOf(Error);
                expectNoSecret(`${err.message}\n${err.stack ?? ""}\n${JSON.stringify(err)}`, [...secretValues(definition, news), wrong.secret]);
            } finally {
                wrong.restore();
            }
        });

        it("has no diff after create, nor after a read of what it created", async () => {
            const inputs = await checked({}, subject.validInputs());
            const created = await provider.create(inputs);
            expect(created.outs).to.have.property(definition.idOutput, created.id);
            expect((await provider.diff!(created.id, created.outs, inputs)).changes).to.equal(false);
            const read = await provider.read!(created.id, created.outs);
            expect(read.id).to.equal(created.id);
            expect((await provider.diff!(created.id, read.props, inputs)).changes).to.equal(false);
            if (definition.certificateInput !== undefined) {
                expect(created.outs.notAfter).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
                expect(created.outs.fingerprintSha256).to.match(/^[0-9A-F]{64}$/);
            }
            await provider.delete!(created.id, created.outs);
        });

        it("check accepts what read returns on the get path, or names exactly what is missing", async () => {
            const created = await provider.create(await checked({}, subject.validInputs()));
            const read = await provider.read!(created.id, {});
            expect(read.id).to.equal(created.id);
            const inputs: Bag = {};
            for (const key of Object.keys(table)) if (read.props[key] !== undefined) inputs[key] = read.props[key];
            const res = await provider.check!({}, inputs);
            for (const f of res.failures ?? []) {
                const named = subject.unrecoverable.some((k) => f.property === k || f.reason.includes(k));
                expect(named, `unexpected get-path failure: ${f.property}: ${f.reason}`).to.equal(true);
            }
            await provider.delete!(created.id, created.outs);
        });

        it("reads as gone and deletes successfully after an out-of-band delete", async () => {
            const created = await provider.create(await checked({}, subject.validInputs()));
            await subject.deleteOutOfBand(created.id);
            const read = await provider.read!(created.id, created.outs);
            expect(read.id ?? "").to.equal("");
            await provider.delete!(created.id, created.outs);
        });

        it("updates in place without a replacement", async () => {
            const inputs = await checked({}, subject.validInputs());
            const created = await provider.create(inputs);
            const changed = await checked(inputs, { ...subject.validInputs(), ...subject.updateInPlace });
            const diff = await provider.diff!(created.id, created.outs, changed);
            expect(diff.changes).to.equal(true);
            expect(diff.replaces ?? []).to.deep.equal([]);
            const updated = await provider.update!(created.id, created.outs, changed);
            for (const [key, value] of Object.entries(subject.updateInPlace)) expect(updated.outs[key], key).to.deep.equal(value);
            expect((await provider.diff!(created.id, updated.outs, changed)).changes).to.equal(false);
            await provider.delete!(created.id, updated.outs);
        });

        it("rotates by replacement: the new object is created (with a new auto-name) before the old one is deleted", async () => {
            const before = new Set(await subject.storedIds());
            const inputs = await checked({}, subject.validInputs());
            const created = await provider.create(inputs);
            // Updates keep an auto-name; the engine re-checks without old inputs before a replacement.
            const next = { ...subject.validInputs(), ...subject.replacement() };
            const kept = await checked(inputs, next);
            if (nameInput) expect(kept[nameInput]).to.equal(inputs[nameInput]);
            const diff = await provider.diff!(created.id, created.outs, kept);
            expect(diff.replaces ?? []).not.to.deep.equal([]);
            expect(diff.deleteBeforeReplace ?? false).to.equal(false);
            const fresh = await checked({}, next);
            if (nameInput) expect(fresh[nameInput]).not.to.equal(inputs[nameInput]);
            const replacement = await provider.create(fresh);
            const both = (await subject.storedIds()).filter((id) => !before.has(id));
            expect(both).to.have.members([created.id, replacement.id]);
            await provider.delete!(created.id, created.outs);
            const left = (await subject.storedIds()).filter((id) => !before.has(id)).sort();
            expect(left).to.deep.equal(subject.deleteRemoves === false ? [created.id, replacement.id].sort() : [replacement.id]);
            await provider.delete!(replacement.id, replacement.outs);
        });
    });
}
