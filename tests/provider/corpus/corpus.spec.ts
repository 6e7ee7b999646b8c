import { expect } from "chai";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { providers } from "../../../provider";
import { findControlCharacter, printable } from "../../../provider/core/text";
import { kmsCertificateDefinition } from "../../../provider/alibaba/kmsCertificateProvider";
import { kmsCertificateUploadDefinition } from "../../../provider/alibaba/kmsCertificateUploadProvider";
import { apigCertificateDefinition } from "../../../provider/huawei/apigCertificateProvider";
import { scloudSslDefinition } from "../../../provider/scloud/sslProvider";
import { tencentCertificateDefinition } from "../../../provider/tencent/certificateProvider";
import { tencentCsrDefinition } from "../../../provider/tencent/csrProvider";
import { useEmulator } from "../../support/emulator";
import { pemFragments } from "../../support/pki";
import { apigCertificateCorpus } from "./apigCertificate";
import { kmsCertificateCorpus } from "./kmsCertificate";
import { kmsCertificateUploadCorpus } from "./kmsCertificateUpload";
import { material } from "./material";
import { scloudSslCorpus } from "./scloudSsl";
import { tencentCertificateCorpus } from "./tencentCertificate";
import { tencentCsrCorpus } from "./tencentCsr";
import { BAD_INPUT_CLASSES, type Inputs, type InvalidCase, type ResourceCorpus, type ResourceName, type ValidCase } from "./types";

/**
 * The bad-input corpus: every kind of mistake the README promises check() (pulumi preview) catches,
 * for each of the five resources, refused with a failure naming the input and saying what to do,
 * without a request to the vendor and without a key or password in any message; and the valid
 * inputs (key types, encodings, line endings, chains) that check accepts and the vendor then takes.
 */

type Failure = { property: string; reason: string };
type Provider = Required<dynamic.ResourceProvider>;

const CORPORA: readonly ResourceCorpus[] = [tencentCertificateCorpus, tencentCsrCorpus, apigCertificateCorpus, kmsCertificateCorpus, kmsCertificateUploadCorpus, scloudSslCorpus];

/** Which inputs each resource has, and which of them are secret (their failures must carry property ""). */
const TABLES: Readonly<Record<ResourceName, Readonly<Record<string, { secret?: boolean }>>>> = {
    TencentCertificate: tencentCertificateDefinition.inputs,
    TencentCsr: tencentCsrDefinition.inputs,
    ApigCertificate: apigCertificateDefinition.inputs,
    KmsCertificate: kmsCertificateDefinition.inputs,
    KmsCertificateUpload: kmsCertificateUploadDefinition.inputs,
    ScloudSsl: scloudSslDefinition.inputs,
};

const MIN_INVALID = 100;
const MIN_VALID = 30;
/** Per input at most 10 failures and a summary line; a case has problems in two or three inputs at most. */
const MAX_FAILURES = 15;
/** A reason is a sentence or three, whatever the input: longer means input was echoed. */
const MAX_REASON_LENGTH = 600;

const isSecret = (resource: ResourceName, property: string): boolean => TABLES[resource][property]?.secret === true;

/**
 * Whether a failure is about `property`: it names it as its property, or (a secret input, whose
 * property the engine would print beside its value) its property is "" and its reason names it.
 */
function namesProperty(failure: Failure, property: string): boolean {
    if (failure.property === property) return true;
    return failure.property === "" && new RegExp(`(^|[^A-Za-z])${property}([^A-Za-z]|$)`).test(failure.reason);
}

/** What a case must never show: the corpus's key bodies and passwords, and its own secret inputs. */
function secretsOf(resource: ResourceName, inputs: Inputs): string[] {
    const own = Object.entries(inputs)
        .flatMap(([key, value]) => (isSecret(resource, key) && typeof value === "string" ? [value] : []))
        .flatMap((value) => (value.includes("-----BEGIN") ? pemFragments(value) : value.length >= 8 ? [value] : []));
    return [...material().secrets, ...own];
}

function expectNoSecret(text: string, secrets: readonly string[], what: string): void {
    const found = secrets.filter((secret) => text.includes(secret));
    expect(found, `${what} shows secret material`).to.deep.equal([]);
}

/** How many objects the emulator stores, over every vendor. */
function storedObjects(inventory: unknown): number {
    if (Array.isArray(inventory)) return inventory.length;
    if (inventory === null || typeof inventory !== "object") return 0;
    return Object.values(inventory).reduce((sum: number, value) => sum + storedObjects(value), 0);
}

