import { expect } from "chai";
import { useEmulator, withEnv } from "../support/emulator";
import { destroy, hasDiff, inParallel, label, refresh, up, vendorIdOf, type SoakResource } from "./engine";
import { CLIENT_TIMEOUT_SECONDS, FAULT_CLASSES, firedByClass, MAX_IN_A_ROW, soakFaults } from "./faultPlan";
import { SOAK_TYPES } from "./subjects";

/**
 * Fault soak at the provider level: 200 resources of the five types through check -> create ->
 * read -> update -> delete, driven as the engine drives them, against the emulator with its
 * documented rate limits on and seeded faults in at least 15% of the requests. Faults are drawn
 * per request in the order requests arrive, which concurrency varies; the guarantees asserted
 * here must hold for every order. CLOUDCERTS_SOAK_SEED reruns with other faults.
 */

const PER_TYPE = 40;
/** Resources in flight at once, as `pulumi up --parallel` would have them. */
const PARALLEL = 16;
const SEED = Number(process.env.CLOUDCERTS_SOAK_SEED ?? 20260301);
const MIN_FAULTED_SHARE = 0.15;

describe("soak: 200 resources of the five types under injected faults (provider level)", function () {
    this.timeout(15 * 60_000);
    const env = useEmulator();
    let restoreEnv: () => void;

    before(() => {
        ({ restore: restoreEnv } = withEnv({ CLOUDCERTS_TIMEOUT_SECONDS: String(CLIENT_TIMEOUT_SECONDS), CLOUDCERTS_LOG: undefined }));
    });
    after(() => restoreEnv());

    it("every resource is created once, read, updated in place and deleted, with no failure, duplicate or orphan", async () => {
        // Interleaved by type, as a stack's resources are: the types paced slowest start early too.
        const resources: SoakResource[] = Array.from({ length: PER_TYPE }, (_, index) => SOAK_TYPES.map((type) => ({ type, index, news: type.inputs(index) }))).flat();
        const failures: string[] = [];
        const step = (name: string, work: (r: SoakResource) => Promise<void>) => async (r: SoakResource) => {
            try {
                await work(r);
            } catch (error) {
                failures.push(`${label(r)} ${name}: ${(error as Error).message}`);
            }
        };
        const noFailures = (phase: string) => expect(failures, `${phase}:\n${failures.join("\n")}`).to.deep.equal([]);

        /** Each resource's object is in the emulator, once, and no other object is. */
        const expectOneObjectEach = async (phase: string) => {
            const inventory = await env.admin<Parameters<(typeof SOAK_TYPES)[number]["storedIds"]>[0]>("GET", "/_emulator/inventory");
            for (const type of SOAK_TYPES) {
                const held = resources.filter((r) => r.type === type).map(vendorIdOf);
                expect(held, `${phase}: every ${type.name} holds a vendor id`).not.to.include(undefined);
                expect(new Set(held).size, `${phase}: no two ${type.name}s share an object`).to.equal(held.length);
                expect([...type.storedIds(inventory)].sort(), `${phase}: ${type.name} objects in the emulator are exactly those the resources hold`).to.deep.equal(
                    (held as string[]).sort(),
                );
            }
        };

        const { specs, labels } = soakFaults(SEED);
        await env.admin("POST", "/_emulator/faults", specs);
        const outcomes: Record<string, number> = {};

        // pulumi up: check and create everything.
        await inParallel(
            resources,
            PARALLEL,
            step("create", async (r) => {
                const did = await up(r);
                outcomes[did] = (outcomes[did] ?? 0) + 1;
            }),
        );
        noFailures("first up");
        // A create left partial is finished by the next `pulumi up`, from the state it recorded.
        const partial = resources.filter((r) => r.partial);
        await inParallel(partial, PARALLEL, step("second up", async (r) => void (await up(r))));
        noFailures("second up");
        await expectOneObjectEach("after up");

        // pulumi refresh: every object is still there, and nothing differs from the program.
        await inParallel(resources, PARALLEL, step("refresh", refresh));
        noFailures("refresh");
        const drifted: string[] = [];
        await inParallel(resources, PARALLEL, step("diff after refresh", async (r) => void ((await hasDiff(r)) && drifted.push(label(r)))));
        expect(drifted, "no change after refresh").to.deep.equal([]);

        // pulumi up with an in-place change to every resource.
        const changes = new Map(resources.map((r) => [r, r.type.change(r.index, r.outs!)]));
        for (const r of resources) r.news = { ...r.news, ...changes.get(r) };
        await inParallel(
            resources,
            PARALLEL,
            step("update", async (r) => {
                const did = await up(r);
                if (did !== "updated") throw new Error(`expected an update, got ${did}`);
                if (await hasDiff(r)) throw new Error("still differs from the program after the update");
            }),
        );
        noFailures("update");
        const unapplied = resources.filter((r) => Object.keys(changes.get(r)!).some((key) => JSON.stringify(r.outs![key]) !== JSON.stringify(r.inputs![key])));
        expect(unapplied.map(label), "every change reached the outputs").to.deep.equal([]);
        const generatedCsrs = resources.filter((r) => r.type.name === "TencentCsr" && r.inputs!.generate === true);
        expect(generatedCsrs.filter((r) => r.outs!.csr === "").map(label), "CSRs generated by the update").to.deep.equal([]);
        const uploaded = resources.filter((r) => r.type.name === "KmsCertificate" && r.inputs!.certificate !== undefined);
        expect(uploaded.filter((r) => r.outs!.certificateStatus !== "ACTIVE").map(label), "KMS certificates active after the upload").to.deep.equal([]);
        await expectOneObjectEach("after update");

        // pulumi destroy.
        await inParallel(resources, PARALLEL, step("delete", destroy));
        noFailures("destroy");
        const report = await env.faultReport();
        await env.admin("DELETE", "/_emulator/faults");
        const left = await env.admin<Record<string, Record<string, unknown[]>>>("GET", "/_emulator/inventory");
        for (const [vendor, kinds] of Object.entries(left)) {
            for (const [kind, objects] of Object.entries(kinds)) expect(objects, `${vendor} ${kind} left after destroy`).to.deep.equal([]);
        }

        // The faults really happened, every class of them, and several in a row.
        const { stats } = report;
        const byClass = firedByClass(report.faults, labels);
        const share = stats.faultedRequests / stats.requests;
        console.log(
            [
                `      soak (seed ${SEED}): ${resources.length} resources, ${stats.requests} API requests, ${stats.faultedRequests} faulted (${(share * 100).toFixed(1)}%), ` +
                    `${stats.retriesAfterFault} retries after a fault, longest run ${stats.longestRun} in a row; ` +
                    `creates: ${Object.entries(outcomes)
                        .map(([k, n]) => `${n} ${k}`)
                        .join(", ")}`,
                ...[...byClass].map(([name, fired]) => `        ${String(fired).padStart(4)}  ${name}`),
            ].join("\n"),
        );
        expect(share, "share of requests faulted").to.be.at.least(MIN_FAULTED_SHARE);
        for (const planned of FAULT_CLASSES) expect(byClass.get(planned.label), `${planned.label} fired`).to.be.greaterThan(0);
        expect(stats.longestRun, "several faults in a row on one request").to.equal(MAX_IN_A_ROW);
    });
});
