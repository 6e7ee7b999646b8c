import { expect } from "chai";
import { X509Certificate, createHash } from "node:crypto";
import type { Emulator } from "../../emulator";
import { encryptPrivateKey, exportPrivateKey } from "../../emulator/pki";
import { adminFetch, startTestEmulator, tc, tcError, tcOk, testChain, uploadParams, type TestClock } from "./support";

describe("emulator/tencent: SSL certificates", () => {
    let emulator: Emulator;
    let clock: TestClock;

    before(async () => {
        ({ emulator, clock } = await startTestEmulator());
    });
    beforeEach(() => emulator.reset());
    after(() => emulator.close());

    const upload = async (params: Record<string, unknown>): Promise<string> => (await tcOk(emulator, clock, "UploadCertificate", params)).CertificateId as string;

    describe("UploadCertificate", () => {
        it("stores the certificate and DescribeCertificateDetail returns the vendor's fields", async () => {
            const chain = testChain("detail", { commonName: "www.detail.test", sans: ["www.detail.test", "api.detail.test"] });
            const response = await tcOk(emulator, clock, "UploadCertificate", uploadParams(chain, { Alias: "my-cert", ProjectId: 7, CertificateUse: "CLB", Tags: [{ TagKey: "env", TagValue: "test" }] }));
            expect(response.CertificateId).to.match(/^[A-Za-z0-9]{8}$/);
            expect(response.RepeatCertId).to.equal("");

            const detail = await tcOk(emulator, clock, "DescribeCertificateDetail", { CertificateId: response.CertificateId });
            const leafDer = new X509Certificate(chain.leaf.certificatePem).raw;
            expect(detail).to.include({
                CertificateId: response.CertificateId,
                Alias: "my-cert",
                ProjectId: "7",
                CertificateType: "SVR",
                From: "upload",
                Domain: "www.detail.test",
                Status: 1,
                CertificatePublicKey: chain.chainPem,
                CertificatePrivateKey: chain.leaf.privateKeyPem,
                // T0 is 12:00Z; the leaf runs from T0-1h to T0+90d; Tencent prints GMT+8.
                InsertTime: "2026-03-01 20:00:00",
                CertBeginTime: "2026-03-01 19:00:00",
                CertEndTime: "2026-05-30 20:00:00",
                CertFingerprint: createHash("sha1").update(leafDer).digest("hex").toUpperCase(),
                CertificateUse: "CLB",
                EncryptAlgorithm: "ECC",
            });
            expect(detail.StatusName).to.be.a("string").and.not.equal("");
            expect(detail.ProductZhName).to.be.a("string").and.not.equal("");
            expect(detail.SubjectAltName, "Detail excludes the primary domain").to.deep.equal(["api.detail.test"]);
            expect(detail.Tags).to.deep.equal([{ TagKey: "env", TagValue: "test" }]);
        });

        it("defaults: type SVR, alias empty, project 0, Repeatable true (the same certificate twice gives two IDs)", async () => {
            const chain = testChain("twice");
            const a = await upload(uploadParams(chain));
            const b = await upload(uploadParams(chain));
            expect(a).to.not.equal(b);
            const detail = await tcOk(emulator, clock, "DescribeCertificateDetail", { CertificateId: a });
            expect(detail).to.include({ CertificateType: "SVR", Alias: "", ProjectId: "0" });
        });

        it("Repeatable=false with the same certificate stored: CertificateId \"\", RepeatCertId = existing, nothing stored", async () => {
            const chain = testChain("repeat");
            const first = await upload(uploadParams(chain));
            const again = await tcOk(emulator, clock, "UploadCertificate", uploadParams(chain, { Repeatable: false }));
            expect(again).to.include({ CertificateId: "", RepeatCertId: first });
            expect((await tcOk(emulator, clock, "DescribeCertificates")).TotalCount).to.equal(1);
            const other = await tcOk(emulator, clock, "UploadCertificate", uploadParams(testChain("repeat-other"), { Repeatable: false }));
            expect(other.CertificateId).to.match(/^[A-Za-z0-9]{8}$/);
            expect(other.RepeatCertId).to.equal("");
        });

        it("accepts an encrypted private key with its KeyPassword; missing or wrong password → InvalidParameter.WithDetailReason", async () => {
            const chain = testChain("encrypted");
            const encrypted = encryptPrivateKey(chain.leaf.privateKeyPem, "s3cret");
            const id = await upload(uploadParams(chain, { CertificatePrivateKey: encrypted, KeyPassword: "s3cret" }));
            expect((await tcOk(emulator, clock, "DescribeCertificateDetail", { CertificateId: id })).CertificatePrivateKey).to.equal(encrypted);
            expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(chain, { CertificatePrivateKey: encrypted }))).to.equal("InvalidParameter.WithDetailReason");
            expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(chain, { CertificatePrivateKey: encrypted, KeyPassword: "wrong" }))).to.equal(
                "InvalidParameter.WithDetailReason",
            );
            const legacy = encryptPrivateKey(chain.leaf.privateKeyPem, "s3cret", { format: "traditional" });
            expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(chain, { CertificatePrivateKey: legacy, KeyPassword: "s3cret" }))).to.equal("");
        });

        it("accepts SEC1 and PKCS#8 keys alike", async () => {
            const chain = testChain("sec1");
            expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(chain, { CertificatePrivateKey: exportPrivateKey(chain.leaf.privateKeyPem, "sec1") }))).to.equal("");
        });

        it("uploads a CA certificate without a key", async () => {
            const chain = testChain("ca");
            const id = await upload({ CertificatePublicKey: chain.root!.certificatePem, CertificateType: "CA" });
            const detail = await tcOk(emulator, clock, "DescribeCertificateDetail", { CertificateId: id });
            expect(detail).to.include({ CertificateType: "CA", CertificatePrivateKey: null });
        });

        describe("validation like the vendor", () => {
            it("unparseable certificate → FailedOperation.CertificateParseError", async () => {
                const key = testChain("parse").leaf.privateKeyPem;
                expect(await tcError(emulator, clock, "UploadCertificate", { CertificatePublicKey: "not a certificate", CertificatePrivateKey: key })).to.equal(
                    "FailedOperation.CertificateParseError",
                );
                const broken = "-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----";
                expect(await tcError(emulator, clock, "UploadCertificate", { CertificatePublicKey: broken, CertificatePrivateKey: key })).to.equal(
                    "FailedOperation.CertificateParseError",
                );
            });
            it("SVR without a private key → FailedOperation.InvalidParam", async () => {
                expect(await tcError(emulator, clock, "UploadCertificate", { CertificatePublicKey: testChain("nokey").chainPem })).to.equal("FailedOperation.InvalidParam");
            });
            it("a key that does not belong to the certificate → FailedOperation.CertificateMismatch", async () => {
                const params = uploadParams(testChain("mismatch-a"), { CertificatePrivateKey: testChain("mismatch-b").leaf.privateKeyPem });
                expect(await tcError(emulator, clock, "UploadCertificate", params)).to.equal("FailedOperation.CertificateMismatch");
            });
            it("a private key that cannot be parsed → FailedOperation.CertificateParseError", async () => {
                const params = uploadParams(testChain("badkey"), { CertificatePrivateKey: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" });
                expect(await tcError(emulator, clock, "UploadCertificate", params)).to.equal("FailedOperation.CertificateParseError");
            });
            it("a type other than SVR or CA → FailedOperation.InvalidParam", async () => {
                expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(testChain("type"), { CertificateType: "CLIENT" }))).to.equal("FailedOperation.InvalidParam");
            });
            it("a chain out of order → FailedOperation.CertificateChainError", async () => {
                const chain = testChain("order");
                const reversed = `${chain.intermediate!.certificatePem}\n${chain.leaf.certificatePem}`;
                expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(chain, { CertificatePublicKey: reversed }))).to.equal(
                    "FailedOperation.CertificateChainError",
                );
            });
            it("a non-CA certificate uploaded as CA → FailedOperation.CertificateCaError", async () => {
                expect(await tcError(emulator, clock, "UploadCertificate", { CertificatePublicKey: testChain("notca").leaf.certificatePem, CertificateType: "CA" })).to.equal(
                    "FailedOperation.CertificateCaError",
                );
            });
            it("ProjectId must be an integer (gateway type check) → InvalidParameter", async () => {
                expect(await tcError(emulator, clock, "UploadCertificate", uploadParams(testChain("project"), { ProjectId: "7" }))).to.equal("InvalidParameter");
            });
        });
    });

    describe("reads", () => {
        it("DescribeCertificate: metadata without key material, SubjectAltName includes the primary domain", async () => {
            const id = await upload(uploadParams(testChain("light", { commonName: "light.test", sans: ["light.test", "www.light.test"] })));
            const response = await tcOk(emulator, clock, "DescribeCertificate", { CertificateId: id });
            expect(response).to.include({ CertificateId: id, Domain: "light.test" });
            expect(response.SubjectAltName).to.deep.equal(["light.test", "www.light.test"]);
            expect(response).to.not.have.property("CertificatePrivateKey");
            expect(response).to.not.have.property("CertificatePublicKey");
        });

        it("unknown ID → FailedOperation.CertificateNotFound for every single-certificate action", async () => {
            for (const action of ["DescribeCertificateDetail", "DescribeCertificate", "ModifyCertificateAlias", "DeleteCertificate"]) {
                expect(await tcError(emulator, clock, action, { CertificateId: "nope1234" }), action).to.equal("FailedOperation.CertificateNotFound");
            }
        });

        it("status 3 (expired) once the injected clock passes the end date", async () => {
            const id = await upload(uploadParams(testChain("expiring")));
            const saved = clock.current;
            try {
                clock.set(new Date("2026-06-15T00:00:00Z"));
                expect(await tcOk(emulator, clock, "DescribeCertificateDetail", { CertificateId: id })).to.include({ Status: 3 });
            } finally {
                clock.set(saved);
            }
        });

        it("DescribeCertificates: newest first, Offset/Limit, SearchKey on id/alias/domain, CertIds, FilterSource", async () => {
            const a = await upload(uploadParams(testChain("alpha", { commonName: "alpha.test" }), { Alias: "first" }));
            const b = await upload(uploadParams(testChain("beta", { commonName: "beta.test" }), { Alias: "second", ProjectId: 3 }));
            const c = await upload(uploadParams(testChain("gamma", { commonName: "gamma.test" }), { Alias: "third", Tags: [{ TagKey: "t", TagValue: "1" }] }));
            const ids = (r: Record<string, unknown>) => (r.Certificates as { CertificateId: string }[]).map((x) => x.CertificateId);

            const all = await tcOk(emulator, clock, "DescribeCertificates");
            expect(all.TotalCount).to.equal(3);
            expect(ids(all)).to.deep.equal([c, b, a]);
            expect(ids(await tcOk(emulator, clock, "DescribeCertificates", { Offset: 1, Limit: 1 }))).to.deep.equal([b]);
            expect(ids(await tcOk(emulator, clock, "DescribeCertificates", { SearchKey: "BETA" }))).to.deep.equal([b]);
            expect(ids(await tcOk(emulator, clock, "DescribeCertificates", { SearchKey: "thir" }))).to.deep.equal([c]);
            expect(ids(await tcOk(emulator, clock, "DescribeCertificates", { SearchKey: a }))).to.deep.equal([a]);
            expect(ids(await tcOk(emulator, clock, "DescribeCertificates", { CertIds: [a, c] }))).to.deep.equal([c, a]);
            expect(ids(await tcOk(emulator, clock, "DescribeCertificates", { ProjectId: 3 }))).to.deep.equal([b]);
            expect(ids(await tcOk(emulator, clock, "DescribeCertificates", { Tags: [{ TagKey: "t", TagValue: "1" }] }))).to.deep.equal([c]);
            expect((await tcOk(emulator, clock, "DescribeCertificates", { FilterSource: "upload" })).TotalCount).to.equal(3);
            expect((await tcOk(emulator, clock, "DescribeCertificates", { FilterSource: "buy" })).TotalCount).to.equal(0);
            const item = (all.Certificates as Record<string, unknown>[])[0];
            expect(item).to.include({ ProjectId: "0", Alias: "third", Domain: "gamma.test" });
            expect(item).to.not.have.property("CertificatePrivateKey");
            expect(await tcError(emulator, clock, "DescribeCertificates", { Limit: 1001 })).to.equal("InvalidParameterValue");
        });

        it("CheckCertificateExist: RepeatCertId of a stored certificate, \"\" otherwise", async () => {
            const chain = testChain("exists");
            expect((await tcOk(emulator, clock, "CheckCertificateExist", { CertificatePublicKey: chain.chainPem })).RepeatCertId).to.equal("");
            const id = await upload(uploadParams(chain));
            expect((await tcOk(emulator, clock, "CheckCertificateExist", { CertificatePublicKey: chain.chainPem })).RepeatCertId).to.equal(id);
            expect(await tcError(emulator, clock, "CheckCertificateExist", { CertificatePublicKey: "junk" })).to.equal("FailedOperation.CertificateParseError");
        });
    });

    describe("updates", () => {
        it("ModifyCertificateAlias renames", async () => {
            const id = await upload(uploadParams(testChain("rename"), { Alias: "old" }));
            expect(await tcOk(emulator, clock, "ModifyCertificateAlias", { CertificateId: id, Alias: "new" })).to.include({ CertificateId: id });
            expect(await tcOk(emulator, clock, "DescribeCertificateDetail", { CertificateId: id })).to.include({ Alias: "new" });
        });

        it("ModifyCertificateProject moves what exists and lists the rest in FailCertificates", async () => {
            const id = await upload(uploadParams(testChain("project-move")));
            const response = await tcOk(emulator, clock, "ModifyCertificateProject", { CertificateIdList: [id, "missing1"], ProjectId: 42 });
            expect(response.SuccessCertificates).to.deep.equal([id]);
            expect(response.FailCertificates).to.deep.equal(["missing1"]);
            expect(await tcOk(emulator, clock, "DescribeCertificateDetail", { CertificateId: id })).to.include({ ProjectId: "42" });
            expect(await tcError(emulator, clock, "ModifyCertificateProject", { CertificateIdList: [], ProjectId: 1 })).to.equal("FailedOperation.InvalidParam");
            expect(await tcError(emulator, clock, "ModifyCertificateProject", { CertificateIdList: [id] })).to.equal("MissingParameter");
        });
    });

    describe("DeleteCertificate", () => {
        it("deletes synchronously; the certificate is then not found", async () => {
            const id = await upload(uploadParams(testChain("delete")));
            expect(await tcOk(emulator, clock, "DeleteCertificate", { CertificateId: id })).to.include({ DeleteResult: true });
            expect(await tcError(emulator, clock, "DescribeCertificateDetail", { CertificateId: id })).to.equal("FailedOperation.CertificateNotFound");
            expect(await tcError(emulator, clock, "DeleteCertificate", { CertificateId: id })).to.equal("FailedOperation.CertificateNotFound");
        });

        it("refuses a certificate bound to a load balancer with FailedOperation.DeleteResourceFailed until it is unbound", async () => {
            const id = await upload(uploadParams(testChain("bound")));
            const bind = await adminFetch(emulator, "tencent/bindings", { method: "POST", body: { CertificateId: id, Resource: "clb:lb-12345678" } });
            expect(bind.status).to.equal(200);
            const refused = await tc(emulator, clock, "DeleteCertificate", { CertificateId: id });
            expect(refused.Error?.Code).to.equal("FailedOperation.DeleteResourceFailed");
            expect(refused.Error?.Message).to.equal("The certificate is associated with a Tencent Cloud resource and cannot be deleted.");
            expect(await tcError(emulator, clock, "DescribeCertificateDetail", { CertificateId: id })).to.equal("");

            expect((await adminFetch(emulator, "tencent/bindings", { method: "DELETE", body: { CertificateId: id, Resource: "clb:lb-12345678" } })).status).to.equal(200);
            expect(await tcOk(emulator, clock, "DeleteCertificate", { CertificateId: id })).to.include({ DeleteResult: true });
        });

        it("IsCheckResource=true is asynchronous: DeleteResult false plus a TaskId to poll", async () => {
            const free = await upload(uploadParams(testChain("async-free")));
            const bound = await upload(uploadParams(testChain("async-bound")));
            await adminFetch(emulator, "tencent/bindings", { method: "POST", body: { CertificateId: bound, Resource: "cdn:www.example.com" } });
            const a = await tcOk(emulator, clock, "DeleteCertificate", { CertificateId: free, IsCheckResource: true });
            const b = await tcOk(emulator, clock, "DeleteCertificate", { CertificateId: bound, IsCheckResource: true });
            expect(a.DeleteResult).to.equal(false);
            expect(a.TaskId).to.be.a("string");
            const result = await tcOk(emulator, clock, "DescribeDeleteCertificatesTaskResult", { TaskIds: [a.TaskId, b.TaskId] });
            const statuses = (result.DeleteTaskResult as { CertId: string; Status: number }[]).map((t) => [t.CertId, t.Status]);
            expect(statuses).to.deep.equal([
                [free, 1],
                [bound, 4],
            ]);
            expect(await tcError(emulator, clock, "DescribeCertificateDetail", { CertificateId: free })).to.equal("FailedOperation.CertificateNotFound");
            expect(await tcError(emulator, clock, "DescribeCertificateDetail", { CertificateId: bound })).to.equal("");
        });
    });
});
