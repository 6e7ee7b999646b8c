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
});
