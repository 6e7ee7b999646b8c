import { Batcher } from "../core/batch";
import { debugLog } from "../core/log";
import { privateKeyIdentity } from "../core/keyIdentity";
import { checkCertificateBundle, normalizePem, parseCertificateChain, samePem } from "../core/pem";
import { isClaimed, type CreateOnceSteps } from "../core/resource/createOnce";
import type { CallContext, Created, ResourceDefinition } from "../core/resource/definition";
import { DEFAULT_EXPIRY_WARNING_DAYS, expiryOf, type ExpiryOutputs } from "../core/resource/expiry";
import type { PendingCreate } from "../core/resource/pending";
import { defineProvider } from "../core/resource/provider";
import { sameValue } from "../core/resource/table";
import { callTencent, isTencentNotFound, tencentPermitFree, tencentScope, untilTencentPermitFree } from "./client";
import { certificateTagResource, syncTencentTags, TENCENT_TAG_LIMITS, tagsFromList, tagsToList } from "./tags";
import { madeAround, tencentTimeToIso } from "./time";

export type TencentCertificateType = "SVR" | "CA";

export interface TencentCertificateInputs {
    certificatePublicKey: string;
    certificatePrivateKey?: string;
    certificateType: TencentCertificateType;
    alias: string;
    projectId: number;
    certificateUse: string;
    tags: Record<string, string>;
    repeatable: boolean;
    keyPassword?: string;
    /** Warn when the certificate expires within this many days (default 30). */
    expiryWarningDays: number;
}

export interface TencentCertificateOutputs extends TencentCertificateInputs, ExpiryOutputs {
    certificateId: string;
    domain: string;
    subjectAltNames: string[];
    certBeginTime: string;
    certEndTime: string;
    insertTime: string;
    status: number;
    statusName: string;
    fingerprint: string;
    /** True when the upload found the certificate already stored (repeatable=false): never deleted here. */
    adopted: boolean;
}

interface CertificateDetail {
    CertificateId?: string;
    CertificateType?: string;
    Alias?: string;
    ProjectId?: string;
    Domain?: string;
    SubjectAltName?: string[] | null;
    CertBeginTime?: string;
    CertEndTime?: string;
    InsertTime?: string;
    Status?: number;
    StatusName?: string;
    CertFingerprint?: string;
    CertificatePublicKey?: string | null;
    CertificatePrivateKey?: string | null;
    Tags?: unknown;
}

const USES = ["CLB", "CDN", "WAF", "LIVE", "DDOS"];
const UPLOAD = "Tencent UploadCertificate";
const DETAIL = "DescribeCertificateDetail";
const LIST = "DescribeCertificates";
/** Tencent's console caps aliases at 200 characters. */
const ALIAS_RULE = { maxLength: 200, allowed: /[A-Za-z0-9_.-]/ } as const;

/** Whether the leaf is a CA certificate; true when it does not parse (checkCertificateBundle reports that). */
function isCaCertificate(pem: string): boolean {
    try {
        return parseCertificateChain(pem)[0].isCA;
    } catch {
        return true;
    }
}

/** The names the leaf certificate answers to, for finding uploads by SearchKey. */
function searchKeyFor(pem: string): string | undefined {
    try {
        const leaf = parseCertificateChain(pem)[0];
        return leaf.subjectCommonName || leaf.dnsNames[0] || undefined;
    } catch {
        return undefined;
    }
}

async function listCertificateIds(searchKey: string | undefined): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let page = 0; page < 10; page++) {
        const res = await callTencent<{ TotalCount?: number; Certificates?: Array<{ CertificateId?: string }> }>(
            "ssl",
            LIST,
            { Offset: page * 1000, Limit: 1000, ...(searchKey ? { SearchKey: searchKey } : {}) },
            { idempotent: true },
        );
        for (const c of res.Certificates ?? []) if (c.CertificateId) ids.add(c.CertificateId);
        if ((res.Certificates ?? []).length < 1000 || ids.size >= (res.TotalCount ?? 0)) break;
    }
    return ids;
}