describe("bad-input corpus: check refuses, names the input, sends nothing, leaks nothing; valid input is created", function () {
    this.timeout(60_000);
    const env = useEmulator({ resetBeforeEach: false });

    before(async () => {
        material();
        await env.emulator.reset();
    });

    it(`holds at least ${MIN_INVALID} invalid and ${MIN_VALID} valid cases, and every class the README promises for every resource it applies to`, () => {
        const invalid = CORPORA.reduce((n, c) => n + c.invalid.length, 0);
        const valid = CORPORA.reduce((n, c) => n + c.valid.length, 0);
        expect(invalid).to.be.at.least(MIN_INVALID);
        expect(valid).to.be.at.least(MIN_VALID);
        for (const corpus of CORPORA) {
            const covered = new Set(corpus.invalid.map((c) => c.class));
            for (const kind of BAD_INPUT_CLASSES) {
                const excused = corpus.notApplicable[kind] !== undefined;
                expect(covered.has(kind) || excused, `${corpus.resource} has no "${kind}" case and does not say why it does not apply`).to.equal(true);
                expect(covered.has(kind) && excused, `${corpus.resource} has "${kind}" cases but calls the class not applicable`).to.equal(false);
            }
            expect(corpus.valid.length, `${corpus.resource} valid cases`).to.be.at.least(1);
            const names = [...corpus.invalid, ...corpus.valid].map((c) => c.name);
            expect(new Set(names).size, `${corpus.resource} case names are unique`).to.equal(names.length);
        }
    });

    describe("invalid inputs: refused by check, before any request", () => {
        for (const corpus of CORPORA) {
            for (const c of corpus.invalid) {
                it(`${corpus.resource}: ${c.name} [${c.class}]`, () => checkRefuses(corpus.resource, c));
            }
        }

        it("the emulator received no request, stores nothing and fired no fault", async () => {
            expect(env.emulator.requests()).to.deep.include({ total: 0 });
            expect(storedObjects(await env.admin("GET", "/_emulator/inventory"))).to.equal(0);
            expect(env.emulator.faults()).to.deep.equal([]);
        });
    });

    describe("valid inputs: accepted by check, then created and deleted by the vendor", () => {
        before(() => env.emulator.reset());

        for (const corpus of CORPORA) {
            for (const c of corpus.valid) {
                it(`${corpus.resource}: ${c.name}`, () => createsAndDeletes(corpus.resource, c));
            }
        }

        it("every valid case reached the emulator, and nothing is left there", async () => {
            const { byVendor } = env.emulator.requests();
            const vendors = { tencent: 0, huawei: 0, alibaba: 0, scloud: 0 };
            for (const vendor of Object.keys(vendors) as Array<keyof typeof vendors>) expect(byVendor[vendor], vendor).to.be.above(0);
            expect(storedObjects(await env.admin("GET", "/_emulator/inventory"))).to.equal(0);
        });
    });

    async function checkRefuses(resource: ResourceName, c: InvalidCase): Promise<void> {
        const provider = providers[resource] as unknown as Provider;
        const news = c.inputs(material());
        const secrets = secretsOf(resource, news);
        let failures: Failure[];
        try {
            failures = ((await provider.check({}, news)).failures ?? []) as Failure[];
        } catch (error) {
            expectNoSecret(`${(error as Error).message}\n${(error as Error).stack ?? ""}`, secrets, "the error check threw");
            throw error;
        }
        const listed = JSON.stringify(failures, null, 1);
        expectNoSecret(listed, secrets, "the failures");
        expect(failures.length, `a short list of failures, whatever the input: ${listed.slice(0, 2000)}`).to.be.at.most(MAX_FAILURES);
        const about = failures.filter((f) => namesProperty(f, c.property));
        expect(about, `no failure names ${c.property}: ${listed}`).to.have.length.above(0);
        expect(
            about.some((f) => c.reason.test(f.reason)),
            `no failure about ${c.property} says ${c.reason}: ${listed}`,
        ).to.equal(true);
        for (const f of failures) {
            expect(f.reason.length, `a reason that says something: ${listed}`).to.be.above(20);
            // Hostile input stays inert and short when a reason quotes it.
            expect(f.reason.length, `a reason of readable length: ${listed.slice(0, 2000)}`).to.be.at.most(MAX_REASON_LENGTH);
            expect(findControlCharacter(`${f.property}${f.reason}`), `a control character reaches the terminal: ${listed}`).to.equal(undefined);
            if (f.property === "") continue;
            // The engine prints a failure's property beside its value: never a secret's.
            expect(isSecret(resource, f.property), `failure names secret input ${f.property} as its property: ${listed}`).to.equal(false);
            expect(String(news[f.property] ?? ""), `failure names ${f.property}, which holds a private key: ${listed}`).to.not.contain("PRIVATE KEY-----");
            const given = Object.keys(news).map((key) => printable(key));
            expect(f.property in TABLES[resource] || given.includes(f.property), `failure names ${f.property}, which is no input: ${listed}`).to.equal(true);
        }
        expect(env.emulator.requests().total, "requests sent to the emulator").to.equal(0);
    }

    async function createsAndDeletes(resource: ResourceName, c: ValidCase): Promise<void> {
        const provider = providers[resource] as unknown as Provider;
        const prerequisite = await c.prerequisite?.();
        let secrets: string[] = [];
        try {
            const news = { ...c.inputs(material(), prerequisite?.outputs), __cloudcertsName: "corpus" };
            secrets = secretsOf(resource, news);
            const checked = await provider.check({}, news);
            expect(checked.failures ?? [], JSON.stringify(checked.failures)).to.deep.equal([]);
            const created = await provider.create(checked.inputs);
            expect(created.id).to.be.a("string").and.not.equal("");
            let outs = created.outs as Inputs;
            if (c.then) {
                const next = { ...c.then(outs, material()), __cloudcertsName: "corpus" };
                secrets.push(...secretsOf(resource, next));
                const rechecked = await provider.check(checked.inputs, next);
                expect(rechecked.failures ?? [], JSON.stringify(rechecked.failures)).to.deep.equal([]);
                outs = (await provider.update(created.id, outs, rechecked.inputs)).outs as Inputs;
            }
            await provider.delete(created.id, outs);
        } catch (error) {
            expectNoSecret(`${(error as Error).message}\n${(error as Error).stack ?? ""}`, secrets, "the error");
            throw error;
        } finally {
            await prerequisite?.cleanup();
        }
        expect(storedObjects(await env.admin("GET", "/_emulator/inventory")), "objects left after delete").to.equal(0);
    }
});
