import { expect } from "chai";
import { sanitize, sanitizeOutputs } from "../../../provider/core/outputs";

describe("core/outputs", () => {
    it("drops undefined members, nulls undefined array items, converts Date, Buffer and BigInt", () => {
        const out = sanitizeOutputs({
            a: undefined,
            b: [1, undefined, "x"],
            c: new Date("2026-01-02T03:04:05Z"),
            d: Buffer.from("hi"),
            e: 10n,
            f: { g: undefined, h: NaN },
        });
        expect(out).to.deep.equal({ b: [1, null, "x"], c: "2026-01-02T03:04:05.000Z", d: "aGk=", e: "10", f: { h: null } });
    });
    it("produces values that protobuf's Struct accepts (the engine's own conversion)", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(v: object): unknown } };
        const raw = { a: undefined, b: [undefined], c: new Date(), d: Buffer.from("x") };
        expect(() => Struct.fromJavaScript(raw)).to.throw();
        expect(() => Struct.fromJavaScript(sanitizeOutputs(raw))).not.to.throw();
    });
    it("leaves plain JSON untouched", () => {
        const plain = { s: "x", n: 1, t: true, z: null, l: [{ k: "v" }] };
        expect(sanitize(plain)).to.deep.equal(plain);
    });
});