function describeCertificate(id: string, secrets: readonly string[]): Promise<CertificateDetail> {
    return callTencent<CertificateDetail>("ssl", DETAIL, { CertificateId: id }, { idempotent: true, secrets });
}

/** Ids per DescribeCertificates call (its Limit goes to 1000; the id filter's own bound is not documented). */
const CREATED_BATCH = 100;

/** One batcher of just-uploaded certificates per endpoint and account. */
const createdBatchers = new Map<string, Batcher<string, CertificateDetail>>();

/** The secrets of each create waiting for its read: redacted from whatever the read that serves it says. */
const createdSecrets = new Map<string, readonly string[]>();

/**
 * Reads for certificates just uploaded. One alone is a DescribeCertificateDetail, the read used
 * everywhere else, when that call would go at once; otherwise, and for those that pile up while
 * a read is in flight or waits for its permit, one DescribeCertificates by CertIds. Describe* is
 * 10 calls a second each, uploads 20: a detail per upload made a bulk create twice as slow as its
 * uploads, and under the engine, where creates come one at a time, every create stalled behind
 * the detail's pacing, holding the engine's workers. The list gives the detail's fields but the
 * key material (a new certificate holds what was uploaded) and CertFingerprint (toOutputs takes
 * the leaf's), and its SubjectAltName names the primary domain, which the detail leaves out.
 */
async function readCreated(ids: readonly string[]): Promise<ReadonlyMap<string, CertificateDetail>> {
    const secrets = ids.flatMap((id) => createdSecrets.get(id) ?? []);
    if (ids.length === 1 && tencentPermitFree(DETAIL)) return new Map([[ids[0]!, await describeCertificate(ids[0]!, secrets)]]);
    const res = await callTencent<{ Certificates?: CertificateDetail[] }>("ssl", LIST, { CertIds: ids, Offset: 0, Limit: ids.length }, { idempotent: true, secrets });
    const found = new Map<string, CertificateDetail>();
    for (const item of res.Certificates ?? []) {
        if (!item.CertificateId) continue;
        const names = Array.isArray(item.SubjectAltName) ? item.SubjectAltName.filter((name) => name !== item.Domain) : item.SubjectAltName;
        found.set(item.CertificateId, { ...item, SubjectAltName: names });
    }
    return found;
}

/** A certificate this create has just uploaded, read with those of concurrent creates (readCreated); the detail when the list lacks it. */
async function describeCreatedCertificate(id: string, secrets: readonly string[]): Promise<CertificateDetail> {
    const scope = tencentScope("ssl");
    let batcher = createdBatchers.get(scope);
    if (batcher === undefined) {
        batcher = new Batcher(readCreated, CREATED_BATCH, () => untilTencentPermitFree([DETAIL, LIST]));
        createdBatchers.set(scope, batcher);
    }
    createdSecrets.set(id, secrets);
    try {
        return (await batcher.get(id)) ?? (await describeCertificate(id, secrets));
    } finally {
        createdSecrets.delete(id);
    }
}

/** A fingerprint as uppercase hex without separators, however the vendor or node:crypto wrote it. */
const plainHex = (v: string): string => v.replace(/:/g, "").toUpperCase();

/** The leaf's SHA-1 fingerprint (plainHex), or "" when it does not parse. */
function leafSha1(pem: string | undefined): string {
    try {
        return plainHex(parseCertificateChain(pem ?? "")[0].fingerprintSha1);
    } catch {
        return "";
    }
}

