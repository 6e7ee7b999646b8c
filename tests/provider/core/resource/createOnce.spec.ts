import { expect } from "chai";
import { createOnce, findLostCreate, resetSnapshots, UnresolvedCreateError } from "../../../../provider/core/resource/createOnce";
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
    it("never takes an object that existed before for its own; gives up after the retry budget saying nothing was created", async () => {
        const v = fakeVendor(Array.from({ length: 6 }, () => "lostBeforeStoring" as const));
        const clock = recordedSleep();
        const err = (await createOnce(v.steps, clock.options).catch((e: unknown) => e)) as Error;
        expect(err).to.be.instanceOf(Error).and.not.instanceOf(OutcomeUnknownError);
        expect(err.message).to.match(/^Fake Create: 6 attempts failed \(the last: connection reset\); after each, checking showed it had not been carried out, so nothing was created/);
        expect(v.creates).to.equal(6);
        expect([...v.store]).to.deep.equal(["existing-1"]);
        expect(clock.waits).to.have.length(6);
        expect(clock.waits[1]).to.be.greaterThan(clock.waits[0]!);
    });
    it("has a read's budget of attempts: several lost attempts in a row, each settled as not done, still end in one object", async () => {
        const v = fakeVendor(["lostBeforeStoring", "lostBeforeStoring", "lostBeforeStoring", "lostBeforeStoring", "ok"]);
        expect(await createOnce(v.steps, recordedSleep().options)).to.equal("new-1");
        expect(v.creates).to.equal(5);
        expect(v.store.size).to.equal(2);
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

    it("after a timeout, keeps looking for as long again as the client waited before it creates again", async () => {
        // The vendor stores the object only after the client has stopped waiting and looked twice in vain.
        const v = fakeVendor([]);
        const waits: number[] = [];
        let looks = 0;
        const steps = {
            ...v.steps,
            create: async () => {
                if (v.creates === 0) {
                    await v.steps.create().then((id) => v.store.delete(id));
                    throw new OutcomeUnknownError("Fake", "Create", "ETIMEDOUT (request)", 5000);
                }
                return v.steps.create();
            },
            find: async (appeared: readonly string[]) => {
                looks += 1;
                if (looks === 3) v.store.add("held-1");
                return appeared[0];
            },
        };
        expect(await createOnce(steps, { sleep: async (ms) => void waits.push(ms), random: () => 0.5 })).to.equal("held-1");
        expect(v.creates).to.equal(1);
        expect(looks).to.equal(4);
        // The backoff, then looks 1 s, 2 s apart... never more than the 5 s the client had waited.
        expect(waits.slice(1)).to.deep.equal([1000, 2000, 2000]);
    });
    it("after a reset, looks once and creates again: the request is not on its way", async () => {
        const v = fakeVendor(["lostBeforeStoring"]);
        let looks = 0;
        const steps = { ...v.steps, find: async (appeared: readonly string[]) => ((looks += 1), appeared[0]) };
        expect(await createOnce(steps, recordedSleep().options)).to.equal("new-1");
        expect(looks).to.equal(1);
        expect(v.creates).to.equal(2);
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

    it("two searches for lost replies of identical creates that run at once take one object each, never the same", async () => {
        const store = new Set(["existing-1", "made-a", "made-b"]);
        const steps = {
            label: "Fake Create",
            scope: "fake-race",
            list: async () => new Set(store),
            create: async () => "unused",
            // Both match either object; the search takes a while, as a vendor read does.
            find: async (appeared: readonly string[]) => {
                await new Promise((resolve) => setImmediate(resolve));
                return appeared[0];
            },
            idOf: (id: string) => id,
        };
        const before = new Set(["existing-1"]);
        const found = await Promise.all([findLostCreate(steps, before), findLostCreate(steps, before)]);
        expect([...found].sort()).to.deep.equal(["made-a", "made-b"]);
    });

    describe("a listing shared by creates that start together (sharedSnapshot)", () => {
        beforeEach(resetSnapshots);

        it("lists once for many creates, and still never takes an object that existed before", async () => {
            const store = new Set(["existing-1"]);
            let listings = 0;
            let next = 0;
            const outcomes: Array<"ok" | "lostBeforeStoring"> = ["lostBeforeStoring"];
            const steps = (label: string) => ({
                label: "Fake Create",
                scope: "fake",
                list: async () => new Set(store),
                sharedSnapshot: {
                    key: "all",
                    list: async () => {
                        listings += 1;
                        return new Set(store);
                    },
                },
                create: async () => {
                    if (outcomes.shift() === "lostBeforeStoring") throw new OutcomeUnknownError("Fake", "Create", "connection reset");
                    const id = `${label}-${++next}`;
                    store.add(id);
                    return id;
                },
                // Takes whatever appeared: only `before` keeps "existing-1" out.
                find: async (appeared: readonly string[]) => appeared[0],
                idOf: (id: string) => id,
            });
            const made = await Promise.all(["a", "b", "c", "d"].map((label) => createOnce(steps(label), recordedSleep().options)));
            expect(listings, "one listing for four creates").to.equal(1);
            expect(made).to.not.include("existing-1");
            expect(new Set(made).size, "four objects, none taken twice").to.equal(4);
        });

        it("does not share a listing that failed, and shares a recent one", async () => {
            let listings = 0;
            let fail = true;
            const steps = {
                label: "Fake Create",
                scope: "fake",
                list: async () => new Set<string>(),
                sharedSnapshot: {
                    key: "all",
                    list: async () => {
                        listings += 1;
                        if (fail) {
                            fail = false;
                            throw new Error("list failed");
                        }
                        return new Set<string>();
                    },
                },
                create: async () => `id-${listings}`,
                find: async () => undefined,
                idOf: (id: string) => id,
            };
            await createOnce(steps, recordedSleep().options).catch(() => undefined);
            await createOnce(steps, recordedSleep().options);
            expect(listings, "a failed listing is not shared").to.equal(2);
            await createOnce(steps, recordedSleep().options);
            expect(listings, "a recent one is").to.equal(2);
        });
    });
});
