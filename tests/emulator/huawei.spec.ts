import { expect } from "chai";
import { encryptPrivateKey, generateKey, makeCertificateChain, type Emulator } from "../../emulator";
import { signAkSk, sdkDate } from "../../provider/huawei/sign";
import { startTestEmulator, type TestClock } from "./support";
import { testChain } from "../support/pki";

const PROJECT = "0123456789abcdef0123456789abcdef";

interface HwReply {
    status: number;
    headers: Headers;
    json: Record<string, unknown> & { error_code?: string; error_msg?: string };
}

interface HwCallOptions {
    readonly query?: Record<string, string>;
    readonly signAt?: Date;
    readonly secretKey?: string;
    readonly token?: string;
    readonly tamper?: (headers: Record<string, string>, body: string) => { headers: Record<string, string>; body: string };
    readonly project?: string;
}

/** An APIG call signed as the provider signs it (host with port, path under /huawei, X-Project-Id). */
async function hw(emulator: Emulator, clock: TestClock, method: string, sub: string, body?: unknown, options: HwCallOptions = {}): Promise<HwReply> {
    const base = new URL(emulator.endpoints.huawei);
    const project = options.project ?? PROJECT;
    const path = `${base.pathname}/v2/${project}/apigw/certificates${sub}`;
    const query = Object.entries(options.query ?? {});
    const text = body === undefined ? "" : JSON.stringify(body);
    let headers: Record<string, string> = { "content-type": "application/json" };
    if (options.token !== undefined) {
        headers["x-auth-token"] = options.token;
    } else {
        const signed = signAkSk(
            { method, host: base.host, path, query, headers, body: text },
            { accessKey: emulator.credentials.huawei.accessKey, secretKey: options.secretKey ?? emulator.credentials.huawei.secretKey, projectId: project },
            { now: options.signAt ?? clock.now() },
        );
        headers = { ...headers, ...signed.headers };
    }
    let sent = text;
    if (options.tamper) ({ headers, body: sent } = options.tamper(headers, text));
    const search = query.length > 0 ? `?${new URLSearchParams(query).toString()}` : "";
    const res = await fetch(`${base.origin}${path}${search}`, { method, headers, body: sent === "" ? undefined : sent });
    const raw = await res.text();
    // Injected http faults answer plain text, not APIG's JSON.
    const json = raw.startsWith("{") ? (JSON.parse(raw) as HwReply["json"]) : {};
    return { status: res.status, headers: res.headers, json };
}

