import { expect } from "chai";
import { UNKNOWN, containsUnknown, isKnown, isUnknown } from "../../../provider/core/unknown";

describe("core/unknown", () => {
    it("matches the engine's unknown sentinel from @pulumi/pulumi", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const rpc = require("@pulumi/pulumi/runtime/rpc") as { unknownValue: string };
        expect(UNKNOWN).to.equal(rpc.unknownValue);
    });
    it("finds unknowns at top level and nested", () => {
        expect(isUnknown(UNKNOWN)).to.equal(true);
        expect(containsUnknown({ a: [{ b: UNKNOWN }] })).to.equal(true);
        expect(containsUnknown({ a: [{ b: "x" }] })).to.equal(false);
    });
    it("treats null, undefined and unknown as not known", () => {
        expect(isKnown(undefined)).to.equal(false);
        expect(isKnown(null)).to.equal(false);
        expect(isKnown(UNKNOWN)).to.equal(false);
        expect(isKnown({ k: UNKNOWN })).to.equal(false);
        expect(isKnown("")).to.equal(true);
    });
});
