import { expect } from "chai";
import { rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { encryptPrivateKey, generateKey, type FaultSpec, type KeyPairPem, type VendorName } from "../../emulator";
import { callTencent } from "../../provider/tencent/client";
import { useEmulator } from "../support/emulator";
import { installPackedPackage } from "../support/packedPackage";
import { testChain } from "../support/pki";
import { emulatorConfig, installProgram, pulumiOrSkip, PulumiProject, type RunResult } from "./pulumiCli";

/**
 * Fault soak through the real engine: a stack of every resource type under seeded random faults
 * (the vendors' throttling, 429, 5xx, resets before and after the vendor acted, malformed 2xx and
 * replies slower than the client's timeout) in at least 15% of requests. The faults stay on from
 * the first `up` to the last `destroy`: every command runs under them.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const WORK = path.join(ROOT, ".tmp", "e2e-soak");
/** Resources per type: 5 types x 11 = 55 resources. */
const PER_TYPE = 11;
/** The client gives up on a request after this long; latency faults go past it. */
const CLIENT_TIMEOUT_SECONDS = 1;
const SLOW_REPLY_MS = 1500;
/** Changing it replays another sequence of faults (given the same order of requests). */
const SEED = Number(process.env.CLOUDCERTS_SOAK_SEED ?? 20240607);
const MIN_FAULT_RATE = 0.15;

const VENDORS: readonly VendorName[] = ["tencent", "huawei", "alibaba", "scloud"];

/**
 * KMS has no call that lists certificates, so a CreateCertificate whose reply is lost cannot be
 * reconciled: by design (README, KmsCertificate) the resource is then recorded as pending and
 * left for the user to resolve, and no number of runs converges. CreateCertificate therefore gets
 * only the faults that say the request was refused (throttling, 429); every other KMS action gets them all.
 */
const KMS_ACTIONS_SAFE_TO_LOSE = ["DescribeCertificate", "GetCertificate", "UploadCertificate", "UpdateCertificateStatus", "DeleteCertificate", "TagResource", "UntagResource"];

/**
 * One vendor's faults: about a quarter of its requests get one, of every kind (the 15% floor is
 * then several standard deviations away for the ~500 requests of a run).
 */
const MAX_IN_A_ROW = 3;

function faultsFor(vendor: VendorName, index: number): FaultSpec[] {
    const seed = (SEED + index * 7919) >>> 0;
    const refused: FaultSpec[] = [
        { vendor, kind: "throttle", probability: 0.06, seed },
        { vendor, kind: "http", status: 429, probability: 0.04, seed },
    ];
    const ambiguous: Array<Omit<FaultSpec, "vendor">> = [
        { kind: "http", status: 503, probability: 0.04 },
        { kind: "http", status: 502, when: "after", probability: 0.02 },
        { kind: "reset", probability: 0.03 },
        { kind: "reset", when: "after", probability: 0.02 },
        { kind: "malformed", when: "after", probability: 0.02 },
        { kind: "latency", latencyMs: SLOW_REPLY_MS, when: "after", probability: 0.02 },
        { kind: "latency", latencyMs: SLOW_REPLY_MS, probability: 0.01 },
    ];
    const actions: Array<string | undefined> = vendor === "alibaba" ? KMS_ACTIONS_SAFE_TO_LOSE : [undefined];
    const all = [...refused, ...ambiguous.flatMap((fault) => actions.map((action) => ({ ...fault, vendor, ...(action ? { action } : {}) }) as FaultSpec))];
    // A seed of its own per fault (draws with one seed would fire together), and at most
    // MAX_IN_A_ROW faults on one request and its retries, so every retry budget can succeed.
    return all.map((fault, i) => ({ ...fault, seed: (seed + i * 104_729) >>> 0, maxInARow: MAX_IN_A_ROW }));
}

type InventoryLists = Record<VendorName, Record<string, unknown[]>>;
interface VendorIds {
    tencentCertificates: string[];
    tencentCsrs: string[];
    apigCertificates: string[];
    kmsCertificates: string[];
    scloudSsls: string[];
}

/** The emulator's ids of each resource type, as the program's `vendorIds` output groups them. */
function inventoryIds(inv: InventoryLists): VendorIds {
    const ids = (list: unknown[] | undefined, key: string) => (list ?? []).map((o) => String((o as Record<string, unknown>)[key])).sort();
    return {
        tencentCertificates: ids(inv.tencent.certificates, "CertificateId"),
        tencentCsrs: ids(inv.tencent.csrs, "Id"),
        apigCertificates: ids(inv.huawei.certificates, "id"),
        kmsCertificates: ids(inv.alibaba.certificates, "CertificateId"),
        scloudSsls: ids(inv.scloud.ssls, "SSLId"),
    };
}

/** Every stored object, whatever its kind: empty means nothing was left behind. */
function allObjects(inv: InventoryLists): string[] {
    return Object.entries(inv).flatMap(([vendor, kinds]) => Object.entries(kinds).flatMap(([kind, list]) => (Array.isArray(list) ? list.map((_, i) => `${vendor}.${kind}[${i}]`) : [])));
}

/** Where in `text` the needle is, as the nearest JSON property or line start before it: a leak's message says where, never what. */
function whereIs(text: string, needle: string): string {
    const at = text.indexOf(needle);
    const before = text.slice(Math.max(0, at - 4000), at);
    const keys = [...before.matchAll(/"([A-Za-z_][\w.-]*)"\s*:/g)].map((m) => m[1]);
    const line = before.slice(before.lastIndexOf("\n") + 1).replace(/[A-Za-z0-9+/=]{16,}/g, "…");
    return keys.length > 0 ? `after "${keys.slice(-3).join('" / "')}"` : `in the line starting ${JSON.stringify(line.slice(0, 80))}`;
}

/** Base64 runs from a PEM body, minus those that also occur in public material (a private key embeds its public half). */
function privateFragments(privatePem: string, publicTexts: readonly string[]): string[] {
    if (!privatePem.includes("-----BEGIN")) return [];
    const lines = privatePem.split(/\r?\n/).filter((l) => !l.startsWith("-----") && !l.includes(":") && l.length >= 24);
    return lines.map((l) => l.slice(4, 24)).filter((fragment) => !publicTexts.some((text) => text.includes(fragment)));
}

describe("fault soak: the real pulumi engine with faults in at least 15% of requests (e2e)", function () {
    this.timeout(1200000);
    const env = useEmulator({ resetBeforeEach: false });
    let project: PulumiProject;
    const transcript: string[] = [];
    const secrets: string[] = [];
    const publicTexts: string[] = [];
    let upRuns = 0;

    const inventory = () => env.admin<InventoryLists>("GET", "/_emulator/inventory");
    const record = (label: string, result: RunResult): RunResult => {
        transcript.push(result.stdout, result.stderr);
        writeFileSync(path.join(WORK, `${label}.log`), `${result.stdout}\n${result.stderr}`);
        return result;
    };
    const pulumi = async (label: string, args: string[], allowFailure = false) => record(label, await project.run(args, { allowFailure }));
    /** Runs a command at most twice: the second run finishes what a fault interrupted. */
    const twice = async (label: string, args: string[]): Promise<number> => {
        const first = await pulumi(`${label}-1`, args, true);
        if (first.code === 0) return 1;
        await pulumi(`${label}-2`, args);
        return 2;
    };
    const vendorIds = async () => (JSON.parse((await project.run(["stack", "output", "vendorIds", "--json"])).stdout) as VendorIds);

    before(async function () {
        const pulumiDir = pulumiOrSkip(this);
        await env.admin("POST", "/_emulator/reset");
        rmSync(WORK, { recursive: true, force: true, maxRetries: 5 });
        const { tarball } = installPackedPackage();
        const dir = path.join(WORK, "project");
        installProgram(path.join(__dirname, "programs", "soak"), dir, tarball);
        writeFileSync(path.join(dir, "fixtures.json"), JSON.stringify(makeFixtures(secrets, publicTexts)), { mode: 0o600 });

        // The providers' debug log (every attempt, pacing and reconciliation) joins the CLI's output, which must not leak either.
        project = new PulumiProject(dir, pulumiDir, WORK, { CLOUDCERTS_LOG: "debug" });
        await project.run(["stack", "init", "soak"]);
        const { credentials } = env.emulator;
        await project.setConfigs([["cloudcerts:timeoutSeconds", String(CLIENT_TIMEOUT_SECONDS)], ...emulatorConfig(env.emulator)]);
        secrets.push(credentials.tencent.secretKey, credentials.huawei.secretKey, credentials.alibaba.accessKeySecret, credentials.scloud.privateKey);

        await env.admin("POST", "/_emulator/faults", VENDORS.flatMap(faultsFor));
    });

    it(`pulumi up creates ${5 * PER_TYPE} resources and ${Math.ceil(PER_TYPE / 2)} KMS uploads under faults, converging in at most two runs`, async () => {
        upRuns = await twice("up", ["up", "--yes", "--skip-preview"]);
        expect(upRuns).to.be.at.most(2);
    });

    it("the emulator holds exactly one object per resource: no duplicate, no orphan", async () => {
        const inState = await vendorIds();
        const stored = inventoryIds(await inventory());
        for (const key of Object.keys(stored) as Array<keyof VendorIds>) {
            expect(inState[key], key).to.have.length(PER_TYPE);
            expect(new Set(inState[key]).size, `${key}: two resources share an object`).to.equal(PER_TYPE);
            expect(stored[key], `${key}: the emulator's objects are the stack's`).to.deep.equal([...inState[key]].sort());
        }
        // Every other KMS certificate had its CSR signed in the program and uploaded (KmsCertificateUpload).
        const uploaded = JSON.parse((await project.run(["stack", "output", "uploadedKmsIds", "--json"])).stdout) as string[];
        expect(uploaded).to.have.length(Math.ceil(PER_TYPE / 2));
        const kms = (await inventory()).alibaba.certificates as Array<{ CertificateId: string; Status: string }>;
        const status = new Map(kms.map((c) => [c.CertificateId, c.Status]));
        for (const id of inState.kmsCertificates) expect(status.get(id), id).to.equal(uploaded.includes(id) ? "ACTIVE" : "PENDING");
    });

    it("with the faults still on, a further up and a refresh show no changes", async () => {
        await pulumi("up-again", ["up", "--yes", "--expect-no-changes"]);
        await pulumi("refresh", ["refresh", "--yes", "--expect-no-changes"]);
    });

    it("the exported state and the CLI's output hold no private key, password or credential in plaintext", async () => {
        // The CSRs' generated keys, straight from the emulator's API.
        for (const id of (await vendorIds()).tencentCsrs) {
            const csr = await callTencent<{ PrivateKey?: string; CSR?: string }>("ssl", "DescribeCSR", { CSRId: Number(id) }, { idempotent: true });
            expect(csr.PrivateKey, `CSR ${id}`).to.match(/PRIVATE KEY/);
            secrets.push(csr.PrivateKey!);
            publicTexts.push(csr.CSR ?? "");
        }
        // Not a vacuous check: the leaf keys of three types and the CSRs' keys are all looked for.
        expect(secrets.filter((secret) => /PRIVATE KEY-----/.test(secret))).to.have.length.of.at.least(4 * PER_TYPE);
        const exported = (await pulumi("export", ["stack", "export", "--show-secrets=false"])).stdout;
        writeFileSync(path.join(WORK, "exported-state.json"), exported);
        expect(exported, "secret values are in the state, encrypted").to.contain('"ciphertext"');
        for (const [where, text] of [
            ["stack export", exported],
            ["CLI output", transcript.join("\n")],
        ] as const) {
            expect(text, `${where} holds a private key`).not.to.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
            for (const secret of secrets) {
                for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) expect(text.includes(form), `${where} holds a secret ${whereIs(text, form)}`).to.equal(false);
                for (const fragment of privateFragments(secret, publicTexts)) expect(text.includes(fragment), `${where} holds private key material ${whereIs(text, fragment)}`).to.equal(false);
            }
        }
    });

    it("pulumi destroy, under the same faults and in at most two runs, leaves the emulator empty", async () => {
        expect(await twice("destroy", ["destroy", "--yes", "--skip-preview"])).to.be.at.most(2);
        expect(allObjects(await inventory())).to.deep.equal([]);
    });

    it(`at least ${MIN_FAULT_RATE * 100}% of the requests were faulted, with every kind of fault`, async () => {
        const { faults, stats } = await env.admin<{ faults: Array<{ kind: string; when: string; status?: number; fired: number }>; stats: { requests: number; faultedRequests: number; longestRun: number } }>(
            "GET",
            "/_emulator/faults",
        );
        const requests = (await env.admin<{ byVendor: Record<string, number> }>("GET", "/_emulator/requests")).byVendor;
        const total = stats.requests;
        const faulted = stats.faultedRequests;
        const summary = `${faulted} of ${total} requests faulted (${((100 * faulted) / total).toFixed(1)}%), at most ${stats.longestRun} in a row, up in ${upRuns} run(s); requests by vendor ${JSON.stringify(requests)}`;
        writeFileSync(path.join(WORK, "faults.json"), JSON.stringify({ summary, stats, requests, faults }, null, 2));
        console.log(`      ${summary}`);
        for (const vendor of VENDORS) expect(requests[vendor] ?? 0, `${vendor} was called`).to.be.above(0);
        expect(faulted / total, summary).to.be.at.least(MIN_FAULT_RATE);
        const kinds = (f: { kind: string; when: string; status?: number }) => `${f.kind}${f.status ? ` ${f.status}` : ""} ${f.when}`;
        const fired = new Map<string, number>();
        for (const f of faults) fired.set(kinds(f), (fired.get(kinds(f)) ?? 0) + f.fired);
        for (const [kind, count] of fired) expect(count, `${kind} faults fired`).to.be.above(0);
    });
});

