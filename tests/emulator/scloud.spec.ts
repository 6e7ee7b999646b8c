import { expect } from "chai";
import { signScloudParams, type ScloudParams } from "../../provider/scloud/sign";
import type { Emulator } from "../../emulator";
import { adminFetch, startTestEmulator, testChain, type TestClock } from "./support";

type Envelope = Record<string, unknown> & { RetCode: number; Action?: string; Message?: string };

interface CallOptions {
    readonly privateKey?: string;
    readonly publicKey?: string;
    readonly form?: boolean;
    /** Changes the signed params before they are sent (tampering tests). */
    readonly tamper?: (params: Record<string, unknown>) => Record<string, unknown>;
}

const REGION = { Region: "cn-sg", ProjectId: "org-test" };

/** One UAPI call, signed with the emulator's SCloud credentials as a client would. */
async function call(emulator: Emulator, action: string, params: ScloudParams = {}, options: CallOptions = {}): Promise<{ status: number; headers: Headers; body: Envelope }> {
    const credentials = { publicKey: options.publicKey ?? emulator.credentials.scloud.publicKey, privateKey: options.privateKey ?? emulator.credentials.scloud.privateKey };
    let signed: Record<string, unknown> = { ...signScloudParams({ ...REGION, ...params, Action: action }, credentials).params };
    if (options.tamper) signed = options.tamper(signed);
    const body = options.form ? new URLSearchParams(Object.entries(signed).map(([k, v]) => [k, String(v)])).toString() : JSON.stringify(signed);
    const response = await fetch(`${emulator.endpoints.scloud}/`, {
        method: "POST",
        headers: { "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json" },
        body,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Envelope };
}

async function ok(emulator: Emulator, action: string, params: ScloudParams = {}): Promise<Envelope> {
    const { body } = await call(emulator, action, params);
    expect(body.RetCode, `${action}: ${body.Message}`).to.equal(0);
    return body;
}

async function retCode(emulator: Emulator, action: string, params: ScloudParams = {}, options: CallOptions = {}): Promise<{ code: number; message: string }> {
    const { status, body } = await call(emulator, action, params, options);
    // Every answer, refusals included, is HTTP 200 with a RetCode (reference/scloud.md §3.7).
    expect(status).to.equal(200);
    return { code: body.RetCode, message: body.Message ?? "" };
}

type SslSet = { SSLId: string; SSLName: string; SSLContent: string; HashValue: string; Domains: string; NotBefore: number; NotAfter: number; CreateTime: number; SSLSource: number; USSLId?: string; BindedTargetSet: unknown[] };

async function describe1(emulator: Emulator, id: string): Promise<SslSet[]> {
    return (await ok(emulator, "DescribeSSL", { SSLId: id })).DataSet as SslSet[];
}

function separateParams(name = "web") {
    const chain = testChain(name);
    return { SSLName: `${name}-cert`, UserCert: chain.leaf.certificatePem, PrivateKey: chain.leaf.privateKeyPem, CaCert: chain.caChainPem };
}

describe("emulator: SCloud ULB SSL", () => {
    let emulator: Emulator;
    let clock: TestClock;

    before(async () => {
        ({ emulator, clock } = await startTestEmulator());
    });
    after(() => emulator.close());
    beforeEach(async () => {
        await emulator.reset();
        await adminFetch(emulator, "scloud/settings", { method: "POST", body: { DescribeLagMs: 0 } });
    });

    it("creates from UserCert + PrivateKey + CaCert and describes it in the RetCode envelope, with the request id header", async () => {
        const { body, headers } = await call(emulator, "CreateSSL", separateParams());
        expect(body).to.include({ Action: "CreateSSLResponse", RetCode: 0 });
        expect(body.SSLId).to.match(/^ssl-[a-z0-9]{8}$/);
        expect(headers.get("x-ucloud-request-uuid")).to.match(/^[0-9a-f-]{36}$/);
        const [set] = await describe1(emulator, body.SSLId as string);
        const chain = testChain("web");
        expect(set).to.include({ SSLId: body.SSLId, SSLName: "web-cert", SSLType: "Pem", SSLSource: 0, Domains: "web.example.com" });
        expect(set!.HashValue).to.match(/^[0-9a-f]{32}$/);
        expect(set!.NotAfter).to.equal(Math.floor(chain.leaf.notAfter.getTime() / 1000));
        expect(set!.CreateTime).to.equal(Math.floor(clock.now().getTime() / 1000));
        // As the real API does: certificate, key, CA in one string (reference §3.2).
        expect(set!.SSLContent.indexOf("CERTIFICATE")).to.be.lessThan(set!.SSLContent.indexOf("PRIVATE KEY"));
        expect(set!.BindedTargetSet).to.deep.equal([]);
    });

    it("accepts SSLContent with the key first (the console's order) and a form-urlencoded body", async () => {
        const chain = testChain("bundle");
        const sslContent = [chain.leaf.privateKeyPem, chain.leaf.certificatePem, chain.caChainPem].join("\n");
        const { body } = await call(emulator, "CreateSSL", { SSLName: "bundle", SSLContent: sslContent }, { form: true });
        expect(body.RetCode, body.Message).to.equal(0);
        const [set] = await describe1(emulator, body.SSLId as string);
        expect(set!.Domains).to.equal("bundle.example.com");
    });

    it("imports a USSL certificate registered through the admin API", async () => {
        const chain = testChain("hosted");
        const registered = await adminFetch(emulator, "scloud/ussl", { method: "POST", body: { UserCert: chain.leaf.certificatePem, PrivateKey: chain.leaf.privateKeyPem, CaCert: chain.caChainPem } });
        const usslId = (registered.json as { USSLId: string }).USSLId;
        expect(usslId).to.match(/^usecure_ussl-\d+$/);
        const created = await ok(emulator, "CreateSSL", { SSLName: "hosted", USSLId: usslId });
        const [set] = await describe1(emulator, created.SSLId as string);
        expect(set).to.include({ SSLSource: 1, USSLId: usslId, Domains: "hosted.example.com" });
        expect(await retCode(emulator, "CreateSSL", { SSLName: "x", USSLId: "usecure_ussl-999" })).to.include({ code: 4111 });
    });

    it("refuses bad signatures and unknown keys and actions with the gateway's RetCodes", async () => {
        expect((await retCode(emulator, "DescribeSSL", {}, { privateKey: "not-the-key" })).code).to.equal(171);
        expect((await retCode(emulator, "DescribeSSL", {}, { publicKey: "someone-else" })).code).to.equal(172);
        expect((await retCode(emulator, "DescribeSSL", {}, { tamper: ({ Signature: _s, ...rest }) => rest })).code).to.equal(170);
        // A parameter changed after signing: the signature no longer covers what was received.
        expect((await retCode(emulator, "DescribeSSL", { Limit: 10 }, { tamper: (p) => ({ ...p, Limit: 11 }) })).code).to.equal(171);
        expect((await retCode(emulator, "DescribeSSLV9")).code).to.equal(161);
        const wrongPath = await fetch(`${emulator.url}/scloud/other`, { method: "POST" });
        expect(wrongPath.status).to.equal(404);
    });

    it("refuses bad content (4111), long names (4114) and missing parameters (230) without quoting the key", async () => {
        const other = testChain("other");
        const mismatched = { ...separateParams(), PrivateKey: other.leaf.privateKeyPem };
        const refused = await retCode(emulator, "CreateSSL", mismatched);
        expect(refused.code).to.equal(4111);
        expect(refused.message).not.to.contain(other.leaf.privateKeyPem.split("\n")[1]!.slice(0, 20));
        const web = testChain("web");
        // Root before intermediate: not in issuing order.
        const reversed = [web.root!.certificatePem, web.intermediate!.certificatePem].join("\n");
        expect((await retCode(emulator, "CreateSSL", { ...separateParams(), CaCert: reversed })).code).to.equal(4111);
        expect((await retCode(emulator, "CreateSSL", { ...separateParams(), SSLName: "n".repeat(51) })).code).to.equal(4114);
        expect((await retCode(emulator, "CreateSSL", { ...separateParams(), SSLName: "" })).code).to.equal(230);
        expect((await retCode(emulator, "CreateSSL", { SSLName: "none" })).code).to.equal(230);
        expect((await retCode(emulator, "DescribeSSL", { Region: "" }))).to.deep.equal({ code: 230, message: "Params [Region] not available" });
        expect(emulator.inventory().scloud).to.deep.equal({ ssls: [], ussl: [] });
    });

    it("describes an unknown id as an empty DataSet, and lists per region and project", async () => {
        const created = await ok(emulator, "CreateSSL", separateParams());
        expect(await describe1(emulator, "ssl-unknown0")).to.deep.equal([]);
        const elsewhere = await ok(emulator, "DescribeSSL", { Region: "hk" });
        expect(elsewhere).to.include({ TotalCount: 0 });
        const all = await ok(emulator, "DescribeSSL", { Limit: 100 });
        expect((all.DataSet as SslSet[]).map((s) => s.SSLId)).to.deep.equal([created.SSLId]);
    });

    it("renames with UpdateSSLAttribute and deletes with DeleteSSL; an unknown id says it does not exist", async () => {
        const id = (await ok(emulator, "CreateSSL", separateParams())).SSLId as string;
        await ok(emulator, "UpdateSSLAttribute", { SSLId: id, SSLName: "renamed" });
        expect((await describe1(emulator, id))[0]!.SSLName).to.equal("renamed");
        await ok(emulator, "DeleteSSL", { SSLId: id });
        expect(await describe1(emulator, id)).to.deep.equal([]);
        const again = await retCode(emulator, "DeleteSSL", { SSLId: id });
        expect(again.code).to.equal(4079);
        expect(again.message).to.match(/not exist/);
    });

    it("refuses to delete a certificate bound through the admin API (4108) until it is unbound", async () => {
        const id = (await ok(emulator, "CreateSSL", separateParams())).SSLId as string;
        const bound = await adminFetch(emulator, "scloud/bindings", { method: "POST", body: { SSLId: id, ULBId: "ulb-1", ULBName: "web-lb", VServerId: "vserver-1", VServerName: "https" } });
        expect(bound.status).to.equal(200);
        expect((await describe1(emulator, id))[0]!.BindedTargetSet).to.deep.equal([{ ULBId: "ulb-1", ULBName: "web-lb", VServerId: "vserver-1", VServerName: "https" }]);
        const refused = await retCode(emulator, "DeleteSSL", { SSLId: id });
        expect(refused.code).to.equal(4108);
        expect(refused.message).to.contain("ulb-1/vserver-1");
        expect((await adminFetch(emulator, "scloud/bindings")).json).to.deep.equal({ bindings: [{ SSLId: id, BindedTargetSet: [{ ULBId: "ulb-1", ULBName: "web-lb", VServerId: "vserver-1", VServerName: "https" }] }] });
        await adminFetch(emulator, "scloud/bindings", { method: "DELETE", body: { SSLId: id } });
        await ok(emulator, "DeleteSSL", { SSLId: id });
    });

    it("binds with BindSSL (one certificate per listener), moves bindings with UpdateSSLBinding, unbinds with UnbindSSL", async () => {
        const a = (await ok(emulator, "CreateSSL", separateParams("web"))).SSLId as string;
        const b = (await ok(emulator, "CreateSSL", separateParams("api"))).SSLId as string;
        await ok(emulator, "BindSSL", { SSLId: a, ULBId: "ulb-1", VServerId: "vs-1" });
        expect((await retCode(emulator, "BindSSL", { SSLId: b, ULBId: "ulb-1", VServerId: "vs-1" })).code).to.equal(63072);
        await ok(emulator, "UpdateSSLBinding", { OldSSLId: a, NewSSLId: b });
        expect((await describe1(emulator, a))[0]!.BindedTargetSet).to.deep.equal([]);
        expect((await describe1(emulator, b))[0]!.BindedTargetSet).to.have.length(1);
        await ok(emulator, "DeleteSSL", { SSLId: a });
        await ok(emulator, "UnbindSSL", { SSLId: b, ULBId: "ulb-1", VServerId: "vs-1" });
        await ok(emulator, "DeleteSSL", { SSLId: b });
    });

    it("keeps a new certificate out of DescribeSSL for the configured lag, by the emulator's clock", async () => {
        await adminFetch(emulator, "scloud/settings", { method: "POST", body: { DescribeLagMs: 5000 } });
        const id = (await ok(emulator, "CreateSSL", separateParams())).SSLId as string;
        expect(await describe1(emulator, id)).to.deep.equal([]);
        clock.advanceSeconds(5);
        expect(await describe1(emulator, id)).to.have.length(1);
    });

    it("shows certificates in the inventory without private keys or SSLContent", async () => {
        const params = separateParams();
        await ok(emulator, "CreateSSL", params);
        const text = JSON.stringify(emulator.inventory().scloud);
        expect(text).not.to.contain("PRIVATE KEY");
        expect(text).not.to.contain("SSLContent");
        expect(text).to.contain("web-cert");
    });

    it("answers RetCode 153 at HTTP 200 when throttled, by the limiter and by a fault", async () => {
        const limited = await startTestEmulator({ rateLimits: true, rateLimitClock: () => 0 });
        try {
            const codes: number[] = [];
            for (let i = 0; i < 11; i++) codes.push((await retCode(limited.emulator, "DescribeSSL")).code);
            expect(codes.slice(0, 10)).to.deep.equal(Array(10).fill(0));
            expect(codes[10]).to.equal(153);
        } finally {
            await limited.emulator.close();
        }
        emulator.setFaults([{ vendor: "scloud", action: "CreateSSL", kind: "throttle" }]);
        expect((await retCode(emulator, "CreateSSL", separateParams())).code).to.equal(153);
        expect(emulator.faults()[0]!.fired).to.equal(1);
    });
});
