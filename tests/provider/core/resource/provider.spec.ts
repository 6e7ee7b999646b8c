import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import { OutcomeUnknownError, PartialCreateError } from "../../../../provider/core/errors";
import type { ResourceDefinition } from "../../../../provider/core/resource/definition";
import { isPendingId, PENDING_KEY, PendingCreateError } from "../../../../provider/core/resource/pending";
import { DefinedProvider } from "../../../../provider/core/resource/provider";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { testChain } from "../../../support/pki";

interface Inputs {
    name: string;
    pem: string;
    key?: string;
    size: number;
    label: string;
}
interface Outputs extends Inputs {
    thingId: string;
    notBefore: string;
    notAfter: string;
    serialNumber: string;
    fingerprintSha256: string;
}
type Row = { id: string; name: string; pem: string; size: number; label: string };

class NotFound extends Error {}

let vendors = 0;

/** A vendor held in memory whose faults are scripted per call, so every outcome is what it stored. */
function fakeVendor() {
    const rows = new Map<string, Row>();
    let next = 0;
    // Each fake is its own account: ids it hands out are claimed apart from other tests' (see createOnce).
    const scope = `fake-${++vendors}`;
    const v = {
        rows,
        creates: 0,
        failCreate: [] as Array<"lostAfterStoring" | "lostBeforeStoring">,
        listCalls: 0,
        /** Which list calls (numbered from 1) fail. */
        failListCalls: new Set<number>(),
        failDescribe: 0,
        hiddenReads: 0,
        sleeps: [] as number[],
        /** The state each describe was given (CallContext.state). */
        describeStates: [] as Array<Readonly<Record<string, unknown>> | undefined>,
    };
    const definition: ResourceDefinition<Inputs, Outputs, Row> = {
        vendor: "Fake",
        name: "FakeThing",
        inputs: {
            name: { change: "update", autoName: { maxLength: 20, allowed: /[a-z0-9-]/ }, text: true, reported: true },
            pem: { change: "replace", compare: "pem", reported: true },
            key: { change: "replace", secret: true, compare: "pem" },
            size: { change: "replace", default: 2 },
            label: { change: "state", default: "" },
        },
        outputs: { thingId: {}, notBefore: {}, notAfter: {}, serialNumber: {}, fingerprintSha256: {} },
        idOutput: "thingId",
        certificateInput: "pem",
        visibilityLagMs: 2000,
        validate(c) {
            c.string("name", { maxLength: 20 });
            c.integer("size", { min: 1 });
        },
        createSteps: (inputs) => ({
            label: "Fake Create",
            scope,
            list: async () => {
                v.listCalls += 1;
                if (v.failListCalls.has(v.listCalls)) throw new Error("list: connection reset");
                return new Set(rows.keys());
            },
            create: async () => {
                v.creates += 1;
                const fault = v.failCreate.shift();
                if (fault === "lostBeforeStoring") throw new OutcomeUnknownError("Fake", "Create", "reset");
                const id = `thing-${++next}`;
                rows.set(id, { id, name: inputs.name, pem: inputs.pem, size: inputs.size, label: "" });
                if (fault === "lostAfterStoring") throw new OutcomeUnknownError("Fake", "Create", "reset");
                return { id };
            },
            find: async (appeared) => {
                const id = appeared.find((a) => rows.get(a)?.name === inputs.name);
                return id === undefined ? undefined : { id };
            },
            idOf: (c) => c.id,
        }),
        async describe(id, context) {
            v.describeStates.push(context.state);
            if (v.failDescribe > 0) {
                v.failDescribe -= 1;
                throw new Error("describe: HTTP 503");
            }
            if (v.hiddenReads > 0) {
                v.hiddenReads -= 1;
                throw new NotFound();
            }
            const row = rows.get(id);
            if (!row) throw new NotFound();
            return { ...row };
        },
        isNotFound: (e) => e instanceof NotFound,
        async converge(id, desired, current) {
            if (current.name === desired.name) return false;
            rows.get(id)!.name = desired.name;
            return true;
        },
        async remove(id) {
            if (!rows.delete(id)) throw new NotFound();
        },
        toOutputs: (id, base, row) => ({ ...base, name: row.name, thingId: id, notBefore: "", notAfter: "", serialNumber: "", fingerprintSha256: "" }),
        inputsFromRecord: (row) => ({ name: row.name, pem: row.pem, size: row.size, label: "" }),
        findHint: (inputs) => `list things named ${inputs.name}`,
    };
    const provider = new DefinedProvider(definition, { sleep: async (ms) => void v.sleeps.push(ms), random: () => 0.5 });
    return { v, provider };
}