/** Whether a stored certificate is exactly what this upload would have made. */
function isThisUpload(detail: CertificateDetail, inputs: TencentCertificateInputs): boolean {
    let samePublicKey: boolean;
    try {
        const leaf = parseCertificateChain(inputs.certificatePublicKey)[0];
        samePublicKey = detail.CertFingerprint
            ? plainHex(detail.CertFingerprint) === plainHex(leaf.fingerprintSha1)
            : typeof detail.CertificatePublicKey === "string" && samePem(detail.CertificatePublicKey, inputs.certificatePublicKey);
    } catch {
        return false;
    }
    return (
        samePublicKey &&
        (detail.Alias ?? "") === inputs.alias &&
        (detail.CertificateType ?? "SVR") === inputs.certificateType &&
        (Number.parseInt(String(detail.ProjectId ?? "0"), 10) || 0) === inputs.projectId &&
        (!Array.isArray(detail.Tags) || sameValue("tags", tagsFromList(detail.Tags), inputs.tags))
    );
}

type UploadReply = { CertificateId?: string; RepeatCertId?: string | null };

function uploadParams(inputs: TencentCertificateInputs, repeatable: boolean): Record<string, unknown> {
    const params: Record<string, unknown> = {
        CertificatePublicKey: inputs.certificatePublicKey,
        CertificateType: inputs.certificateType,
        Repeatable: repeatable,
    };
    if (inputs.certificatePrivateKey) params.CertificatePrivateKey = inputs.certificatePrivateKey;
    if (inputs.keyPassword) params.KeyPassword = inputs.keyPassword;
    if (inputs.alias) params.Alias = inputs.alias;
    if (inputs.projectId) params.ProjectId = inputs.projectId;
    if (inputs.certificateUse) params.CertificateUse = inputs.certificateUse;
    if (Object.keys(inputs.tags ?? {}).length > 0) params.Tags = tagsToList(inputs.tags);
    return params;
}

/**
 * One UploadCertificate. With repeatable=false Tencent answers a known certificate with the
 * existing one's id: that copy is adopted (and never deleted here), unless a create in this
 * process made or holds it, in which case this resource gets a copy of its own instead.
 */
async function upload(inputs: TencentCertificateInputs, secrets: readonly string[], scope: string): Promise<Created<TencentCertificateOutputs>> {
    const reply = await callTencent<UploadReply>("ssl", "UploadCertificate", uploadParams(inputs, inputs.repeatable), { idempotent: false, secrets });
    const repeatId = reply.RepeatCertId || "";
    const id = reply.CertificateId || repeatId;
    if (!id) throw new Error("Tencent UploadCertificate returned no CertificateId");
    const adopted = repeatId !== "" && (!reply.CertificateId || reply.CertificateId === repeatId);
    if (adopted && isClaimed({ label: UPLOAD, scope }, repeatId)) {
        debugLog(`${UPLOAD}: ${repeatId} belongs to another resource of this stack; uploading a copy of this resource's own`);
        const own = await callTencent<UploadReply>("ssl", "UploadCertificate", uploadParams(inputs, true), { idempotent: false, secrets });
        if (!own.CertificateId) throw new Error("Tencent UploadCertificate returned no CertificateId");
        return { id: own.CertificateId, state: { adopted: false } };
    }
    return { id, state: { adopted } };
}

/** UploadCertificate without duplicates: a lost reply is looked for among new uploads identical to ours. */
function uploadSteps(inputs: TencentCertificateInputs, context: CallContext, pending?: PendingCreate): CreateOnceSteps<Created<TencentCertificateOutputs>> {
    const scope = tencentScope("ssl");
    return {
        label: UPLOAD,
        scope,
        // Only a lost reply lists by name: decoding the leaf's names is left to that rare path.
        list: () => listCertificateIds(searchKeyFor(inputs.certificatePublicKey)),
        // Every upload of a stack shares one listing of the account's certificates (DescribeCertificates is 10/s).
        sharedSnapshot: { key: "all", list: () => listCertificateIds(undefined) },
        create: () => upload(inputs, context.secrets, scope),
        async find(appeared) {
            const matches: string[] = [];
            for (const id of appeared) {
                const detail = await describeCertificate(id, context.secrets);
                if (isThisUpload(detail, inputs) && (!pending || madeAround(detail.InsertTime, pending.at))) matches.push(id);
            }
            if (matches.length > 1) {
                throw new Error(`${UPLOAD}: the reply was lost and ${matches.length} identical certificates appeared meanwhile (${matches.join(", ")}); delete the extra ones in the console and run again`);
            }
            return matches.length === 1 ? { id: matches[0]!, state: { adopted: false } } : undefined;
        },
        idOf: (created) => created.id,
    };
}