/**
 * Certificates and keys for the stack, generated per run: RSA and EC keys, some encrypted with a
 * password (Tencent), bundles and separate parts (SCloud). Every private key and password goes
 * into `secrets`, the public material into `publicTexts`.
 */
function makeFixtures(secrets: string[], publicTexts: string[]) {
    const leaf = (name: string, i: number) => {
        const key: KeyPairPem = i % 3 === 0 ? generateKey() : generateKey({ algorithm: "EC", curve: "P-256" });
        const chain = testChain(`${name}-${i}.soak.example.com`, { keys: { leaf: key } });
        secrets.push(key.privateKeyPem);
        publicTexts.push(chain.fullChainPem, key.publicKeyPem);
        return { chain, key, ec: i % 3 !== 0 };
    };
    const range = Array.from({ length: PER_TYPE }, (_, i) => i);
    return {
        tencentCertificates: range.map((i) => {
            const { chain, key } = leaf("web", i);
            if (i % 4 !== 1) return { certificatePem: chain.chainPem, privateKeyPem: key.privateKeyPem };
            const keyPassword = `soak-key-password-${i}-${SEED}`;
            const encrypted = encryptPrivateKey(key.privateKeyPem, keyPassword);
            secrets.push(keyPassword, encrypted);
            return { certificatePem: chain.chainPem, privateKeyPem: encrypted, keyPassword };
        }),
        tencentCsrs: range.map((i) => {
            const keyPassword = i % 3 === 2 ? `soak-csr-password-${i}-${SEED}` : undefined;
            if (keyPassword) secrets.push(keyPassword);
            return i % 2 === 0
                ? { domain: `csr-${i}.soak.example.com`, encryptAlgo: "ECC", keyParameter: "prime256v1", keyPassword }
                : { domain: `csr-${i}.soak.example.com`, encryptAlgo: "RSA", keyParameter: "2048", keyPassword };
        }),
        apigCertificates: range.map((i) => {
            const { chain, key, ec } = leaf("gateway", i);
            return { certificatePem: chain.chainPem, privateKeyPem: key.privateKeyPem, algorithmType: ec ? "ECC" : "RSA" };
        }),
        kmsCertificates: range.map((i) => ({
            subject: `CN=kms-${i}.soak.example.com,OU=Soak,O=Cloudcerts Soak,C=CN`,
            keySpec: i % 2 === 0 ? "EC_P256" : "RSA_2048",
            san: `kms-${i}.soak.example.com`,
        })),
        scloudSsls: range.map((i) => {
            const { chain, key } = leaf("lb", i);
            return { certificatePem: chain.leaf.certificatePem, privateKeyPem: key.privateKeyPem, caPem: chain.caChainPem, bundled: i % 2 === 0 };
        }),
        kmsCa: (() => {
            const ca = testChain("kms-ca.soak.example.com");
            return { certificatePem: ca.intermediate!.certificatePem, privateKeyPem: ca.intermediate!.privateKeyPem, chainPem: ca.caChainPem };
        })(),
    };
}
