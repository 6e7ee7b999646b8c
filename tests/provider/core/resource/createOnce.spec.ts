import { expect } from "chai";
import { createOnce, UnresolvedCreateError } from "../../../../provider/core/resource/createOnce";
import { OutcomeUnknownError, VendorApiError } from "../../../../provider/core/errors";

/** A fake vendor whose store the steps read, so each outcome is decided by what was really stored. */
function fakeVendor(outcomes: Array<"ok" | "lostAfterStoring" | "lostBeforeStoring">) {
    const store = new Set<string>(["existing-1"]);
    let next = 0;
    let creates = 0;
    return {
        store,
        get creates() {
            return creates;
        },
        steps: {
            label: "Fake Create",
            scope: "fake",
            list: async () => new Set(store),
            create: async () => {
                creates += 1;
                const outcome = outcomes.shift() ?? "ok";
                if (outcome === "lostBeforeStoring") throw new OutcomeUnknownError("Fake", "Create", "connection reset");
                const id = `new-${++next}`;
                store.add(id);
                if (outcome === "lostAfterStoring") throw new OutcomeUnknownError("Fake", "Create", "HTTP 502");
                return id;
            },
            find: async (appeared: readonly string[]) => appeared[0],
            idOf: (id: string) => id,
        },
    };
}

/** No real sleeping: the waits are recorded instead. */
function recordedSleep() {
    const waits: number[] = [];
    return { waits, options: { sleep: async (ms: number) => void waits.push(ms), random: () => 0.5 } };
}

describe("core/resource/createOnce", () => {
    it("returns the object a lost reply had created, without creating again", async () => {
        const v = fakeVendor(["lostAfterStoring"]);
        expect(await createOnce(v.steps, recordedSleep().options)).to.equal("new-1");
        expect(v.creates).to.equal(1);
        expect([...v.store]).to.deep.equal(["existing-1", "new-1"]);
    });
    it("creates again when the lost attempt stored nothing", async () => {
        const v = fakeVendor(["lostBeforeStoring", "ok"]);
        const clock = recordedSleep();
        expect(await createOnce(v.steps, clock.options)).to.equal("new-1");
        expect(v.creates).to.equal(2);
        expect(v.store.size).to.equal(2);
        // As patient as a read: the repeat waits the backoff a retried read would.
        expect(clock.waits).to.have.length(1);
        expect(clock.waits[0]).to.be.greaterThan(0);
    });
    it("never takes an object that existed before for its own", async () => {
        const v = fakeVendor(["lostBeforeStoring", "lostBeforeStoring", "lostBeforeStoring"]);
        const clock = recordedSleep();
        const err = await createOnce(v.steps, clock.options).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(OutcomeUnknownError);
        expect(v.creates).to.equal(3);
        expect(clock.waits).to.have.length(3);
        expect(clock.waits[1]).to.be.greaterThan(clock.waits[0]!);
    });
    it("does not retry a definite failure", async () => {
        let creates = 0;
        const refused = new VendorApiError({ vendor: "Fake", action: "Create", code: "InvalidParameter", message: "no" });
        const err = await createOnce({ label: "x", scope: "fake", list: async () => new Set(), create: async () => { creates += 1; throw refused; }, find: async () => undefined, idOf: (id: string) => id }).catch((e: unknown) => e);
        expect(err).to.equal(refused);
        expect(creates).to.equal(1);
    });
    it("finds a create the vendor carried out after the client gave up, by waiting before it looks", async () => {
        // The vendor stores the object only once the client has stopped waiting (a timeout).
        const v = fakeVendor(["lostBeforeStoring"]);
        const late: string[] = [];
        const clock = {
            sleep: async () => {
                for (const id of late.splice(0)) v.store.add(id);
            },
            random: () => 0.5,
        };
        const steps = {
            ...v.steps,
            create: async () => {
                const id = await v.steps.create().catch((e: unknown) => {
                    late.push("late-1");
                    throw e;
                });
                return id;
            },
            find: async (appeared: readonly string[]) => appeared[0],
        };
        expect(await createOnce(steps, clock)).to.equal("late-1");
        expect(v.creates).to.equal(1);
    });

    it("after a timeout, waits as long as the client had waited before it looks, so a create still in flight is found", async () => {
        // Virtual time: the client gives up at 30 s; the vendor stores the object at 50 s.
        let now = 0;
        let creates = 0;
        const store = () => (now >= 50000 ? new Set(["existing-1", "slow-1"]) : new Set(["existing-1"]));
        const steps = {
            label: "Fake Create",
            scope: "fake",
            list: async () => store(),
            create: async (): Promise<string> => {
                creates += 1;
                now += 30000;
                throw new OutcomeUnknownError("Fake", "Create", "ETIMEDOUT (request)", 30000);
            },
            find: async (appeared: readonly string[]) => appeared[0],
            idOf: (id: string) => id,
        };
        const sleep = async (ms: number) => void (now += ms);
        expect(await createOnce(steps, { sleep, random: () => 0.5 })).to.equal("slow-1");
        expect(creates).to.equal(1);
    });

    it("says the outcome is unknown, with what existed before, when looking for a lost create fails too", async () => {
        const v = fakeVendor(["lostAfterStoring"]);
        let lists = 0;
        const steps = {
            ...v.steps,
            list: async () => {
                lists += 1;
                if (lists > 1) throw new Error("DescribeCertificates: connection reset");
                return new Set(v.store);
            },
        };
        const err = await createOnce(steps, recordedSleep().options).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(UnresolvedCreateError);
        const unresolved = err as UnresolvedCreateError;
        expect(unresolved.before).to.deep.equal(["existing-1"]);
        expect(unresolved.message).to.match(/Fake Create: the reply was lost.*connection reset/);
        expect(v.creates).to.equal(1);
    });
});