function toOutputs(id: string, inputs: TencentCertificateInputs, detail: CertificateDetail, previous: Partial<TencentCertificateOutputs> | undefined): TencentCertificateOutputs {
    const projectId = Number.parseInt(String(detail.ProjectId ?? ""), 10);
    const returnedCert = detail.CertificatePublicKey;
    const returnedKey = detail.CertificatePrivateKey;
    // A key handed back in another encoding is the same key; only a different key is drift.
    const keyDrift =
        typeof returnedKey === "string" &&
        returnedKey.trim() !== "" &&
        privateKeyIdentity(returnedKey, inputs.keyPassword) !== undefined &&
        privateKeyIdentity(returnedKey, inputs.keyPassword) !== privateKeyIdentity(inputs.certificatePrivateKey, inputs.keyPassword);
    const certificatePublicKey =
        typeof returnedCert === "string" && returnedCert.trim() !== "" && !samePem(returnedCert, inputs.certificatePublicKey ?? "")
            ? normalizePem(returnedCert)
            : inputs.certificatePublicKey;
    return {
        ...inputs,
        certificatePublicKey,
        certificatePrivateKey: keyDrift ? normalizePem(returnedKey as string) : inputs.certificatePrivateKey,
        certificateType: detail.CertificateType === "CA" || detail.CertificateType === "SVR" ? detail.CertificateType : inputs.certificateType,
        alias: detail.Alias ?? inputs.alias,
        projectId: Number.isNaN(projectId) ? inputs.projectId : projectId,
        tags: Array.isArray(detail.Tags) ? tagsFromList(detail.Tags) : inputs.tags,
        expiryWarningDays: inputs.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        certificateId: id,
        domain: detail.Domain ?? "",
        subjectAltNames: Array.isArray(detail.SubjectAltName) ? detail.SubjectAltName : [],
        certBeginTime: tencentTimeToIso(detail.CertBeginTime) ?? "",
        certEndTime: tencentTimeToIso(detail.CertEndTime) ?? "",
        insertTime: tencentTimeToIso(detail.InsertTime) ?? "",
        status: typeof detail.Status === "number" ? detail.Status : -1,
        statusName: detail.StatusName ?? "",
        // DescribeCertificates (the batched read after an upload) has no CertFingerprint: the leaf's SHA-1, which it is.
        fingerprint: plainHex(detail.CertFingerprint ?? "") || leafSha1(certificatePublicKey),
        adopted: previous?.adopted ?? false,
        // What Tencent reports; the framework fills the rest (and these, when absent) from the PEM.
        notBefore: tencentTimeToIso(detail.CertBeginTime) ?? "",
        notAfter: tencentTimeToIso(detail.CertEndTime) ?? "",
        serialNumber: "",
        fingerprintSha256: "",
    };
}

/** Inputs recovered from a certificate's detail alone (the get path). */
function inputsFromDetail(detail: CertificateDetail): TencentCertificateInputs {
    return {
        certificatePublicKey: detail.CertificatePublicKey ? normalizePem(detail.CertificatePublicKey) : "",
        certificatePrivateKey: detail.CertificatePrivateKey ? normalizePem(detail.CertificatePrivateKey) : undefined,
        certificateType: detail.CertificateType === "CA" ? "CA" : "SVR",
        alias: detail.Alias ?? "",
        projectId: Number.parseInt(String(detail.ProjectId ?? "0"), 10) || 0,
        certificateUse: "",
        tags: tagsFromList(detail.Tags),
        repeatable: true,
        expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS,
    };
}