describe("emulator/huawei: APIG v2 certificates", () => {
    let emulator: Emulator;
    let clock: TestClock;
    const chain = testChain("apig.example.com", { sans: ["apig.example.com", "*.apig.example.com"], now: new Date("2026-03-01T00:00:00Z") });
    const form = (extra: Record<string, unknown> = {}) => ({ name: "cert_demo", cert_content: chain.chainPem, private_key: chain.leaf.privateKeyPem, ...extra });

    before(async () => ({ emulator, clock } = await startTestEmulator()));
    beforeEach(() => emulator.reset());
    after(() => emulator.close());

    it("creates (200), shows, lists, updates (full PUT) and deletes (204) a certificate, never returning or storing key material", async () => {
        const created = await hw(emulator, clock, "POST", "", form());
        expect(created.status, JSON.stringify(created.json)).to.equal(200);
        const id = created.json.id as string;
        expect(id).to.match(/^[0-9a-f]{32}$/);
        expect(created.json).to.include({ name: "cert_demo", type: "global", instance_id: "common", project_id: PROJECT, common_name: "apig.example.com", algorithm_type: "RSA", is_has_trusted_root_ca: false });
        expect(created.json.san).to.deep.equal(["apig.example.com", "*.apig.example.com"]);
        expect(created.json.not_after).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(created.json.signature_algorithm).to.equal("SHA256-RSA");
        expect(created.headers.get("x-request-id")).to.match(/^[0-9a-f]{32}$/);

        const shown = await hw(emulator, clock, "GET", `/${id}`);
        expect(shown.status).to.equal(200);
        expect(shown.json).to.deep.equal(created.json);

        const listed = await hw(emulator, clock, "GET", "", undefined, { query: { name: "cert", instance_id: "common", limit: "10" } });
        expect(listed.json).to.include({ size: 1, total: 1 });
        expect((listed.json.certs as Array<{ id: string }>)[0]!.id).to.equal(id);

        const renewed = testChain("apig.example.com", { sans: ["apig.example.com"], now: new Date("2026-03-01T00:00:00Z") });
        const updated = await hw(emulator, clock, "PUT", `/${id}`, { name: "cert_renamed", cert_content: renewed.chainPem, private_key: renewed.leaf.privateKeyPem });
        expect(updated.status, JSON.stringify(updated.json)).to.equal(200);
        expect(updated.json).to.include({ id, name: "cert_renamed" });
        expect(updated.json.serial_number).not.to.equal(created.json.serial_number);

        const text = JSON.stringify(emulator.inventory());
        expect(text).not.to.contain("PRIVATE KEY");
        expect(text).not.to.contain("BEGIN CERTIFICATE");

        const deleted = await hw(emulator, clock, "DELETE", `/${id}`);
        expect(deleted.status).to.equal(204);
        const gone = await hw(emulator, clock, "GET", `/${id}`);
        expect(gone.status).to.equal(404);
        expect(gone.json.error_code).to.equal("APIG.3021");
        expect((await hw(emulator, clock, "DELETE", `/${id}`)).status).to.equal(404);
    });

    it("keeps projects apart: another project's certificate is not found", async () => {
        const id = (await hw(emulator, clock, "POST", "", form())).json.id as string;
        const other = await hw(emulator, clock, "GET", `/${id}`, undefined, { project: "fedcba9876543210fedcba9876543210" });
        expect(other.status).to.equal(404);
    });

    it("answers a path with no API behind it with the gateway's APIGW.0101, not a certificate's not-found", async () => {
        const res = await fetch(`${emulator.endpoints.huawei}/v2/${PROJECT}/apigw/nothing`);
        expect(res.status).to.equal(404);
        expect(((await res.json()) as { error_code: string }).error_code).to.equal("APIGW.0101");
    });

    describe("authentication", () => {
        it("refuses a wrong secret key, a tampered body and an unsigned request with 401 APIGW.0301", async () => {
            for (const options of [
                { secretKey: "wrong-secret-key" },
                { tamper: (headers: Record<string, string>, body: string) => ({ headers, body: body.replace("cert_demo", "cert_evil") }) },
            ]) {
                const res = await hw(emulator, clock, "POST", "", form(), options);
                expect(res.status).to.equal(401);
                expect(res.json.error_code).to.equal("APIGW.0301");
            }
            const unsigned = await hw(emulator, clock, "GET", "", undefined, { tamper: (headers, body) => ({ headers: { "content-type": headers["content-type"]! }, body }) });
            expect(unsigned.status).to.equal(401);
            expect(emulator.inventory().huawei).to.deep.equal({ certificates: [] });
        });

        it("accepts X-Sdk-Date within 15 minutes either way and refuses it beyond", async () => {
            const at = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);
            expect((await hw(emulator, clock, "GET", "", undefined, { signAt: at(14) })).status).to.equal(200);
            expect((await hw(emulator, clock, "GET", "", undefined, { signAt: at(-14) })).status).to.equal(200);
            const late = await hw(emulator, clock, "GET", "", undefined, { signAt: at(16) });
            expect(late.status).to.equal(401);
            expect(late.json.error_msg).to.match(/x-sdk-date expired/);
            expect(sdkDate(at(0))).to.match(/^\d{8}T\d{6}Z$/);
        });

        it("accepts an X-Auth-Token it issued and refuses any other", async () => {
            const issued = await fetch(`${emulator.url}/_emulator/huawei/tokens`, { method: "POST" });
            expect(issued.status).to.equal(201);
            const token = issued.headers.get("x-subject-token")!;
            expect((await hw(emulator, clock, "GET", "", undefined, { token })).status).to.equal(200);
            const bad = await hw(emulator, clock, "GET", "", undefined, { token: `${token}x` });
            expect(bad.status).to.equal(401);
            expect(bad.json.error_code).to.equal("APIG.1002");
            expect(JSON.stringify(emulator.inventory())).not.to.contain(token);
        });
    });

    describe("what APIG refuses", () => {
        const now = new Date("2026-03-01T00:00:00Z");
        const cases: Array<[string, () => Record<string, unknown>, number, string]> = [
            ["a bad name", () => form({ name: "1cert" }), 400, "APIG.2012"],
            ["a key of another certificate", () => form({ private_key: generateKey().privateKeyPem }), 400, "APIG.2101"],
            ["an expired certificate", () => { const c = testChain("old.example.com", { validity: "expired", now }); return form({ cert_content: c.chainPem, private_key: c.leaf.privateKeyPem }); }, 400, "APIG.2102"],
            ["an intermediate first (the key then matches no leaf)", () => form({ cert_content: `${chain.intermediate!.certificatePem}\n${chain.leaf.certificatePem}` }), 400, "APIG.2101"],
            ["an encrypted key", () => form({ private_key: encryptPrivateKey(chain.leaf.privateKeyPem, "pw-1234") }), 400, "APIG.2105"],
            ["a certificate expiring after 2038-01-19", () => { const c = makeCertificateChain({ commonName: "late.example.com", now, notAfter: new Date("2040-01-01T00:00:00Z") }); return form({ cert_content: c.chainPem, private_key: c.leaf.privateKeyPem }); }, 400, "APIG.3148"],
            ["an ECC key declared RSA", () => { const c = testChain("ec.example.com", { now, keys: { leaf: generateKey({ algorithm: "EC" }) } }); return form({ cert_content: c.chainPem, private_key: c.leaf.privateKeyPem }); }, 409, "APIG.3709"],
            ["SM2 without its signing pair", () => form({ algorithm_type: "SM2" }), 400, "APIG.2001"],
            ["an instance certificate without instance_id", () => form({ type: "instance" }), 400, "APIG.2001"],
            ["an unknown field", () => form({ colour: "red" }), 400, "APIG.2012"],
        ];
        for (const [name, make, status, code] of cases) {
            it(`refuses ${name} (${status} ${code})`, async () => {
                const res = await hw(emulator, clock, "POST", "", make());
                expect(res.status, JSON.stringify(res.json)).to.equal(status);
                expect(res.json.error_code).to.equal(code);
            });
        }

        it("refuses a chain out of order with APIG.2104 when the leaf still matches the key", async () => {
            const res = await hw(emulator, clock, "POST", "", form({ cert_content: `${chain.leaf.certificatePem}\n${chain.root!.certificatePem}\n${chain.intermediate!.certificatePem}` }));
            expect(res.json.error_code).to.equal("APIG.2104");
        });

        it("refuses a PUT that changes the type", async () => {
            const id = (await hw(emulator, clock, "POST", "", form())).json.id as string;
            const res = await hw(emulator, clock, "PUT", `/${id}`, form({ type: "instance", instance_id: "f0fa1789-3b76-433b-a787-9892951c620e" }));
            expect(res.status).to.equal(400);
        });
    });

    it("refuses to delete a bound certificate and lists the domains it is bound to", async () => {
        const id = (await hw(emulator, clock, "POST", "", form())).json.id as string;
        await fetch(`${emulator.url}/_emulator/huawei/bindings`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ certificateId: id, domain: "api.example.com" }) });
        const refused = await hw(emulator, clock, "DELETE", `/${id}`);
        expect(refused.status).to.equal(400);
        const domains = await hw(emulator, clock, "GET", `/${id}/attached-domains`);
        expect(domains.json).to.include({ total: 1 });
        expect((domains.json.bound_domains as Array<{ url_domain: string }>)[0]!.url_domain).to.equal("api.example.com");
        await fetch(`${emulator.url}/_emulator/huawei/bindings`, { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ certificateId: id }) });
        expect((await hw(emulator, clock, "DELETE", `/${id}`)).status).to.equal(204);
    });

    it("throttles with 429 APIGW.0308 (a throttle fault) and loses a create's reply after carrying it out (an http fault after)", async () => {
        emulator.setFaults([{ vendor: "huawei", action: "ListCertificatesV2", kind: "throttle" }]);
        const throttled = await hw(emulator, clock, "GET", "");
        expect(throttled.status).to.equal(429);
        expect(throttled.json.error_code).to.equal("APIGW.0308");
        emulator.setFaults([{ vendor: "huawei", action: "CreateCertificateV2", kind: "http", status: 502, when: "after" }]);
        expect((await hw(emulator, clock, "POST", "", form())).status).to.equal(502);
        expect((emulator.inventory().huawei as { certificates: unknown[] }).certificates).to.have.length(1);
        expect(() => emulator.setFaults([{ vendor: "huawei", action: "UploadCertificate", kind: "throttle" }])).to.throw(/no action/);
    });

    it("with a visibility lag, hides a new certificate from reads and lists until the lag has passed, as APIG does for 5–10 s", async () => {
        const lagged = await startTestEmulator({ huaweiVisibilityLagMs: 8000 });
        try {
            const { emulator: e, clock: c } = lagged;
            const id = (await hw(e, c, "POST", "", form())).json.id as string;
            expect((await hw(e, c, "GET", `/${id}`)).json.error_code).to.equal("APIG.3021");
            expect((await hw(e, c, "GET", "")).json).to.include({ total: 0 });
            c.advanceSeconds(8);
            expect((await hw(e, c, "GET", `/${id}`)).status).to.equal(200);
            expect((await hw(e, c, "GET", "")).json).to.include({ total: 1 });
        } finally {
            await lagged.emulator.close();
        }
    });

    it("enforces its rate limit per AK and action with 429 APIGW.0308", async () => {
        const limited = await startTestEmulator({ rateLimits: true, rateLimitClock: () => 0 });
        try {
            const statuses: number[] = [];
            for (let i = 0; i < 21; i++) statuses.push((await hw(limited.emulator, limited.clock, "GET", "")).status);
            expect(statuses.slice(0, 20).every((s) => s === 200)).to.equal(true);
            expect(statuses[20]).to.equal(429);
        } finally {
            await limited.emulator.close();
        }
    });
});
