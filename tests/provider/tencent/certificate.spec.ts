import { expect } from "chai";
import { encryptPrivateKey } from "../../../emulator/pki";
import { PartialCreateError } from "../../../provider/core/errors";
import { acquireSlot, pacingKey, type RateSlot } from "../../../provider/core/rateLimit";
import { UNKNOWN } from "../../../provider/core/unknown";
import { callTencent } from "../../../provider/tencent/client";
import { tencentRateLimit } from "../../../provider/tencent/protocol";
import { tencentCertificateProvider as provider, type TencentCertificateInputs, type TencentCertificateOutputs } from "../../../provider/tencent/certificate";
import { useEmulator, withEnv } from "../../support/emulator";
import { pemFragments, testChain, testKeys } from "../../support/pki";

type Inventory = { tencent: { certificates: Array<{ CertificateId: string; Alias?: string }> } };

async function checked(news: Record<string, unknown>): Promise<TencentCertificateInputs> {
    const res = await provider.check({} as TencentCertificateInputs, news as unknown as TencentCertificateInputs);
    expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
    return res.inputs as TencentCertificateInputs;
}

async function failuresFor(news: Record<string, unknown>) {
    const res = await provider.check({} as TencentCertificateInputs, news as unknown as TencentCertificateInputs);
    return res.failures ?? [];
}