/** Brings alias, project and tags of certificate `id` from `current` to `desired`; true when it changed any. */
async function applyAttributes(id: string, current: TencentCertificateInputs, desired: TencentCertificateInputs): Promise<boolean> {
    let changed = false;
    if ((current.alias ?? "") !== (desired.alias ?? "")) {
        await callTencent("ssl", "ModifyCertificateAlias", { CertificateId: id, Alias: desired.alias ?? "" }, { idempotent: true });
        changed = true;
    }
    if ((current.projectId ?? 0) !== (desired.projectId ?? 0)) {
        const res = await callTencent<{ FailCertificates?: string[] }>(
            "ssl",
            "ModifyCertificateProject",
            { CertificateIdList: [id], ProjectId: desired.projectId ?? 0 },
            { idempotent: true },
        );
        if ((res.FailCertificates ?? []).includes(id)) {
            throw new Error(`Tencent ModifyCertificateProject could not move ${id} to project ${desired.projectId}: check that the project exists and the credentials may use it`);
        }
        changed = true;
    }
    if (!sameValue("tags", current.tags, desired.tags)) {
        await syncTencentTags(certificateTagResource(id), current.tags ?? {}, desired.tags ?? {});
        changed = true;
    }
    return changed;
}

const leafFingerprint = (pem: unknown): string | undefined => (typeof pem === "string" ? expiryOf(pem)?.fingerprintSha256 : undefined);

