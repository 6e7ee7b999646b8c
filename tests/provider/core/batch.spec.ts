import { expect } from "chai";
import { Batcher } from "../../../provider/core/batch";

describe("core/batch", () => {
    it("sends the first lookup at once and the ones made meanwhile together, each answered from its batch", async () => {
        const calls: string[][] = [];
        let finish: () => void = () => {};
        const batcher = new Batcher<string, number>(async (keys) => {
            calls.push([...keys]);
            if (calls.length === 1) await new Promise<void>((resolve) => (finish = resolve));
            return new Map(keys.filter((k) => k !== "missing").map((k) => [k, k.length]));
        }, 3);
        const first = batcher.get("a");
        const rest = ["bb", "ccc", "missing", "dddd", "bb"].map((k) => batcher.get(k));
        await new Promise((resolve) => setImmediate(resolve));
        expect(calls, "the others wait while a call is in flight").to.deep.equal([["a"]]);
        finish();
        expect(await first).to.equal(1);
        expect(await Promise.all(rest)).to.deep.equal([2, 3, undefined, 4, 2]);
        expect(calls, "at most 3 keys a call, a key asked twice sent once").to.deep.equal([["a"], ["bb", "ccc", "missing"], ["dddd", "bb"]]);
    });

    it("fails every lookup of a batch whose call failed, and carries on with the next", async () => {
        let n = 0;
        const batcher = new Batcher<string, string>(async (keys) => {
            n += 1;
            if (n === 1) throw new Error("throttled");
            return new Map(keys.map((k) => [k, k.toUpperCase()]));
        }, 10);
        const failed = batcher.get("x").catch((e: Error) => e.message);
        expect(await failed).to.equal("throttled");
        expect(await batcher.get("y")).to.equal("Y");
    });

    it("with ready, forms a batch only once a call could go, so lookups made while it waits join it", async () => {
        const calls: string[][] = [];
        let open: () => void = () => {};
        let gate: Promise<void> | undefined = new Promise<void>((resolve) => (open = resolve));
        const batcher = new Batcher<string, string>(
            async (keys) => {
                calls.push([...keys]);
                return new Map(keys.map((k) => [k, k.toUpperCase()]));
            },
            10,
            () => gate ?? Promise.resolve(),
        );
        const first = batcher.get("a");
        const later = batcher.get("b");
        await new Promise((resolve) => setImmediate(resolve));
        expect(calls, "nothing goes while the call could not").to.deep.equal([]);
        gate = undefined;
        open();
        expect(await Promise.all([first, later])).to.deep.equal(["A", "B"]);
        expect(calls, "the first lookup waited with the second, not in front of it").to.deep.equal([["a", "b"]]);
    });

    it("fails the lookups waiting on a ready that failed, and carries on with the next", async () => {
        let fail = true;
        const batcher = new Batcher<string, string>(
            async (keys) => new Map(keys.map((k) => [k, k.toUpperCase()])),
            10,
            async () => {
                if (fail) throw new Error("no permit");
            },
        );
        expect(await batcher.get("x").catch((e: Error) => e.message)).to.equal("no permit");
        fail = false;
        expect(await batcher.get("y")).to.equal("Y");
    });
});
