import { expect } from "chai";
import type { Emulator } from "../../emulator";
import { startTestEmulator, tcError, tcOk, testChain, uploadParams, type TestClock } from "./support";

describe("emulator/tencent: Tag service ModifyResourceTags", () => {
    let emulator: Emulator;
    let clock: TestClock;
    let id: string;
    const tag = (action: string, params: Record<string, unknown>) => tcOk(emulator, clock, action, params, { service: "tag" });
    const tagError = (params: Record<string, unknown>) => tcError(emulator, clock, "ModifyResourceTags", params, { service: "tag" });
    const tagsOf = async () => (await tcOk(emulator, clock, "DescribeCertificateDetail", { CertificateId: id })).Tags;

    before(async () => {
        ({ emulator, clock } = await startTestEmulator());
    });
    beforeEach(async () => {
        await emulator.reset();
        id = (await tcOk(emulator, clock, "UploadCertificate", uploadParams(testChain("tags"), { Tags: [{ TagKey: "a", TagValue: "1" }, { TagKey: "b", TagValue: "2" }] })))
            .CertificateId as string;
    });
    after(() => emulator.close());

    it("replaces and deletes tags; the certificate's Tags reflect it", async () => {
        await tag("ModifyResourceTags", {
            Resource: `qcs::ssl::uin/:certificate/${id}`,
            ReplaceTags: [
                { TagKey: "a", TagValue: "10" },
                { TagKey: "c", TagValue: "3" },
            ],
            DeleteTags: [{ TagKey: "b" }],
        });
        expect(await tagsOf()).to.deep.equal([
            { TagKey: "a", TagValue: "10" },
            { TagKey: "c", TagValue: "3" },
        ]);
    });

    it("accepts a region segment and the owner uin", async () => {
        await tag("ModifyResourceTags", { Resource: `qcs::ssl:ap-guangzhou:uin/100000000001:certificate/${id}`, DeleteTags: [{ TagKey: "a" }] });
        expect(await tagsOf()).to.deep.equal([{ TagKey: "b", TagValue: "2" }]);
    });

    it("neither ReplaceTags nor DeleteTags → InvalidParameter", async () => {
        expect(await tagError({ Resource: `qcs::ssl::uin/:certificate/${id}` })).to.equal("InvalidParameter");
    });

    it("empty arrays, a key in both lists, more than 10 tags → InvalidParameterValue", async () => {
        const resource = `qcs::ssl::uin/:certificate/${id}`;
        expect(await tagError({ Resource: resource, ReplaceTags: [] })).to.equal("InvalidParameterValue");
        expect(await tagError({ Resource: resource, DeleteTags: [] })).to.equal("InvalidParameterValue");
        expect(await tagError({ Resource: resource, ReplaceTags: [{ TagKey: "a", TagValue: "x" }], DeleteTags: [{ TagKey: "a" }] })).to.equal("InvalidParameterValue");
        const eleven = Array.from({ length: 11 }, (_, i) => ({ TagKey: `k${i}`, TagValue: "v" }));
        expect(await tagError({ Resource: resource, ReplaceTags: eleven })).to.equal("InvalidParameterValue");
        expect(await tagError({ Resource: resource, ReplaceTags: [{ TagKey: "", TagValue: "v" }] })).to.equal("InvalidParameterValue");
        expect(await tagsOf(), "nothing changed").to.have.length(2);
    });

    it("a malformed resource → InvalidParameterValue; an unknown certificate → ResourceNotFound", async () => {
        expect(await tagError({ Resource: `ssl/certificate/${id}`, DeleteTags: [{ TagKey: "a" }] })).to.equal("InvalidParameterValue");
        expect(await tagError({ Resource: "qcs::ssl::uin/:certificate/missing1", DeleteTags: [{ TagKey: "a" }] })).to.equal("ResourceNotFound");
        expect(await tagError({ Resource: `qcs::clb::uin/:loadbalancer/${id}`, DeleteTags: [{ TagKey: "a" }] })).to.equal("ResourceNotFound");
    });

    it("Tag actions are signed for the tag service with version 2018-08-13", async () => {
        expect(await tcError(emulator, clock, "ModifyResourceTags", { Resource: `qcs::ssl::uin/:certificate/${id}`, DeleteTags: [{ TagKey: "a" }] })).to.equal("InvalidAction");
        expect(
            await tcError(emulator, clock, "ModifyResourceTags", { Resource: `qcs::ssl::uin/:certificate/${id}`, DeleteTags: [{ TagKey: "a" }] }, { service: "tag", version: "2019-12-05" }),
        ).to.equal("NoSuchVersion");
    });
});
