import { expect } from "chai";
import { createOnce } from "../../../provider/core/createOnce";
import { OutcomeUnknownError, VendorApiError } from "../../../provider/core/errors";

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

describe("core/createOnce", () => {
    it("returns the object a lost reply had created, without creating again", async () => {
        const v = fakeVendor(["lostAfterStoring"]);
        expect(await createOnce(v.steps)).to.equal("new-1");
        expect(v.creates).to.equal(1);
        expect([...v.store]).to.deep.equal(["existing-1", "new-1"]);
    });
    it("creates again when the lost attempt stored nothing", async () => {
        const v = fakeVendor(["lostBeforeStoring", "ok"]);
        expect(await createOnce(v.steps)).to.equal("new-1");
        expect(v.creates).to.equal(2);
        expect(v.store.size).to.equal(2);
    });
    it("never takes an object that existed before for its own", async () => {
        const v = fakeVendor(["lostBeforeStoring", "lostBeforeStoring", "lostBeforeStoring"]);
        const err = await createOnce(v.steps).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(OutcomeUnknownError);
        expect(v.creates).to.equal(3);
    });
    it("does not retry a definite failure", async () => {
        let creates = 0;
        const refused = new VendorApiError({ vendor: "Fake", action: "Create", code: "InvalidParameter", message: "no" });
        const err = await createOnce({ label: "x", list: async () => new Set(), create: async () => { creates += 1; throw refused; }, find: async () => undefined, idOf: (id: string) => id }).catch((e: unknown) => e);
        expect(err).to.equal(refused);
        expect(creates).to.equal(1);
    });
});
