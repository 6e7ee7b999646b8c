import { expect } from "chai";
import { Store } from "../../emulator/core/store";
import type { EmulatorRequest } from "../../emulator/core/types";
import type { VendorService } from "../../emulator/core/vendorService";
import { DEFAULT_TENCENT_CREDENTIALS } from "../../emulator";
import { TENCENT_ACTIONS } from "../../emulator/tencent/actions";
import { createTencentService } from "../../emulator/tencent/index";
import { T0, testChain, uploadParams } from "./support";

/**
 * The action table drives the pipeline: `write` decides when the state file is written and
 * `perSecond` what a client must survive. Both are checked here against what the actions do and
 * what the vendor documents.
 */

function call(service: VendorService, action: string, params: unknown): Promise<Readonly<Record<string, unknown>>> {
    const request: EmulatorRequest = { method: "POST", path: "/tencent/", query: "", headers: { "content-type": "application/json" }, body: Buffer.from(JSON.stringify(params)) };
    return Promise.resolve(service.actions.get(action)!.run({ request, caller: { id: "AKID", action }, now: T0 }));
}

const CSR = { Domain: "w.example.com", Organization: "O", Department: "D", Email: "a@example.com", Province: "P", City: "C", Country: "CN", EncryptAlgo: "ECC", KeyParameter: "prime256v1" };

describe("emulator/tencent: the action table", () => {
    it("has the documented rate limits: UploadCertificate and ModifyResourceTags 20/s, everything else (all Describe*, CreateCSR) 10/s", () => {
        const limits = Object.fromEntries([...TENCENT_ACTIONS].map(([name, action]) => [name, action.perSecond]));
        for (const [name, perSecond] of Object.entries(limits)) {
            const documented = name === "UploadCertificate" || name === "ModifyResourceTags" ? 20 : 10;
            expect(perSecond, name).to.equal(documented);
        }
        expect(Object.keys(limits).filter((name) => name.startsWith("Describe"))).to.have.length(6);
    });

    it("marks as writes exactly the actions that change stored objects", async () => {
        const store = await Store.open();
        const service = createTencentService({ store, now: () => T0 }, DEFAULT_TENCENT_CREDENTIALS);
        const certificateId = (await call(service, "UploadCertificate", uploadParams(testChain("table")))).CertificateId as string;
        const csrId = (await call(service, "CreateCSR", { ...CSR, Generate: false })).Id as number;
        const deleteTask = (await call(service, "DeleteCertificate", { CertificateId: (await call(service, "UploadCertificate", uploadParams(testChain("table-2")))).CertificateId, IsCheckResource: true })).TaskId as string;

        // One successful call of every action, in an order where each still finds what it needs.
        const calls: [string, unknown][] = [
            ["DescribeCertificateDetail", { CertificateId: certificateId }],
            ["DescribeCertificate", { CertificateId: certificateId }],
            ["DescribeCertificates", {}],
            ["CheckCertificateExist", { CertificatePublicKey: testChain("table").chainPem }],
            ["DescribeDeleteCertificatesTaskResult", { TaskIds: [deleteTask] }],
            ["DescribeCSR", { CSRId: csrId }],
            ["DescribeCSRSet", {}],
            ["ModifyCertificateAlias", { CertificateId: certificateId, Alias: "renamed" }],
            ["ModifyCertificateProject", { CertificateIdList: [certificateId], ProjectId: 3 }],
            ["ModifyResourceTags", { Resource: `qcs::ssl::uin/:certificate/${certificateId}`, ReplaceTags: [{ TagKey: "k", TagValue: "v" }] }],
            ["ModifyCSR", { CSRId: csrId, Generate: false, Remark: "changed" }],
            ["BatchDeleteCSR", { CSRIds: [csrId] }],
            ["CreateCSR", { ...CSR, Generate: false }],
            ["UploadCertificate", uploadParams(testChain("table-3"))],
            ["DeleteCertificate", { CertificateId: certificateId }],
        ];
        expect(calls.map(([name]) => name).sort()).to.deep.equal([...TENCENT_ACTIONS.keys()].sort());
        for (const [name, params] of calls) {
            const before = store.changes;
            await call(service, name, params);
            expect(store.changes > before, `${name} changed the store`).to.equal(TENCENT_ACTIONS.get(name)!.write);
        }
    });
});
