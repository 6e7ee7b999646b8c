import { expect } from "chai";
import { toSubjectAltNames } from "../../../../provider/core/pem/subjectAltNames";

describe("core/pem toSubjectAltNames", () => {
    it("should keep DNS names and IPs, in order, and drop other kinds", () => {
        const sans = toSubjectAltNames([{ dns: "a.example.com" }, { rfc822: "x@example.com" }, { ip: "10.0.0.1" }, { uri: "https://x" }, { dns: "b.example.com" }, null, "junk"]);
        expect(sans).to.deep.equal({ all: ["a.example.com", "10.0.0.1", "b.example.com"], dns: ["a.example.com", "b.example.com"], ip: ["10.0.0.1"] });
    });

    it("should treat a missing extension as no names", () => {
        expect(toSubjectAltNames(undefined)).to.deep.equal({ all: [], dns: [], ip: [] });
    });
});