/** TencentCertificate, declared on the resource framework. */
export const tencentCertificateDefinition: ResourceDefinition<TencentCertificateInputs, TencentCertificateOutputs, CertificateDetail> = {
    vendor: "Tencent",
    name: "TencentCertificate",
    inputs: {
        certificatePublicKey: { change: "replace", compare: "pem", reported: true },
        certificatePrivateKey: { change: "replace", compare: "privateKey", secret: true, reported: true },
        certificateType: { change: "replace", default: "SVR", reported: true },
        alias: { change: "update", autoName: ALIAS_RULE, text: true, reported: true },
        projectId: { change: "update", default: 0, reported: true },
        certificateUse: { change: "replace", default: "" },
        tags: { change: "update", compare: "tags", default: {}, reported: true },
        repeatable: { change: "state", default: true },
        keyPassword: { change: "replace", secret: true },
        expiryWarningDays: { change: "state", default: DEFAULT_EXPIRY_WARNING_DAYS },
    },
    outputs: {
        certificateId: {},
        domain: {},
        subjectAltNames: {},
        certBeginTime: {},
        certEndTime: {},
        insertTime: {},
        status: {},
        statusName: {},
        fingerprint: {},
        adopted: {},
        notBefore: {},
        notAfter: {},
        serialNumber: {},
        fingerprintSha256: {},
    },
    idOutput: "certificateId",
    certificateInput: "certificatePublicKey",

    validate(c, news, context) {
        const certificateType = c.oneOf<TencentCertificateType>("certificateType", ["SVR", "CA"]);
        if (!c.isSet("certificatePublicKey")) c.fail("certificatePublicKey", "certificatePublicKey is required: the PEM certificate, leaf first, followed by its chain");
        const certificate = typeof news.certificatePublicKey === "string" && !c.isUnknown("certificatePublicKey") ? news.certificatePublicKey : undefined;
        const keyGiven = c.isSet("certificatePrivateKey");
        c.string("alias", { maxLength: ALIAS_RULE.maxLength });
        c.integer("projectId", { min: 0 });
        // "" (the default) means no particular product.
        if (news.certificateUse !== "") {
            c.string("certificateUse", {
                pattern: new RegExp(`^(${USES.join("|")})(,(${USES.join("|")}))*$`),
                patternHelp: `must be a comma-separated list of ${USES.join(", ")} (e.g. "CLB,CDN"), or "" for none`,
            });
        }
        c.tags("tags", TENCENT_TAG_LIMITS);
        c.boolean("repeatable");
        c.integer("expiryWarningDays", { min: 0, max: 3650 });
        if (certificateType === "SVR" && !keyGiven) {
            c.fail("certificatePrivateKey", "certificatePrivateKey is required when certificateType is SVR: supply the PEM private key of the certificate, or set certificateType to CA for a CA certificate");
        }
        if (c.isSet("certificatePublicKey")) {
            // An unchanged certificate that has expired is a warning (from the resource class), never a failure.
            const validity = { checkValidity: context.changed("certificatePublicKey") };
            c.failures.push(
                ...checkCertificateBundle({
                    certificate: { property: "certificatePublicKey", value: news.certificatePublicKey },
                    privateKey: { property: "certificatePrivateKey", value: news.certificatePrivateKey },
                    password: { property: "keyPassword", value: news.keyPassword },
                    requireKey: false,
                    now: context.now,
                    ...validity,
                }),
            );
        }
        if (certificate !== undefined && certificateType === "CA" && !isCaCertificate(certificate)) {
            c.fail("certificatePublicKey", "certificatePublicKey is not a CA certificate (basicConstraints CA:FALSE): use certificateType SVR for a server certificate");
        }
    },

    createSteps: uploadSteps,

    describe: (id, context) => describeCertificate(id, context.secrets),

    describeCreated: (id, context) => describeCreatedCertificate(id, context.secrets),

    isNotFound: isTencentNotFound,

    async converge(id, desired, current, context) {
        // An adopted certificate is someone else's: referenced, never renamed, re-tagged or moved.
        const changed = current.adopted ? false : await applyAttributes(id, current, desired);
        // Tencent reviews some uploads (status 0) before they can be used, as Terraform waits for.
        for (let i = 0; i < 10 && current.status === 0 && !changed; i++) {
            await context.sleep(500 * (i + 1));
            if ((await describeCertificate(id, context.secrets)).Status !== 0) return true;
        }
        return changed;
    },

    async remove(id, state) {
        if (state.adopted) {
            debugLog(`Tencent certificate ${id} was adopted, not created, by this stack: left in place`);
            return;
        }
        const res = await callTencent<{ DeleteResult?: boolean }>("ssl", "DeleteCertificate", { CertificateId: id }, { idempotent: true });
        if (res.DeleteResult === false) throw new Error(`Tencent DeleteCertificate did not delete ${id} (DeleteResult false); it may still be bound to cloud resources`);
    },

    toOutputs,
    inputsFromRecord: inputsFromDetail,

    refineDiff(olds, news, changed) {
        const sameLeaf = leafFingerprint(olds.certificatePublicKey) !== undefined && leafFingerprint(olds.certificatePublicKey) === leafFingerprint(news.certificatePublicKey);
        const replaced = changed.filter((key) => tencentCertificateDefinition.inputs[key as keyof TencentCertificateInputs]?.change === "replace");
        if (olds.adopted && news.repeatable === false && sameLeaf && replaced.length > 0) {
            // Uploading the same leaf again would adopt the same certificate, leaving the change undone.
            throw new Error(
                `TencentCertificate ${olds.certificateId} was adopted (repeatable: false found it already uploaded), so this stack does not own it and cannot change ${replaced.join(", ")}: ` +
                    "set repeatable: true to upload a copy of this stack's own, or change the certificate where it was uploaded",
            );
        }
        return {
            // Adopted: alias, project and tags belong to whoever uploaded it.
            ignore: olds.adopted ? ["alias", "projectId", "tags"] : [],
            // With repeatable=false, uploading a certificate whose leaf Tencent already holds adopts the
            // old copy, which the replacement's delete would then remove: delete it first in that case.
            deleteBeforeReplace: news.repeatable === false && sameLeaf,
        };
    },

    findHint: (inputs) => `run \`DescribeCertificates\` with SearchKey "${inputs.alias}" (or search the SSL console for the alias), and compare the fingerprint with the certificate's`,
};

/** The implementation behind tencentCertificateProvider; see core/delegate.ts for why it lives apart. */
export const tencentCertificateProviderImpl = defineProvider(tencentCertificateDefinition);
