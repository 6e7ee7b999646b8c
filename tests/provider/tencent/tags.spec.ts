import { expect } from "chai";
import { isReservedTagKey, tagsFromList, tagsToList } from "../../../provider/tencent/tags";

describe("tencent/tags", () => {
    it("leaves out tags Tencent sets itself (qcs:), so they are never drift", () => {
        const listed = [
            { TagKey: "env", TagValue: "prod" },
            { TagKey: "qcs:project", TagValue: "default" },
            { TagKey: "QCS:owner", TagValue: "100000" },
        ];
        expect(tagsFromList(listed)).to.deep.equal({ env: "prod" });
        expect(isReservedTagKey("qcs:x")).to.equal(true);
        expect(isReservedTagKey("team")).to.equal(false);
    });

    it("round-trips a map through Tencent's list form", () => {
        expect(tagsFromList(tagsToList({ a: "1", b: "" }))).to.deep.equal({ a: "1", b: "" });
        expect(tagsFromList(null)).to.deep.equal({});
    });
});
