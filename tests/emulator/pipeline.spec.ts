import { expect } from "chai";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiError } from "../../emulator/core/apiError";
import { acceptFaultSpec } from "../../emulator/core/faultRules";
import { FaultInjector } from "../../emulator/core/faults";
import { RateLimiter } from "../../emulator/core/rateLimiter";
import { jsonReply } from "../../emulator/core/reply";
import { RequestCounter } from "../../emulator/core/requestCounter";
import { headerValue } from "../../emulator/core/request";
import { startServer, type RunningServer } from "../../emulator/core/server";
import { Store } from "../../emulator/core/store";
import type { VendorName } from "../../emulator/core/types";
import type { ApiAction, VendorService } from "../../emulator/core/vendorService";

/**
 * The pipeline with two made-up vendors shaped like the ones about to plug in: a path-based REST
 * API that answers errors with HTTP statuses (like Huawei APIG) and an Action-parameter API that
 * answers everything with HTTP 200 and a RetCode (like SCloud). Nothing Tencent-specific: this is
 * the contract a new vendor relies on.
 */

interface Thing {
    name: string;
}

/** REST: POST /rest/things creates, GET /rest/things/<id> shows; caller in `x-ak`, "signature" in `x-sig`. */
function restVendor(store: Store, runs: string[]): VendorService {
    const things = store.table<Thing>("huawei", "things");
    const actions = new Map<string, ApiAction>([
        [
            "CreateThing",
            {
                perSecond: 2,
                write: true,
                run({ request }) {
                    runs.push("CreateThing");
                    const id = String(store.nextCounter("huawei", "thing"));
                    things.put(id, { name: request.body.toString("utf8") });
                    return { id };
                },
            },
        ],
        [
            "ShowThing",
            {
                perSecond: 5,
                write: false,
                run({ request }) {
                    runs.push("ShowThing");
                    const thing = things.get(request.path.split("/")[3] ?? "");
                    if (!thing) throw new ApiError("APIG.3021", "thing does not exist", 404);
                    return { ...thing };
                },
            },
        ],
        [
            "Explode",
            {
                perSecond: 5,
                write: false,
                run() {
                    throw new TypeError("a bug in the vendor code");
                },
            },
        ],
    ]);
    return {
        name: "huawei",
        prefix: "/rest",
        route(request) {
            const [, , collection, id] = request.path.split("/");
            if (collection === "things" && request.method === "POST" && id === undefined) return { kind: "call", action: "CreateThing" };
            if (collection === "things" && request.method === "GET" && id !== undefined) return { kind: "call", action: "ShowThing" };
            if (collection === "explode") return { kind: "call", action: "Explode" };
            if (collection === "ghost") return { kind: "call", action: "Ghost" };
            return { kind: "reply", reply: jsonReply(404, { error_code: "APIG.0101", error_msg: "no such route" }) };
        },
        authenticate(request) {
            if (headerValue(request, "x-sig") !== "good") throw new ApiError("APIG.0301", "signature mismatch", 401);
            const route = this.route(request);
            return { id: headerValue(request, "x-ak") ?? "", action: route.kind === "call" ? (route.action ?? "") : "" };
        },
        actions,
        envelopes: {
            success: (result) => jsonReply(200, result),
            error: (error) => jsonReply(error.httpStatus ?? 400, { error_code: error.code, error_msg: error.message }),
            throttled: () => jsonReply(429, { error_code: "APIGW.0308", error_msg: "throttled" }),
            unknownAction: (action) => new ApiError("APIG.0102", `no action ${action}`, 404),
        },
        inventory: () => ({ things: things.list() }),
    };
}

/** RPC: POST /rpc with `Action` in the query; every answer is HTTP 200 with a RetCode. */
function rpcVendor(): VendorService {
    const action = (request: { query: string }): string | undefined => new URLSearchParams(request.query).get("Action") ?? undefined;
    return {
        name: "scloud",
        prefix: "/rpc",
        route: (request) => ({ kind: "call", action: action(request) }),
        authenticate: (request) => ({ id: "pk", action: action(request) ?? "" }),
        actions: new Map<string, ApiAction>([["DescribeSSL", { perSecond: 1, write: false, run: () => ({ DataSet: [] }) }]]),
        envelopes: {
            success: (result) => jsonReply(200, { RetCode: 0, ...result }),
            error: (error) => jsonReply(200, { RetCode: Number(error.code), Message: error.message }),
            throttled: () => jsonReply(200, { RetCode: 172, Message: "throttled" }),
            unknownAction: (name) => new ApiError("161", `no action ${name}`),
        },
        inventory: () => ({}),
    };
}

