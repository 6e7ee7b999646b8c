import { expect } from "chai";
import { isoUtc, readCheckInput } from "../../../../provider/core/pem/checkInput";
import { UNKNOWN } from "../../../../provider/core/unknown";

describe("core/pem readCheckInput", () => {
    const read = (value: unknown) => readCheckInput({ property: "p", value });

    it("should treat undefined, null, empty and whitespace strings as absent", () => {
        for (const value of [undefined, null, "", " \r\n\t"]) expect(read(value)).to.deep.equal({ state: "absent" });
        expect(readCheckInput(undefined)).to.deep.equal({ state: "absent" });
    });

    it("should recognise Pulumi's unknown sentinel", () => {
        expect(read(UNKNOWN)).to.deep.equal({ state: "unknown" });
    });

    it("should flag values that are not strings, and pass strings through unchanged", () => {
        expect(read(42)).to.deep.equal({ state: "notString" });
        expect(read({ a: 1 })).to.deep.equal({ state: "notString" });
        expect(read(" x\r\n")).to.deep.equal({ state: "present", text: " x\r\n" });
    });
});

describe("core/pem isoUtc", () => {
    it("should format to the second in UTC", () => {
        expect(isoUtc(new Date("2026-06-01T12:34:56.789Z"))).to.equal("2026-06-01T12:34:56Z");
        expect(isoUtc(new Date(Date.UTC(2051, 0, 2, 3, 4, 5)))).to.equal("2051-01-02T03:04:05Z");
    });
});
