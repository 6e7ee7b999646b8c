import { expect } from "chai";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { startEmulator } from "../../../emulator";
import { providers } from "../../../provider";
import { defineProvider } from "../../../provider/core/resource/provider";
import { scloudSslDefinition, type ScloudSslInputs } from "../../../provider/scloud/sslProvider";
import { SCLOUD_TEST_PROJECT, SCLOUD_TEST_REGION, useEmulator, withEnv } from "../../support/emulator";
import { pemFragments, testChain, testKeys } from "../../support/pki";

type Bag = Record<string, unknown>;
type StoredSsl = { SSLId: string; SSLName: string; SSLSource: number; Region: string; ProjectId: string; BindedTargetSet: unknown[] };

const provider = providers.ScloudSsl as dynamic.ResourceProvider;

function expectNoKeyMaterial(text: string, ...pems: string[]): void {
    for (const pem of pems) for (const fragment of pemFragments(pem)) expect(text).not.to.contain(fragment);
}

describe("scloud/ssl: ScloudSsl against the emulator", () => {
    const env = useEmulator();
    const chain = testChain("ssl.example.com");
    const key = chain.leaf.privateKeyPem;

    async function check(news: Bag, olds: Bag = {}): Promise<dynamic.CheckResult> {
        return provider.check!(olds, { __cloudcertsName: "web", ...news });
    }

    async function checked(news: Bag, olds: Bag = {}): Promise<Bag> {
        const res = await check(news, olds);
        expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
        return res.inputs as Bag;
    }

    async function stored(): Promise<StoredSsl[]> {
        return (await env.admin<{ scloud: { ssls: StoredSsl[] } }>("GET", "/_emulator/inventory")).scloud.ssls;
    }

    describe("check", () => {
        /** Each bad input is refused naming its property (in the property, or in the reason for secrets), quoting no key. */
        async function rejects(news: Bag, property: string): Promise<void> {
            const res = await check(news);
            const failures = res.failures ?? [];
            expect(failures.length, `no failure for ${property}`).to.be.greaterThan(0);
            expect(
                failures.some((f) => f.property === property || f.reason.includes(property)),
                JSON.stringify(failures),
            ).to.equal(true);
            for (const f of failures) expect(["sslContent", "privateKey"]).not.to.include(f.property);
            expectNoKeyMaterial(JSON.stringify(failures), key, testKeys().other.privateKeyPem);
        }

        it("fills region and projectId from config, auto-names, defaults sslType and expiryWarningDays", async () => {
            const inputs = await checked({ userCert: chain.leaf.certificatePem, privateKey: key, caCert: chain.caChainPem });
            expect(inputs).to.include({ region: SCLOUD_TEST_REGION, projectId: SCLOUD_TEST_PROJECT, sslType: "Pem", expiryWarningDays: 30 });
            expect(inputs.sslName).to.match(/^web-[0-9a-f]{8}$/);
        });

        it("rejects a missing source, two sources, and incomplete separate fields", async () => {
            await rejects({}, "sslContent");
            await rejects({ usslId: "usecure_ussl-1", userCert: chain.leaf.certificatePem, privateKey: key }, "usslId");
            await rejects({ sslContent: `${chain.leaf.certificatePem}\n${key}`, usslId: "usecure_ussl-1" }, "usslId");
            await rejects({ userCert: chain.leaf.certificatePem }, "privateKey");
            await rejects({ privateKey: key, caCert: chain.caChainPem }, "userCert");
        });

        it("rejects a key that does not match, CA certificates out of order, and bad PEM in the separate fields", async () => {
            await rejects({ userCert: chain.leaf.certificatePem, privateKey: testKeys().other.privateKeyPem, caCert: chain.caChainPem }, "privateKey");
            const reversed = `${chain.root!.certificatePem}\n${chain.intermediate!.certificatePem}`;
            await rejects({ userCert: chain.leaf.certificatePem, privateKey: key, caCert: reversed }, "caCert");
            await rejects({ userCert: "not a certificate", privateKey: key }, "userCert");
        });

        it("rejects a bundle without a certificate, with no key or two keys, with a wrong key, or out of order", async () => {
            await rejects({ sslContent: key }, "sslContent");
            await rejects({ sslContent: chain.fullChainPem }, "sslContent");
            await rejects({ sslContent: `${chain.leaf.certificatePem}\n${key}\n${testKeys().other.privateKeyPem}` }, "sslContent");
            await rejects({ sslContent: `${chain.leaf.certificatePem}\n${testKeys().other.privateKeyPem}\n${chain.caChainPem}` }, "sslContent");
            await rejects({ sslContent: `${key}\n${chain.leaf.certificatePem}\n${chain.root!.certificatePem}\n${chain.intermediate!.certificatePem}` }, "sslContent");
            await rejects({ sslContent: "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----" }, "sslContent");
        });

        it("accepts a bundle in the console's order (key first) and in DescribeSSL's (certificate, key, CA)", async () => {
            await checked({ sslContent: `${key}\n${chain.leaf.certificatePem}\n${chain.caChainPem}` });
            await checked({ sslContent: `${chain.leaf.certificatePem}\n${key}\n${chain.caChainPem}` });
        });

        it("rejects bad names, types, USSL ids and warning days", async () => {
            const valid = { userCert: chain.leaf.certificatePem, privateKey: key };
            await rejects({ ...valid, sslName: "n".repeat(51) }, "sslName");
            await rejects({ ...valid, sslName: "has space" }, "sslName");
            await rejects({ ...valid, sslName: "" }, "sslName");
            await checked({ ...valid, sslName: "证书-web_1.example" });
            await rejects({ ...valid, sslType: "Der" }, "sslType");
            await rejects({ usslId: "bad id!" }, "usslId");
            await rejects({ ...valid, expiryWarningDays: -1 }, "expiryWarningDays");
        });

        it("requires region and projectId when neither the resource nor config gives them", async () => {
            const unset = withEnv({ SCLOUD_REGION: undefined, SCLOUD_PROJECT_ID: undefined });
            try {
                await rejects({ userCert: chain.leaf.certificatePem, privateKey: key }, "region");
                await rejects({ userCert: chain.leaf.certificatePem, privateKey: key, region: "sg" }, "projectId");
                await checked({ userCert: chain.leaf.certificatePem, privateKey: key, region: "sg", projectId: "org-1" });
                await rejects({ userCert: chain.leaf.certificatePem, privateKey: key, region: "Not A Region", projectId: "org-1" }, "region");
            } finally {
                unset.restore();
            }
        });

        it("a changed name updates in place; a changed source, region or project replaces", async () => {
            const inputs = await checked({ userCert: chain.leaf.certificatePem, privateKey: key, caCert: chain.caChainPem });
            const outs = { ...inputs, sslId: "ssl-x" };
            expect(await provider.diff!("ssl-x", outs, { ...inputs, sslName: "other" })).to.include({ changes: true }).and.deep.include({ replaces: [] });
            for (const change of [{ region: "hk" }, { projectId: "org-2" }, { caCert: undefined }, { userCert: testChain("ssl.example.com").leaf.certificatePem }]) {
                const diff = await provider.diff!("ssl-x", outs, { ...inputs, ...change });
                expect(diff.replaces, JSON.stringify(change)).to.deep.equal(Object.keys(change));
                expect(diff.deleteBeforeReplace).to.equal(false);
            }
        });
    });

    describe("lifecycle", () => {
        async function lifecycle(news: Bag, expectations: { sslSource: number }): Promise<void> {
            const inputs = await checked(news);
            const created = await provider.create(inputs);
            const outs = created.outs as Bag;
            expect(created.id).to.match(/^ssl-/);
            expect(outs).to.include({ sslId: created.id, sslName: inputs.sslName, domains: "ssl.example.com", sslSource: expectations.sslSource, region: SCLOUD_TEST_REGION });
            expect(outs.createTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            expect(outs.hashValue).to.match(/^[0-9a-f]{32}$/);
            expect(outs.notAfter).to.equal(chain.leaf.notAfter.toISOString().replace(/\.\d{3}Z$/, "Z"));
            expect(outs.boundListeners).to.deep.equal([]);
            // The key SCloud hands back in SSLContent is never kept: only the inputs' own secrets are in state.
            const secretInputs = new Set(["sslContent", "privateKey"]);
            const nonSecret = Object.fromEntries(Object.entries(outs).filter(([k]) => !secretInputs.has(k)));
            expectNoKeyMaterial(JSON.stringify(nonSecret), key);
            expect(outs).not.to.have.property("SSLContent");

            const read = await provider.read!(created.id, created.outs);
            expect(read.id).to.equal(created.id);
            expect((await provider.diff!(created.id, read.props, inputs)).changes).to.equal(false);

            const renamed = await checked({ ...news, sslName: "renamed-ssl" }, inputs);
            const diff = await provider.diff!(created.id, read.props, renamed);
            expect(diff.replaces).to.deep.equal([]);
            const updated = await provider.update!(created.id, read.props, renamed);
            expect(updated.outs).to.include({ sslName: "renamed-ssl", sslId: created.id });
            expect((await stored()).map((s) => [s.SSLId, s.SSLName])).to.deep.equal([[created.id, "renamed-ssl"]]);

            await provider.delete!(created.id, updated.outs);
            expect(await stored()).to.deep.equal([]);
            expect((await provider.read!(created.id, updated.outs)).id ?? "").to.equal("");
            // Deleting what is gone succeeds.
            await provider.delete!(created.id, updated.outs);
        }

        it("userCert + privateKey + caCert: create → read → rename → delete", async () => {
            await lifecycle({ userCert: chain.leaf.certificatePem, privateKey: key, caCert: chain.caChainPem }, { sslSource: 0 });
        });

        it("sslContent (key first): create → read → rename → delete", async () => {
            await lifecycle({ sslContent: `${key}\n${chain.leaf.certificatePem}\n${chain.caChainPem}` }, { sslSource: 0 });
        });

        it("usslId: create → read → rename → delete", async () => {
            const { USSLId } = await env.admin<{ USSLId: string }>("POST", "/_emulator/scloud/ussl", { UserCert: chain.leaf.certificatePem, PrivateKey: key, CaCert: chain.caChainPem });
            await lifecycle({ usslId: USSLId }, { sslSource: 1 });
        });

        it("reads an existing certificate by id alone (the get path), without its key", async () => {
            const created = await provider.create(await checked({ userCert: chain.leaf.certificatePem, privateKey: key, caCert: chain.caChainPem, sslName: "adopt-me" }));
            const read = await provider.read!(created.id, {});
            expect(read.props).to.include({ sslId: created.id, sslName: "adopt-me", region: SCLOUD_TEST_REGION, projectId: SCLOUD_TEST_PROJECT });
            expect(read.props!.privateKey).to.equal(undefined);
            expectNoKeyMaterial(JSON.stringify(read.props), key);
            await provider.delete!(created.id, created.outs);
        });

        it("refuses to delete a bound certificate, naming its load balancers and listeners and what to do", async () => {
            const created = await provider.create(await checked({ userCert: chain.leaf.certificatePem, privateKey: key, caCert: chain.caChainPem }));
            await env.admin("POST", "/_emulator/scloud/bindings", { SSLId: created.id, ULBId: "ulb-web1", ULBName: "web-lb", VServerId: "vserver-443", VServerName: "https" });
            await env.admin("POST", "/_emulator/scloud/bindings", { SSLId: created.id, ULBId: "ulb-api1", VServerId: "vserver-8443" });
            const read = await provider.read!(created.id, created.outs);
            expect(read.props!.boundListeners).to.deep.equal([
                { loadBalancerId: "ulb-web1", loadBalancerName: "web-lb", listenerId: "vserver-443", listenerName: "https" },
                { loadBalancerId: "ulb-api1", loadBalancerName: "ulb-api1", listenerId: "vserver-8443", listenerName: "vserver-8443" },
            ]);
            const err = (await provider.delete!(created.id, read.props!).catch((e: unknown) => e)) as Error;
            expect(err).to.be.instanceOf(Error);
            expect(err.message).to.contain(`ScloudSsl ${created.id}`);
            expect(err.message).to.contain("listener https (vserver-443) of load balancer web-lb (ulb-web1)");
            expect(err.message).to.contain("listener vserver-8443 of load balancer ulb-api1");
            expect(err.message).to.match(/UpdateSSLBinding/);
            expect(err.message).to.match(/UnbindSSL/);
            expectNoKeyMaterial(err.message, key);
            expect(await stored()).to.have.length(1);
            await env.admin("DELETE", "/_emulator/scloud/bindings", { SSLId: created.id });
            await provider.delete!(created.id, read.props!);
            expect(await stored()).to.deep.equal([]);
        });

        it("creates many at once with one listing of the region's certificates, not one per create", async () => {
            // Under the engine a listing per create, paced at 5 a second, held the engine's workers.
            const creates = 6;
            const inputs = await Promise.all(Array.from({ length: creates }, (_, i) => checked({ userCert: chain.leaf.certificatePem, privateKey: key, sslName: `bulk-${i}` })));
            const created = await Promise.all(inputs.map((i) => provider.create(i)));
            const { byAction } = await env.admin<{ byAction: Record<string, number> }>("GET", "/_emulator/requests");
            // One listing, and each create's read of what it made.
            expect(byAction["scloud/DescribeSSL"]).to.equal(1 + creates);
            expect(byAction["scloud/CreateSSL"]).to.equal(creates);
            expect((await stored()).map((s) => s.SSLId).sort()).to.deep.equal(created.map((c) => c.id).sort());
            for (const c of created) await provider.delete!(c.id, c.outs);
        });

        it("retries throttling (RetCode 153) without creating twice", async () => {
            await env.admin("POST", "/_emulator/faults", { vendor: "scloud", action: "CreateSSL", kind: "throttle", count: 2 });
            const created = await provider.create(await checked({ userCert: chain.leaf.certificatePem, privateKey: key }));
            expect((await stored()).map((s) => s.SSLId)).to.deep.equal([created.id]);
            expect(await env.faultsFired("CreateSSL")).to.equal(2);
        });

        for (const fault of [
            { kind: "http", status: 502, when: "after" },
            { kind: "reset", when: "after" },
            { kind: "malformed", when: "after" },
            // ("reset before" is in the lag section: ruling a lost create out waits the whole lag.)
        ]) {
            it(`recovers from ${fault.kind} ${fault.status ?? ""} ${fault.when} CreateSSL with exactly one certificate`, async () => {
                await env.admin("POST", "/_emulator/faults", { vendor: "scloud", action: "CreateSSL", count: 1, ...fault });
                const created = await provider.create(await checked({ userCert: chain.leaf.certificatePem, privateKey: key }));
                expect((await stored()).map((s) => s.SSLId)).to.deep.equal([created.id]);
                expect(await env.faultsFired("CreateSSL")).to.equal(1);
            });
        }
    });

    describe("DescribeSSL lag", () => {
        /** An emulator whose clock moves only when the provider sleeps: the lag is waited out without wall-clock time. */
        async function laggedEmulator(lagMs: number) {
            let now = Date.now();
            const emulator = await startEmulator({ now: () => new Date(now), scloudDescribeLagMs: lagMs, rateLimits: false });
            const endpoint = withEnv({ CLOUDCERTS_SCLOUD_ENDPOINT: emulator.endpoints.scloud });
            const slept: number[] = [];
            const lagged = defineProvider(scloudSslDefinition, {
                sleep: async (ms) => {
                    slept.push(ms);
                    now += ms;
                },
            });
            return {
                emulator,
                provider: lagged,
                slept,
                async close() {
                    endpoint.restore();
                    await emulator.close();
                },
            };
        }

        it("waits for a new certificate to appear rather than reporting it gone", async () => {
            const lagged = await laggedEmulator(10_000);
            try {
                const inputs = (await lagged.provider.check({} as ScloudSslInputs, { userCert: chain.leaf.certificatePem, privateKey: key } as ScloudSslInputs)).inputs;
                const created = await lagged.provider.create(inputs!);
                expect(created.outs!.sslId).to.equal(created.id);
                expect(lagged.slept.reduce((a, b) => a + b, 0)).to.be.at.least(10_000);
                expect(lagged.emulator.inventory().scloud.ssls).to.have.length(1);
            } finally {
                await lagged.close();
            }
        });

        it("finds a create whose reply was lost although DescribeSSL does not show it yet, and never creates twice", async () => {
            const lagged = await laggedEmulator(5_000);
            try {
                lagged.emulator.setFaults([{ vendor: "scloud", action: "CreateSSL", kind: "http", status: 502, when: "after" }]);
                const inputs = (await lagged.provider.check({} as ScloudSslInputs, { userCert: chain.leaf.certificatePem, privateKey: key } as ScloudSslInputs)).inputs;
                const created = await lagged.provider.create(inputs!);
                const ssls = lagged.emulator.inventory().scloud.ssls as StoredSsl[];
                expect(ssls.map((s) => s.SSLId)).to.deep.equal([created.id]);
                expect(lagged.emulator.faults()[0]!.fired).to.equal(1);
            } finally {
                await lagged.close();
            }
        });

        it("creates again only after looking for the whole lag when the lost create was never carried out", async () => {
            const lagged = await laggedEmulator(5_000);
            try {
                lagged.emulator.setFaults([{ vendor: "scloud", action: "CreateSSL", kind: "reset", when: "before" }]);
                const inputs = (await lagged.provider.check({} as ScloudSslInputs, { userCert: chain.leaf.certificatePem, privateKey: key } as ScloudSslInputs)).inputs;
                const created = await lagged.provider.create(inputs!);
                expect((lagged.emulator.inventory().scloud.ssls as StoredSsl[]).map((s) => s.SSLId)).to.deep.equal([created.id]);
                expect(lagged.emulator.faults()[0]!.fired).to.equal(1);
                // The search allowed for the provider's whole visibility lag before concluding nothing was made.
                expect(lagged.slept.reduce((a, b) => a + b, 0)).to.be.at.least(scloudSslDefinition.visibilityLagMs!);
            } finally {
                await lagged.close();
            }
        });
    });
});