describe("emulator/core: the request pipeline, with vendors that are not Tencent", () => {
    let dir: string;
    let server: RunningServer;
    let store: Store;
    let faults: FaultInjector;
    let requests: RequestCounter;
    let vendors: Map<VendorName, VendorService>;
    let ticks: number;
    let runs: string[];
    let base: string;

    beforeEach(async () => {
        dir = await mkdtemp(join(tmpdir(), "cloudcerts-pipeline-"));
        store = await Store.open(join(dir, "state.json"));
        faults = new FaultInjector();
        requests = new RequestCounter();
        runs = [];
        ticks = 0;
        vendors = new Map<VendorName, VendorService>([
            ["huawei", restVendor(store, runs)],
            ["scloud", rpcVendor()],
        ]);
        server = await startServer("127.0.0.1", 0, { vendors, faults, store, rateLimiter: new RateLimiter(() => ticks), requests, now: () => new Date("2026-03-01T00:00:00Z") });
        base = `http://127.0.0.1:${server.port}`;
    });
    afterEach(async () => {
        await server.close();
        await rm(dir, { recursive: true, force: true });
    });

    const create = (headers: Record<string, string> = { "x-sig": "good", "x-ak": "ak1" }): Promise<Response> =>
        fetch(`${base}/rest/things`, { method: "POST", headers, body: "widget" });
    const setFaults = (...specs: unknown[]): void => {
        faults.set(specs.map((spec) => acceptFaultSpec(spec, vendors)));
    };

    it("routes by prefix; a path the vendor does not route is its own reply, without authentication", async () => {
        const response = await fetch(`${base}/rest/nowhere`);
        expect(response.status).to.equal(404);
        expect(await response.json()).to.deep.equal({ error_code: "APIG.0101", error_msg: "no such route" });
        expect((await fetch(`${base}/elsewhere`)).status).to.equal(404);
    });

    it("authenticates before acting: a refusal is the vendor's error envelope with its HTTP status, and nothing runs", async () => {
        const response = await create({ "x-sig": "bad" });
        expect(response.status).to.equal(401);
        expect(await response.json()).to.deep.equal({ error_code: "APIG.0301", error_msg: "signature mismatch" });
        expect(runs).to.deep.equal([]);
    });

    it("acts and encodes with the vendor's envelopes; action errors keep their HTTP status", async () => {
        const created = await create();
        expect(created.status).to.equal(200);
        const { id } = (await created.json()) as { id: string };
        const shown = await fetch(`${base}/rest/things/${id}`, { headers: { "x-sig": "good" } });
        expect(await shown.json()).to.deep.equal({ name: "widget" });
        expect((await fetch(`${base}/rest/things/999`, { headers: { "x-sig": "good" } })).status).to.equal(404);
        expect(((await (await fetch(`${base}/rpc?Action=DescribeSSL`, { method: "POST" })).json()) as { RetCode: number }).RetCode).to.equal(0);
    });

    it("a verified action missing from the table is the vendor's unknown-action error", async () => {
        const response = await fetch(`${base}/rest/ghost`, { headers: { "x-sig": "good" } });
        expect(response.status).to.equal(404);
        expect(((await response.json()) as { error_code: string }).error_code).to.equal("APIG.0102");
    });

    it("a bug in an action (anything but ApiError) is an HTTP 500 that says so, not a vendor error", async () => {
        const response = await fetch(`${base}/rest/explode`, { headers: { "x-sig": "good" } });
        expect(response.status).to.equal(500);
        expect(await response.text()).to.contain("internal error").and.contain("a bug in the vendor code");
    });

    it("rate-limits per caller and action at the action table's rate, after authentication, with the vendor's throttled reply", async () => {
        const statuses = async (n: number, ak = "ak1"): Promise<number[]> => {
            const out: number[] = [];
            for (let i = 0; i < n; i++) out.push((await create({ "x-sig": "good", "x-ak": ak })).status);
            return out;
        };
        expect(await statuses(3)).to.deep.equal([200, 200, 429]);
        expect(runs, "a throttled request is not carried out").to.have.length(2);
        expect(await statuses(1, "ak2"), "another caller has its own bucket").to.deep.equal([200]);
        expect((await create({ "x-sig": "bad", "x-ak": "ak1" })).status, "unauthenticated requests are refused, not throttled").to.equal(401);
        ticks += 999; // 2/s: both are within the last second until a full second has passed
        expect(await statuses(1)).to.deep.equal([429]);
        ticks += 1;
        expect(await statuses(3)).to.deep.equal([200, 200, 429]);
        const throttled = await create();
        expect(await throttled.json()).to.deep.equal({ error_code: "APIGW.0308", error_msg: "throttled" });
    });

    it("throttle faults answer with the vendor's own throttled reply (429 for one vendor, RetCode at HTTP 200 for the other)", async () => {
        setFaults({ vendor: "huawei", action: "CreateThing", kind: "throttle" }, { vendor: "scloud", kind: "throttle" });
        const rest = await create();
        expect(rest.status).to.equal(429);
        expect(((await rest.json()) as { error_code: string }).error_code).to.equal("APIGW.0308");
        const rpc = await fetch(`${base}/rpc?Action=DescribeSSL`, { method: "POST" });
        expect(rpc.status).to.equal(200);
        expect(await rpc.json()).to.deep.equal({ RetCode: 172, Message: "throttled" });
        expect(runs).to.deep.equal([]);
    });

    it('faults "before" stop the action; faults "after" let it run and reach the state file, then lose the reply', async () => {
        setFaults({ vendor: "huawei", action: "CreateThing", kind: "http", status: 503 });
        expect((await create()).status).to.equal(503);
        expect(runs).to.deep.equal([]);

        setFaults({ vendor: "huawei", action: "CreateThing", kind: "reset", when: "after" });
        expect(await create().then(() => "answered", () => "reset")).to.equal("reset");
        expect(runs).to.deep.equal(["CreateThing"]);
        expect(await readFile(join(dir, "state.json"), "utf8"), "a write is persisted before the reply is lost").to.contain("widget");
    });

    it("counts every request that reaches a vendor, whatever became of it; other paths are not counted", async () => {
        setFaults({ vendor: "scloud", kind: "throttle" });
        expect((await create()).status).to.equal(200);
        expect((await create({ "x-sig": "bad" })).status).to.equal(401);
        expect((await fetch(`${base}/rest/nowhere`)).status).to.equal(404);
        expect((await fetch(`${base}/rpc?Action=DescribeSSL`, { method: "POST" })).status).to.equal(200);
        expect((await fetch(`${base}/elsewhere`)).status).to.equal(404);
        expect(requests.counts()).to.deep.equal({
            total: 4,
            byVendor: { tencent: 0, huawei: 3, alibaba: 0, scloud: 1 },
            byAction: { "huawei/?": 1, "huawei/CreateThing": 2, "scloud/DescribeSSL": 1 },
        });
        requests.clear();
        expect(requests.counts().total).to.equal(0);
    });

    it("a vendor's faults never touch another vendor", async () => {
        setFaults({ vendor: "scloud", kind: "http", status: 500, count: 5 });
        expect((await create()).status).to.equal(200);
        expect(faults.list()[0]).to.include({ fired: 0 });
    });

    it("refuses faults that could never fire: unknown action, unserved vendor, throttle after the action", () => {
        expect(() => acceptFaultSpec({ vendor: "huawei", action: "DescribeSSL", kind: "reset" }, vendors)).to.throw(/huawei has no action "DescribeSSL"; its actions are CreateThing, ShowThing, Explode/);
        expect(() => acceptFaultSpec({ vendor: "alibaba", kind: "reset" }, vendors)).to.throw(/does not serve alibaba \(it serves huawei, scloud\)/);
        expect(() => acceptFaultSpec({ vendor: "scloud", kind: "throttle", when: "after" }, vendors)).to.throw(/cannot come "after"/);
        for (const ok of [
            { vendor: "scloud", kind: "throttle", when: "before" },
            { vendor: "huawei", action: "CreateThing", kind: "http", status: 502, when: "after" },
            { vendor: "huawei", kind: "latency", latencyMs: 1, when: "after" },
        ]) {
            expect(acceptFaultSpec(ok, vendors), JSON.stringify(ok)).to.deep.equal(ok);
        }
    });
});