describe("tencent/certificate: TencentCertificate provider", function () {
    const chain = testChain("app.example.com", { sans: ["app.example.com", "api.example.com"] });
    const key = chain.leaf.privateKeyPem;

    describe("check (preview)", () => {
        it("accepts a valid bundle and normalises it, applying defaults", async () => {
            const inputs = await checked({ certificatePublicKey: `\r\n${chain.chainPem.replace(/\n/g, "\r\n")}\r\n\r\n`, certificatePrivateKey: `${key}\n` });
            expect(inputs.certificatePublicKey).to.equal(chain.chainPem.trim());
            expect(inputs.certificatePrivateKey).to.equal(key.trim());
            expect(inputs).to.include({ certificateType: "SVR", projectId: 0, repeatable: true, certificateUse: "", expiryWarningDays: 30 });
            expect(inputs.alias).to.match(/^TencentCertificate-[0-9a-f]{8}$/);
            expect(inputs.tags).to.deep.equal({});
        });

        const password = "correct horse battery";
        const cases: Array<[string, () => Record<string, unknown>, RegExp]> = [
            ["a malformed PEM", () => ({ certificatePublicKey: "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----", certificatePrivateKey: key }), /certificatePublicKey/],
            ["text that is not PEM at all", () => ({ certificatePublicKey: "hello", certificatePrivateKey: key }), /certificatePublicKey/],
            ["a key that does not match the certificate", () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: testKeys().other.privateKeyPem }), /certificatePrivateKey.*match/i],
            ["a chain out of order", () => ({ certificatePublicKey: `${chain.intermediate!.certificatePem}\n${chain.leaf.certificatePem}`, certificatePrivateKey: key }), /order|issued|chain/i],
            ["an expired certificate", () => { const c = testChain("old.example.com", { validity: "expired" }); return { certificatePublicKey: c.chainPem, certificatePrivateKey: c.leaf.privateKeyPem }; }, /expired/i],
            ["a certificate not yet valid", () => { const c = testChain("new.example.com", { validity: "notYetValid" }); return { certificatePublicKey: c.chainPem, certificatePrivateKey: c.leaf.privateKeyPem }; }, /not (yet )?valid/i],
            ["an encrypted key without its password", () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: encryptPrivateKey(key, password) }), /keyPassword/],
            ["an encrypted key with a wrong password", () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: encryptPrivateKey(key, password), keyPassword: "wrong password" }), /keyPassword|password/i],
            ["SVR without a key", () => ({ certificatePublicKey: chain.chainPem }), /certificatePrivateKey is required when certificateType is SVR/],
            ["SVR with an empty key (as unset config yields)", () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: "  " }), /certificatePrivateKey is required when certificateType is SVR/],
            ["CA type with a server certificate", () => ({ certificatePublicKey: chain.leaf.certificatePem, certificateType: "CA" }), /not a CA certificate/],
            ["an unknown certificate type", () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, certificateType: "SERVER" }), /certificateType must be one of SVR, CA/],
            ["a bad certificateUse", () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, certificateUse: "CLB;ELB" }), /certificateUse must be a comma-separated list/],
            ["a negative projectId", () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, projectId: -1 }), /projectId/],
            ["non-string tags", () => ({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { env: 3 } }), /tags\.env must be a string/],
        ];
        for (const [name, make, pattern] of cases) {
            it(`rejects ${name}, naming the property, quoting no secret`, async () => {
                const news = make();
                const failures = await failuresFor(news);
                expect(failures.length, "expected a failure").to.be.greaterThan(0);
                const text = failures.map((f) => `${f.property} ${f.reason}`).join("\n");
                expect(text).to.match(pattern);
                for (const secret of [news.certificatePrivateKey, news.keyPassword].filter((s): s is string => typeof s === "string")) {
                    expect(text).not.to.contain(secret);
                    for (const fragment of pemFragments(secret)) expect(text).not.to.contain(fragment);
                }
                expect(text).not.to.contain(password);
                // Failures about secret inputs must not let the engine print the value.
                for (const f of failures) expect(["certificatePrivateKey", "keyPassword"]).not.to.include(f.property);
            });
        }

        it("never lets the engine print certificatePublicKey when a private key was pasted into it", async () => {
            const cert = chain.leaf.certificatePem;
            const shapes = {
                "openssl pkcs12 -nodes output": `Bag Attributes\n    localKeyID: 01 02\nsubject=CN = app.example.com\n${cert}\nBag Attributes\nKey Attributes: <No Attributes>\n${key}\n`,
                "a damaged certificate, then the key": `${cert.replace(/\n([A-Za-z0-9+/]{10})/, "\n$1A")}\n${key}`,
                "certificate and key with a trailing note": `${cert}\n${key}\n# prod key`,
                "the key alone": key,
            };
            for (const [shape, value] of Object.entries(shapes)) {
                const failures = await failuresFor({ certificatePublicKey: value, certificatePrivateKey: key });
                expect(failures.length, shape).to.be.greaterThan(0);
                for (const f of failures) expect(f.property, `${shape}: ${f.reason}`).not.to.equal("certificatePublicKey");
                for (const f of failures) expect(f.reason).to.match(/certificatePublicKey|certificatePrivateKey/);
            }
        });

        it("never blocks a stack on an unchanged certificate that has expired, but refuses a new or changed one", async () => {
            const old = testChain("old.example.com", { validity: "expired" });
            const news = { certificatePublicKey: old.chainPem, certificatePrivateKey: old.leaf.privateKeyPem, alias: "old" };
            const previous = { ...news, certificateType: "SVR", projectId: 0, certificateUse: "", tags: {}, repeatable: true, expiryWarningDays: 30, __defaults: [] };
            const unchanged = await provider.check(previous as unknown as TencentCertificateInputs, { ...news, projectId: 3 } as unknown as TencentCertificateInputs);
            expect(unchanged.failures ?? []).to.deep.equal([]);
            const crlfOnly = await provider.check(previous as unknown as TencentCertificateInputs, { ...news, certificatePublicKey: old.chainPem.replace(/\n/g, "\r\n") } as unknown as TencentCertificateInputs);
            expect(crlfOnly.failures ?? [], "a different encoding is not a change").to.deep.equal([]);
            const fresh = await failuresFor(news);
            expect(fresh.map((f) => f.reason).join("\n")).to.match(/expired/);
            const other = testChain("other.example.com", { validity: "expired" });
            const changed = await provider.check(previous as unknown as TencentCertificateInputs, { ...news, certificatePublicKey: other.chainPem, certificatePrivateKey: other.leaf.privateKeyPem } as unknown as TencentCertificateInputs);
            expect((changed.failures ?? []).map((f) => f.reason).join("\n")).to.match(/expired/);
        });

        it("accepts an encrypted key with its password", async () => {
            await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: encryptPrivateKey(key, password), keyPassword: password });
        });

        it("accepts a CA certificate without a key", async () => {
            await checked({ certificatePublicKey: chain.root!.certificatePem, certificateType: "CA" });
        });

        it("skips validation of values not known at preview", async () => {
            const res = await provider.check({} as TencentCertificateInputs, { certificatePublicKey: UNKNOWN, certificatePrivateKey: UNKNOWN } as unknown as TencentCertificateInputs);
            expect(res.failures ?? []).to.deep.equal([]);
            expect(res.inputs?.certificatePublicKey).to.equal(UNKNOWN);
        });
    });

    describe("diff", () => {
        const olds = { certificatePublicKey: chain.chainPem, certificatePrivateKey: key, certificateType: "SVR", alias: "a", projectId: 0, certificateUse: "", tags: { env: "dev" }, repeatable: true } as unknown as TencentCertificateOutputs;
        it("is empty when only line endings and whitespace differ", async () => {
            const res = await provider.diff("id", olds, { ...olds, certificatePublicKey: `${chain.chainPem.replace(/\n/g, "\r\n")}\n` });
            expect(res.changes).to.equal(false);
        });
        it("updates alias, project and tags in place", async () => {
            const res = await provider.diff("id", olds, { ...olds, alias: "b", projectId: 3, tags: { env: "prod" } });
            expect(res).to.include({ changes: true });
            expect(res.replaces).to.deep.equal([]);
        });
        it("replaces on certificate, key, type, use and password, creating before deleting", async () => {
            const other = testChain("other.example.com");
            const res = await provider.diff("id", olds, { ...olds, certificatePublicKey: other.chainPem, certificateUse: "CLB" });
            expect(res.replaces).to.have.members(["certificatePublicKey", "certificateUse"]);
            expect(res.deleteBeforeReplace).to.equal(false);
        });
        it("replaces when the new certificate is not known yet", async () => {
            const res = await provider.diff("id", olds, { ...olds, certificatePublicKey: UNKNOWN });
            expect(res.replaces).to.deep.equal(["certificatePublicKey"]);
        });
        it("deletes first when only the chain changes with repeatable=false: Tencent would hand back the old copy of the leaf", async () => {
            const renewedChain = `${chain.leaf.certificatePem}\n${testChain("app.example.com").intermediate!.certificatePem}`;
            const res = await provider.diff("id", { ...olds, repeatable: false }, { ...olds, repeatable: false, certificatePublicKey: renewedChain });
            expect(res.replaces).to.deep.equal(["certificatePublicKey"]);
            expect(res.deleteBeforeReplace).to.equal(true);
            const withRepeats = await provider.diff("id", olds, { ...olds, certificatePublicKey: renewedChain });
            expect(withRepeats.deleteBeforeReplace, "repeatable=true makes a new copy: create first").to.equal(false);
        });
        it("deletes first when re-uploading the same certificate with repeatable=false would adopt the old copy", async () => {
            const res = await provider.diff("id", { ...olds, repeatable: false }, { ...olds, repeatable: false, certificateUse: "CDN" });
            expect(res.deleteBeforeReplace).to.equal(true);
        });
    });

    describe("lifecycle against the emulator", () => {
        const env = useEmulator();
        const inventory = () => env.admin<Inventory>("GET", "/_emulator/inventory").then((i) => i.tencent.certificates);

        it("check → create → read → update → read → delete", async () => {
            const inputs = await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias: "web", tags: { env: "dev", team: "edge" } });
            const created = await provider.create(inputs);
            expect(created.id).to.match(/^[A-Za-z0-9]{8}$/);
            const outs = created.outs!;
            expect(outs).to.include({ certificateId: created.id, alias: "web", domain: "app.example.com", status: 1, adopted: false });
            expect(outs.subjectAltNames).to.deep.equal(["api.example.com"]);
            expect(outs.certEndTime).to.equal(chain.leaf.notAfter.toISOString().replace(".000Z", "Z"));
            expect(outs.certBeginTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            expect(outs.fingerprint).to.not.equal("");
            expect(outs.tags).to.deep.equal({ env: "dev", team: "edge" });
            expect(Object.values(outs)).to.not.include(undefined);

            const read1 = await provider.read(created.id, outs);
            expect(read1.id).to.equal(created.id);
            expect(read1.props).to.deep.equal(outs);

            const news = await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias: "web-renamed", projectId: 7, tags: { env: "prod" } });
            const d = await provider.diff(created.id, outs, news);
            expect(d.replaces).to.deep.equal([]);
            const updated = await provider.update(created.id, outs, news);
            expect(updated.outs).to.include({ alias: "web-renamed", projectId: 7 });
            expect(updated.outs!.tags).to.deep.equal({ env: "prod" });

            const read2 = await provider.read(created.id, updated.outs);
            expect(read2.props).to.deep.equal(updated.outs);
            expect(await inventory()).to.have.length(1);

            await provider.delete(created.id, updated.outs!);
            expect(await inventory()).to.deep.equal([]);
            // A second delete, and a read, of what is gone.
            await provider.delete(created.id, updated.outs!);
            expect(await provider.read(created.id, updated.outs)).to.deep.equal({});
        });

        it("creates many at once with one listing of the existing certificates and batched reads of the new ones, not one of each per upload", async () => {
            const restore = withEnv({ CLOUDCERTS_LOG: "debug" });
            const log: string[] = [];
            const write = process.stderr.write.bind(process.stderr);
            process.stderr.write = ((chunk: string | Uint8Array) => log.push(String(chunk)) > 0) as typeof process.stderr.write;
            let created: Array<{ id: string; outs?: TencentCertificateOutputs }>;
            try {
                const inputs = await Promise.all(Array.from({ length: 12 }, (_, i) => checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias: `bulk-${i}` })));
                created = await Promise.all(inputs.map((i) => provider.create(i)));
            } finally {
                process.stderr.write = write;
                restore.restore();
            }
            const calls = (action: string) => (log.join("").match(new RegExp(`Tencent ${action} attempt \\d+: HTTP`, "g")) ?? []).length;
            expect(calls("UploadCertificate")).to.equal(12);
            // One listing before the uploads, shared, and reads after them batched: a read alone is a
            // detail, reads that piled up meanwhile one DescribeCertificates. A listing and a read per
            // upload would be 24 calls.
            expect(calls("DescribeCertificateDetail") + calls("DescribeCertificates")).to.be.at.least(3).and.below(12);
            expect(calls("DescribeCertificates"), "the listing, and at least one batch").to.be.at.least(2);
            expect(new Set(created.map((c) => c.id)).size).to.equal(12);
            // What the batched read reported is what a read of each reports.
            for (const c of created) expect((await provider.read(c.id, c.outs)).props).to.deep.equal(c.outs);
        });

        it("reads a certificate it just uploaded by DescribeCertificates when every DescribeCertificateDetail permit is taken, instead of waiting for one", async () => {
            // Under the engine creates come one at a time, so reads after uploads are mostly alone: a
            // detail each, 10 a second, behind uploads at 20. A read that waited for its permit held
            // an engine worker for up to a second. Here the detail's permits are all held by requests
            // "in flight" that never finish, so a read that took the detail path would never return.
            const detail = "DescribeCertificateDetail";
            const limit = tencentRateLimit(detail);
            const held: RateSlot[] = [];
            for (let i = 0; i < limit.perSecond; i++) held.push(await acquireSlot(pacingKey("Tencent", detail), limit));
            const restore = withEnv({ CLOUDCERTS_LOG: "debug" });
            const log: string[] = [];
            const write = process.stderr.write.bind(process.stderr);
            process.stderr.write = ((chunk: string | Uint8Array) => log.push(String(chunk)) > 0) as typeof process.stderr.write;
            let created: { id: string; outs?: TencentCertificateOutputs };
            try {
                created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias: "detail-busy" }));
            } finally {
                process.stderr.write = write;
                restore.restore();
                for (const slot of held) slot.release();
            }
            const calls = (action: string) => (log.join("").match(new RegExp(`Tencent ${action} attempt \\d+: HTTP`, "g")) ?? []).length;
            expect(calls(detail)).to.equal(0);
            expect(calls("DescribeCertificates"), "the read after the upload").to.be.at.least(1);
            // The list's answer makes the same outputs as the detail's.
            expect((await provider.read(created.id, created.outs)).props).to.deep.equal(created.outs);
        });

        it("moves more tags than ModifyResourceTags takes in one call (10 per list)", async () => {
            const tagSet = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `v${i}`]));
            const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: tagSet("old", 12) }));
            expect(created.outs!.tags).to.deep.equal(tagSet("old", 12));
            const news = await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, tags: { ...tagSet("new", 23), old0: "changed" } });
            const updated = await provider.update(created.id, created.outs!, news);
            expect(updated.outs!.tags).to.deep.equal({ ...tagSet("new", 23), old0: "changed" });
        });

        it("reads a certificate by id alone (get/import) with its real attributes", async () => {
            const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias: "imported" }));
            const read = await provider.read(created.id, undefined);
            expect(read.props).to.include({ certificateId: created.id, alias: "imported", certificateType: "SVR" });
            expect(read.props!.certificatePublicKey).to.equal(chain.chainPem.trim());
        });

        it("shows drift made behind Pulumi's back on refresh", async () => {
            const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias: "declared" }));
            await callTencent("ssl", "ModifyCertificateAlias", { CertificateId: created.id, Alias: "changed-by-hand" }, { idempotent: true });
            const read = await provider.read(created.id, created.outs);
            expect(read.props!.alias).to.equal("changed-by-hand");
            const d = await provider.diff(created.id, read.props!, created.outs!);
            expect(d.changes).to.equal(true);
        });

        it("adopts a certificate uploaded outside the stack with repeatable=false, and never deletes it", async () => {
            const byHand = await callTencent<{ CertificateId: string }>("ssl", "UploadCertificate", { CertificatePublicKey: chain.chainPem, CertificatePrivateKey: key, Alias: "by-hand" }, { idempotent: false });
            const adopted = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, repeatable: false, alias: "adopter" }));
            expect(adopted.id).to.equal(byHand.CertificateId);
            // Someone else's certificate: referenced, never renamed.
            expect(adopted.outs).to.include({ adopted: true, alias: "by-hand" });
            await provider.delete(adopted.id, adopted.outs!);
            expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([byHand.CertificateId]);
        });

        it("never adopts a certificate another resource of the stack created, so deleting one never deletes the other's", async () => {
            const first = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
            const second = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, repeatable: false }));
            expect(second.id).not.to.equal(first.id);
            expect(second.outs).to.include({ adopted: false });
            await provider.delete(second.id, second.outs!);
            expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([first.id]);
        });

        it("explains a certificate still bound to a load balancer, without deleting state", async () => {
            const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
            await env.admin("POST", "/_emulator/tencent/bindings", { CertificateId: created.id, Resource: "clb-abc123" });
            const err = (await provider.delete(created.id, created.outs!).catch((e: unknown) => e)) as Error;
            expect(err).to.be.instanceOf(Error);
            expect(err.message).to.match(/FailedOperation\.(DeleteResourceFailed|BoundResources)/);
            expect(err.message).to.match(/unbind/);
            expect(await inventory()).to.have.length(1);
        });

        it("retries throttling without uploading twice", async () => {
            await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "UploadCertificate", kind: "throttle", count: 2 });
            const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
            expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([created.id]);
            expect(await env.faultsFired("UploadCertificate")).to.equal(2);
        });

        for (const fault of [
            // A 200 whose body is not Tencent's envelope: the upload may have happened.
            { kind: "malformed", when: "after" },
            { kind: "malformed", when: "before" },
            { kind: "http", status: 500, when: "before" },
            { kind: "http", status: 502, when: "after" },
            { kind: "reset", when: "after" },
            { kind: "reset", when: "before" },
        ]) {
            it(`recovers from ${fault.kind} ${fault.status ?? ""} ${fault.when} the upload with exactly one certificate`, async () => {
                await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "UploadCertificate", count: 1, ...fault });
                const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
                expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([created.id]);
                expect(await env.faultsFired("UploadCertificate")).to.equal(1);
            });
        }

        it("uploads exactly once after four lost attempts in a row that Tencent never acted on (a read's retry budget)", async function () {
            this.timeout(60000);
            await env.admin("POST", "/_emulator/faults", [
                { vendor: "tencent", action: "UploadCertificate", kind: "http", status: 503, count: 2 },
                { vendor: "tencent", action: "UploadCertificate", kind: "reset", count: 2 },
            ]);
            const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
            expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([created.id]);
            expect(await env.faultsFired("UploadCertificate")).to.equal(4);
        });

        it("finds, rather than repeats, an upload the vendor carried out after the client timed out", async function () {
            this.timeout(60000);
            const restore = withEnv({ CLOUDCERTS_TIMEOUT_SECONDS: "1", CLOUDCERTS_LOG: "debug" });
            const log: string[] = [];
            const write = process.stderr.write.bind(process.stderr);
            process.stderr.write = ((chunk: string | Uint8Array) => log.push(String(chunk)) > 0) as typeof process.stderr.write;
            try {
                await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "UploadCertificate", kind: "latency", latencyMs: 2500, when: "after", count: 1 });
                const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
                expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([created.id]);
                expect(await env.faultsFired("UploadCertificate")).to.equal(1);
            } finally {
                process.stderr.write = write;
                restore.restore();
            }
            // The client gave up after 1 s, and the reconciliation found what the vendor had stored.
            expect(log.join("")).to.match(/UploadCertificate attempt 1: ETIMEDOUT/);
            expect(log.join("")).to.match(/UploadCertificate: the outcome was unknown; it was carried out/);
        });

        it("finds, rather than repeats, an upload Tencent held past the client timeout before carrying it out", async function () {
            this.timeout(60000);
            const restore = withEnv({ CLOUDCERTS_TIMEOUT_SECONDS: "1" });
            try {
                // The vendor starts on the upload 1.6 s after it arrived: 0.6 s after the client gave up.
                await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "UploadCertificate", kind: "latency", latencyMs: 1600, count: 1 });
                const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
                // The held request has landed by now, whatever the create did meanwhile.
                await new Promise((resolve) => setTimeout(resolve, 1600));
                expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([created.id]);
                expect(await env.faultsFired("UploadCertificate")).to.equal(1);
            } finally {
                restore.restore();
            }
        });

        it("finds, rather than repeats, an upload that the vendor carries out only after the client timed out", async function () {
            this.timeout(60000);
            const restore = withEnv({ CLOUDCERTS_TIMEOUT_SECONDS: "1" });
            try {
                // The request reaches the vendor 1.5 s after it was sent: the client gave up at 1 s.
                await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "UploadCertificate", kind: "latency", latencyMs: 1500, count: 1 });
                const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
                expect(await env.faultsFired("UploadCertificate")).to.equal(1);
                // However late the first upload landed, it is the only one, and it is the resource's.
                await new Promise((resolve) => setTimeout(resolve, 1000));
                expect((await inventory()).map((c) => c.CertificateId)).to.deep.equal([created.id]);
            } finally {
                restore.restore();
            }
        });

        it("records a half-finished create (uploaded, then unreadable) instead of orphaning it", async function () {
            this.timeout(60000);
            await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "DescribeCertificateDetail", kind: "http", status: 503, count: 100 });
            const inputs = await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias: "half" });
            const err = (await provider.create({ ...inputs, __provider: "serialized-provider-text" } as TencentCertificateInputs).catch((e: unknown) => e)) as PartialCreateError;
            expect(err).to.be.instanceOf(PartialCreateError);
            const stored = (await inventory()).map((c) => c.CertificateId);
            expect(stored).to.have.length(1);
            // The engine records id and properties as the resource's state: __provider must survive for delete.
            expect(err.id).to.equal(stored[0]);
            expect(err.properties).to.include({ certificateId: stored[0], alias: "half", __provider: "serialized-provider-text" });
            expect(err.message).to.match(/created .*, but a later step failed: .*HTTP 503/);
            await env.admin("DELETE", "/_emulator/faults");
            const updated = await provider.update(err.id, err.properties as unknown as TencentCertificateOutputs, inputs);
            expect(updated.outs).to.include({ certificateId: stored[0], status: 1, domain: "app.example.com" });
            await provider.delete(err.id, updated.outs!);
            expect(await inventory()).to.deep.equal([]);
        });

        it("keeps concurrent creates of one PEM apart when a reply is lost", async () => {
            // Two resources (a CLB and a CDN copy) upload the same PEM at once; one reply is lost.
            await env.admin("POST", "/_emulator/faults", [
                { vendor: "tencent", action: "UploadCertificate", kind: "latency", latencyMs: 200, count: 2 },
                { vendor: "tencent", action: "UploadCertificate", kind: "reset", when: "after", count: 1 },
            ]);
            const [clb, cdn] = await Promise.all(
                ["clb", "cdn"].map(async (alias) => provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key, alias }))),
            );
            expect(clb.id).to.not.equal(cdn.id);
            expect(clb.outs!.alias).to.equal("clb");
            expect(cdn.outs!.alias).to.equal("cdn");
            const stored = await inventory();
            expect(stored.map((c) => [c.CertificateId, c.Alias]).sort()).to.deep.equal([[clb.id, "clb"], [cdn.id, "cdn"]].sort());
        });

        it("retries 5xx on reads", async () => {
            const created = await provider.create(await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key }));
            await env.admin("POST", "/_emulator/faults", { vendor: "tencent", action: "DescribeCertificateDetail", kind: "http", status: 503, count: 2 });
            expect((await provider.read(created.id, created.outs)).id).to.equal(created.id);
        });

        it("reports bad credentials in one redacted line with the fix", async () => {
            const saved = process.env.TENCENTCLOUD_SECRET_KEY;
            process.env.TENCENTCLOUD_SECRET_KEY = "definitely-the-wrong-secret-key";
            try {
                const inputs = await checked({ certificatePublicKey: chain.chainPem, certificatePrivateKey: key });
                const err = (await provider.create(inputs).catch((e: unknown) => e)) as Error;
                expect(err.message).to.match(/^Tencent (DescribeCertificates|UploadCertificate) failed: AuthFailure\.SignatureFailure: .*request id .*tencentcloud:secretKey/);
                expect(err.message).not.to.contain("definitely-the-wrong-secret-key");
                for (const fragment of pemFragments(key)) expect(err.message).not.to.contain(fragment);
            } finally {
                process.env.TENCENTCLOUD_SECRET_KEY = saved;
            }
        });

        it("says how to configure credentials when there are none", async () => {
            const saved = process.env.TENCENTCLOUD_SECRET_ID;
            delete process.env.TENCENTCLOUD_SECRET_ID;
            try {
                const err = (await provider.read("abcdefgh", undefined).catch((e: unknown) => e)) as Error;
                expect(err.message).to.match(/tencentcloud:secretId.*TENCENTCLOUD_SECRET_ID/);
            } finally {
                process.env.TENCENTCLOUD_SECRET_ID = saved;
            }
        });
    });
});