const chain = testChain("fake.example.com");
const pem = chain.chainPem;
const key = chain.leaf.privateKeyPem;

async function checked(provider: DefinedProvider<Inputs, Outputs, Row>, olds: object, news: object): Promise<Inputs> {
    const res = await provider.check(olds as Inputs, news as Inputs);
    expect(res.failures ?? []).to.deep.equal([]);
    return res.inputs as Inputs;
}

describe("core/resource/provider: what every defined resource gets", () => {
    describe("check", () => {
        it("applies defaults and auto-names from the logical name, which is not stored", async () => {
            const { provider } = fakeVendor();
            const inputs = await checked(provider, {}, { __cloudcertsName: "Web Cert", pem });
            expect(inputs).to.include({ size: 2, label: "" });
            expect(inputs.name).to.match(/^web-cert-[0-9a-f]{8}$/);
            expect(inputs).not.to.have.property("__cloudcertsName");
            expect(inputs).to.have.deep.property("__defaults", ["name"]);
        });

        it("keeps an auto-name across updates and makes a new one when there are no old inputs (a replacement)", async () => {
            const { provider } = fakeVendor();
            const first = await checked(provider, {}, { __cloudcertsName: "web", pem });
            expect((await checked(provider, first, { __cloudcertsName: "web", pem, size: 3 })).name).to.equal(first.name);
            expect((await checked(provider, {}, { __cloudcertsName: "web", pem })).name).not.to.equal(first.name);
            expect((await checked(provider, first, { __cloudcertsName: "web", pem, name: "explicit" })).name).to.equal("explicit");
        });

        it("keeps a name from state written before auto-naming, and re-auto-names once the user drops an explicit one", async () => {
            const { provider } = fakeVendor();
            expect((await checked(provider, { name: "", pem, size: 2 }, { __cloudcertsName: "web", pem })).name).to.equal("");
            const explicit = await checked(provider, {}, { __cloudcertsName: "web", pem, name: "mine" });
            expect((await checked(provider, explicit, { __cloudcertsName: "web", pem })).name).to.match(/^web-[0-9a-f]{8}$/);
        });

        it("treats an empty secret as none and normalises PEM", async () => {
            const { provider } = fakeVendor();
            const inputs = await checked(provider, {}, { pem: `\r\n${pem.replace(/\n/g, "\r\n")}\r\n`, key: "  " });
            expect(inputs.pem).to.equal(pem.trim());
            expect(inputs).not.to.have.property("key");
        });

        it("rejects control characters in text inputs, naming the property", async () => {
            const { provider } = fakeVendor();
            const res = await provider.check({} as Inputs, { pem, name: "web\u0007" } as Inputs);
            expect(res.failures).to.deep.equal([{ property: "name", reason: "name contains a control character (U+0007) at position 4: remove it (names and subject fields are plain text)" }]);
        });

        it("rejects an input the resource does not have, suggesting the one meant", async () => {
            const { provider } = fakeVendor();
            const res = await provider.check({} as Inputs, { pem, nmae: "web", colour: "red" } as unknown as Inputs);
            expect(res.failures).to.deep.include({ property: "nmae", reason: "nmae is not an input of FakeThing: did you mean name?" });
            expect(res.failures!.find((f) => f.property === "colour")!.reason).to.match(/its inputs are name, pem, key, size, label/);
        });

        it("gives each resource its own copy of an object default", async () => {
            const { provider } = fakeVendor();
            const table = (provider as unknown as { definition: { inputs: Record<string, { default?: unknown }> } }).definition.inputs;
            const shared = { a: "1" };
            table.label = { ...table.label, default: shared } as never;
            const first = await checked(provider, {}, { pem });
            (first.label as unknown as Record<string, string>).a = "changed";
            expect(shared.a).to.equal("1");
        });

        it("passes unknown values through", async () => {
            const { provider } = fakeVendor();
            const res = await provider.check({} as Inputs, { pem: UNKNOWN, name: UNKNOWN, size: UNKNOWN } as unknown as Inputs);
            expect(res.failures ?? []).to.deep.equal([]);
            expect(res.inputs).to.include({ pem: UNKNOWN, name: UNKNOWN });
        });
    });

    describe("diff", () => {
        const olds = { name: "a", pem, size: 2, label: "", thingId: "t", __provider: "p1" } as unknown as Outputs;
        it("derives replacements and in-place updates from the table", async () => {
            const { provider } = fakeVendor();
            expect(await provider.diff("t", olds, { ...olds, name: "b" })).to.deep.include({ changes: true, replaces: [] });
            expect(await provider.diff("t", olds, { ...olds, size: 3 })).to.deep.include({ changes: true, replaces: ["size"], deleteBeforeReplace: false });
            expect(await provider.diff("t", olds, { ...olds, label: "x" })).to.deep.include({ changes: true, replaces: [] });
            expect(await provider.diff("t", olds, { ...olds, pem: UNKNOWN })).to.deep.include({ replaces: ["pem"] });
            expect(await provider.diff("t", olds, { ...olds, pem: `${pem}\r\n` })).to.deep.include({ changes: false });
        });
        it("takes a missing input as its default, so state from before the input existed is no change", async () => {
            const { provider } = fakeVendor();
            const { size: _size, label: _label, ...older } = olds as unknown as Record<string, unknown>;
            expect(await provider.diff("t", olds, older as unknown as Inputs)).to.deep.include({ changes: false });
            expect(await provider.diff("t", older as unknown as Outputs, olds)).to.deep.include({ changes: false });
        });
        it("reports a new provider version as a change so that it reaches state", async () => {
            const { provider } = fakeVendor();
            expect(await provider.diff("t", olds, { ...olds, __provider: "p2" } as Inputs)).to.deep.include({ changes: true, replaces: [] });
        });
    });

    describe("create", () => {
        it("fills the expiry outputs from the certificate", async () => {
            const { provider } = fakeVendor();
            const created = await provider.create(await checked(provider, {}, { pem }));
            const outs = created.outs!;
            const leaf = new X509Certificate(chain.leaf.certificatePem);
            expect(outs).to.include({ thingId: created.id, serialNumber: leaf.serialNumber.toUpperCase(), fingerprintSha256: leaf.fingerprint256.replace(/:/g, "") });
            expect(outs.notAfter).to.equal(new Date(leaf.validTo).toISOString().replace(/\.\d{3}Z$/, "Z"));
        });

        it("waits out the vendor's visibility lag after a create, on the injected clock", async () => {
            const { v, provider } = fakeVendor();
            v.hiddenReads = 2;
            const created = await provider.create(await checked(provider, {}, { pem }));
            expect(created.id).to.equal("thing-1");
            expect(v.sleeps).to.have.length(2);
        });

        it("records a half-finished create with its id, and the next update finishes it", async () => {
            const { v, provider } = fakeVendor();
            v.failDescribe = 1;
            const inputs = await checked(provider, {}, { pem, key });
            const err = (await provider.create(inputs).catch((e: unknown) => e)) as PartialCreateError;
            expect(err).to.be.instanceOf(PartialCreateError);
            expect(err.id).to.equal("thing-1");
            expect(err.properties).to.include({ thingId: "thing-1", pem: inputs.pem });
            const updated = await provider.update(err.id, err.properties as unknown as Outputs, inputs);
            expect(updated.outs).to.include({ thingId: "thing-1" });
            expect([...v.rows.keys()]).to.deep.equal(["thing-1"]);
        });

        it("returns the object a lost reply made, without making another", async () => {
            const { v, provider } = fakeVendor();
            v.failCreate = ["lostAfterStoring"];
            const created = await provider.create(await checked(provider, {}, { pem }));
            expect(created.id).to.equal("thing-1");
            expect(v.creates).to.equal(1);
        });

        function pendingCreate() {
            const vendor = fakeVendor();
            vendor.v.failCreate = ["lostAfterStoring"];
            // The list before creating works; the one looking for the lost object fails.
            vendor.v.failListCalls.add(2);
            return vendor;
        }

        it("records a create whose outcome stays unknown as pending, saying what may exist and what happens next", async () => {
            const { v, provider } = pendingCreate();
            v.rows.set("old-1", { id: "old-1", name: "other", pem, size: 2, label: "" });
            const inputs = await checked(provider, {}, { __cloudcertsName: "web", pem, key });
            const err = (await provider.create(inputs).catch((e: unknown) => e)) as PendingCreateError;
            expect(err).to.be.instanceOf(PendingCreateError);
            expect(isPendingId(err.id)).to.equal(true);
            expect(err.properties[PENDING_KEY]).to.deep.include({ label: "Fake Create", before: ["old-1"] });
            expect(err.message).to.match(/may have been created at about \d{4}-.*next `pulumi up` finds it.*`pulumi destroy` removes it.*list things named web-/);
            expect(err.message).not.to.contain(key.split("\n")[1]!);
            expect(JSON.stringify(err.properties)).to.contain(inputs.name);
        });

        it("the next up finds a pending create's object and makes no other", async () => {
            const { v, provider } = pendingCreate();
            const inputs = await checked(provider, {}, { __cloudcertsName: "web", pem });
            const err = (await provider.create(inputs).catch((e: unknown) => e)) as PendingCreateError;
            expect((await provider.diff(err.id, err.properties as unknown as Outputs, inputs)).changes).to.equal(true);
            const updated = await provider.update(err.id, err.properties as unknown as Outputs, inputs);
            expect(updated.outs).to.include({ thingId: "thing-1" });
            expect(updated.outs).not.to.have.property(PENDING_KEY);
            expect((await provider.diff(err.id, updated.outs!, inputs)).changes, "once found, no change is left").to.equal(false);
            expect(v.creates).to.equal(1);
            // Later calls on the pending id reach the object through its outputs; a refresh fixes the id.
            expect((await provider.read(err.id, updated.outs!)).id).to.equal("thing-1");
            await provider.delete(err.id, updated.outs!);
            expect(v.rows.size).to.equal(0);
        });

        it("the next up creates the object when the lost create had made none", async () => {
            const { v, provider } = fakeVendor();
            v.failCreate = ["lostBeforeStoring", "lostBeforeStoring", "lostBeforeStoring"];
            v.failListCalls.add(2);
            const inputs = await checked(provider, {}, { __cloudcertsName: "web", pem });
            const err = (await provider.create(inputs).catch((e: unknown) => e)) as PendingCreateError;
            expect(err).to.be.instanceOf(PendingCreateError);
            const updated = await provider.update(err.id, err.properties as unknown as Outputs, inputs);
            expect(updated.outs!.thingId).to.equal("thing-1");
            expect(v.rows.size).to.equal(1);
        });

        it("destroy removes a pending create's object, and refresh reports it gone when there is none", async () => {
            const made = pendingCreate();
            const inputs = await checked(made.provider, {}, { __cloudcertsName: "web", pem });
            const err = (await made.provider.create(inputs).catch((e: unknown) => e)) as PendingCreateError;
            await made.provider.delete(err.id, err.properties as unknown as Outputs);
            expect(made.v.rows.size).to.equal(0);
            expect(await made.provider.read(err.id, err.properties as unknown as Outputs)).to.deep.equal({});
        });
    });

    describe("describeCreated", () => {
        it("reads a new object once with describeCreated (a vendor's cheaper read), and with describe everywhere else", async () => {
            const { provider } = fakeVendor();
            const definition = (provider as unknown as { definition: ResourceDefinition<Inputs, Outputs, Row> & { describeCreated?: ResourceDefinition<Inputs, Outputs, Row>["describe"] } }).definition;
            const viaCreated: string[] = [];
            definition.describeCreated = async (id, context) => {
                viaCreated.push(id);
                return definition.describe(id, context);
            };
            try {
                const inputs = await checked(provider, {}, { name: "web", pem });
                const created = await provider.create(inputs);
                expect(viaCreated).to.deep.equal([created.id]);
                expect((await provider.read(created.id, created.outs)).props).to.deep.equal(created.outs);
                await provider.update(created.id, created.outs!, { ...inputs, name: "renamed" });
                expect(viaCreated, "reads and updates use describe").to.deep.equal([created.id]);
            } finally {
                delete definition.describeCreated;
            }
        });
    });

    describe("read and delete", () => {
        it("hands the resource's inputs or state to vendor calls (CallContext.state), and none on the get path", async () => {
            const { v, provider } = fakeVendor();
            const inputs = await checked(provider, {}, { pem, label: "where-it-lives" });
            const created = await provider.create(inputs);
            expect(v.describeStates.at(-1)).to.include({ label: "where-it-lives" });
            await provider.read(created.id, created.outs);
            expect(v.describeStates.at(-1)).to.include({ label: "where-it-lives", thingId: created.id });
            await provider.read(created.id, {} as Outputs);
            expect(v.describeStates.at(-1)).to.equal(undefined);
        });

        it("reads gone on not found, and deletes successfully what is already gone", async () => {
            const { v, provider } = fakeVendor();
            const created = await provider.create(await checked(provider, {}, { pem }));
            v.rows.clear();
            expect(await provider.read(created.id, created.outs!)).to.deep.equal({});
            await provider.delete(created.id, created.outs!);
        });

        it("recovers inputs from the vendor's record on the get path", async () => {
            const { provider } = fakeVendor();
            const created = await provider.create(await checked(provider, {}, { pem, name: "given" }));
            const read = await provider.read(created.id, {} as Outputs);
            expect(read.props).to.include({ thingId: created.id, name: "given", size: 2 });
        });
    });
});
