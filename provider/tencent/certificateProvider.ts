import type * as dynamic from "@pulumi/pulumi/dynamic";
import { createOnce } from "../core/createOnce";
import { PartialCreateError } from "../core/errors";
import { debugLog } from "../core/log";
import { privateKeyIdentity } from "../core/keyIdentity";
import { sanitizeOutputs } from "../core/outputs";
import { checkCertificateBundle, normalizePem, parseCertificateChain, samePem } from "../core/pem";
import { useStackConfig } from "../core/settings";
import { changedKeys, InputChecker, type Inputs } from "../core/validate";
import { callTencent, isTencentNotFound } from "./client";
import { certificateTagResource, sameTags, syncTencentTags, TENCENT_TAG_LIMITS, tagsFromList, tagsToList } from "./tags";
import { tencentTimeToIso } from "./time";

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
}

export interface TencentCertificateOutputs extends TencentCertificateInputs {
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
const SECRET_INPUTS = ["certificatePrivateKey", "keyPassword"];
const REPLACE_KEYS = ["certificatePublicKey", "certificatePrivateKey", "certificateType", "certificateUse", "keyPassword"];
const UPDATE_KEYS = ["alias", "projectId", "tags"];

function pemEqual(key: string, a: unknown, b: unknown): boolean {
    if (key === "certificatePublicKey" || key === "certificatePrivateKey") {
        return typeof a === "string" && typeof b === "string" ? samePem(a, b) : (a ?? null) === (b ?? null);
    }
    if (key === "tags") return sameTags(a, b);
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Whether the leaf is a CA certificate; false when it does not parse (checkCertificateBundle reports that). */
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
            "DescribeCertificates",
            { Offset: page * 1000, Limit: 1000, ...(searchKey ? { SearchKey: searchKey } : {}) },
            { idempotent: true },
        );
        for (const c of res.Certificates ?? []) if (c.CertificateId) ids.add(c.CertificateId);
        if ((res.Certificates ?? []).length < 1000 || ids.size >= (res.TotalCount ?? 0)) break;
    }
    return ids;
}

async function describeCertificate(id: string, secrets: ReadonlyArray<string | undefined>): Promise<CertificateDetail> {
    return callTencent<CertificateDetail>("ssl", "DescribeCertificateDetail", { CertificateId: id }, { idempotent: true, secrets });
}

/** Whether a stored certificate is exactly what this upload would have made. */
function isThisUpload(detail: CertificateDetail, inputs: TencentCertificateInputs): boolean {
    const plainHex = (v: string) => v.replace(/:/g, "").toUpperCase();
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
        (!Array.isArray(detail.Tags) || sameTags(tagsFromList(detail.Tags), inputs.tags))
    );
}

type UploadReply = { CertificateId?: string; RepeatCertId?: string | null };

/** UploadCertificate without duplicates: a lost reply is looked for among new uploads identical to ours. */
function uploadWithoutDuplicates(params: Record<string, unknown>, inputs: TencentCertificateInputs, secrets: ReadonlyArray<string | undefined>): Promise<UploadReply> {
    const searchKey = searchKeyFor(inputs.certificatePublicKey);
    return createOnce<UploadReply>({
        label: "Tencent UploadCertificate",
        list: () => listCertificateIds(searchKey),
        create: () => callTencent<UploadReply>("ssl", "UploadCertificate", params, { idempotent: false, secrets }),
        async find(appeared) {
            const matches: string[] = [];
            for (const id of appeared) if (isThisUpload(await describeCertificate(id, secrets), inputs)) matches.push(id);
            if (matches.length > 1) {
                throw new Error(`Tencent UploadCertificate: the reply was lost and ${matches.length} identical certificates appeared meanwhile (${matches.join(", ")}); delete the extra ones in the console and run again`);
            }
            return matches.length === 1 ? { CertificateId: matches[0], RepeatCertId: "" } : undefined;
        },
        idOf: (reply) => reply.CertificateId || reply.RepeatCertId || "",
    });
}

function toOutputs(id: string, inputs: TencentCertificateInputs, detail: CertificateDetail, adopted: boolean): TencentCertificateOutputs {
    const projectId = Number.parseInt(String(detail.ProjectId ?? ""), 10);
    const returnedCert = detail.CertificatePublicKey;
    const returnedKey = detail.CertificatePrivateKey;
    // A key handed back in another encoding is the same key; only a different key is drift.
    const keyDrift =
        typeof returnedKey === "string" &&
        returnedKey.trim() !== "" &&
        privateKeyIdentity(returnedKey, inputs.keyPassword) !== undefined &&
        privateKeyIdentity(returnedKey, inputs.keyPassword) !== privateKeyIdentity(inputs.certificatePrivateKey, inputs.keyPassword);
    return {
        ...inputs,
        certificatePublicKey:
            typeof returnedCert === "string" && returnedCert.trim() !== "" && !samePem(returnedCert, inputs.certificatePublicKey ?? "")
                ? normalizePem(returnedCert)
                : inputs.certificatePublicKey,
        certificatePrivateKey: keyDrift ? normalizePem(returnedKey as string) : inputs.certificatePrivateKey,
        certificateType: detail.CertificateType === "CA" || detail.CertificateType === "SVR" ? detail.CertificateType : inputs.certificateType,
        alias: detail.Alias ?? inputs.alias,
        projectId: Number.isNaN(projectId) ? inputs.projectId : projectId,
        tags: Array.isArray(detail.Tags) ? tagsFromList(detail.Tags) : inputs.tags,
        certificateId: id,
        domain: detail.Domain ?? "",
        subjectAltNames: Array.isArray(detail.SubjectAltName) ? detail.SubjectAltName : [],
        certBeginTime: tencentTimeToIso(detail.CertBeginTime) ?? "",
        certEndTime: tencentTimeToIso(detail.CertEndTime) ?? "",
        insertTime: tencentTimeToIso(detail.InsertTime) ?? "",
        status: typeof detail.Status === "number" ? detail.Status : -1,
        statusName: detail.StatusName ?? "",
        fingerprint: detail.CertFingerprint ?? "",
        adopted,
    };
}

/** Inputs as recorded in state, recovered from outputs (for read of an imported certificate). */
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
    };
}

/** Waits briefly for an upload to leave "under review" (status 0), as Terraform does. */
async function waitUntilAvailable(id: string, secrets: ReadonlyArray<string | undefined>): Promise<CertificateDetail> {
    let detail = await describeCertificate(id, secrets);
    for (let i = 0; i < 10 && detail.Status === 0; i++) {
        await new Promise((r) => setTimeout(r, 500 * (i + 1)));
        detail = await describeCertificate(id, secrets);
    }
    return detail;
}

export class TencentCertificateProvider implements dynamic.ResourceProvider<TencentCertificateInputs, TencentCertificateOutputs> {
    async configure(req: dynamic.ConfigureRequest): Promise<void> {
        useStackConfig(req.config);
    }

    async check(_olds: TencentCertificateInputs, checked: TencentCertificateInputs): Promise<dynamic.CheckResult<TencentCertificateInputs>> {
        const news = checked as unknown as Inputs;
        const c = new InputChecker(news, SECRET_INPUTS);
        const certificateType = c.oneOf<TencentCertificateType>("certificateType", ["SVR", "CA"], "SVR");
        if (!c.isSet("certificatePublicKey")) c.fail("certificatePublicKey", "certificatePublicKey is required: the PEM certificate, leaf first, followed by its chain");
        const certificate = typeof news.certificatePublicKey === "string" && !c.isUnknown("certificatePublicKey") ? news.certificatePublicKey : undefined;
        const keyText = typeof news.certificatePrivateKey === "string" && !c.isUnknown("certificatePrivateKey") ? news.certificatePrivateKey : undefined;
        const keyGiven = c.isUnknown("certificatePrivateKey") || (keyText !== undefined && keyText.trim() !== "");
        const alias = c.string("alias", { maxLength: 200 });
        const projectId = c.integer("projectId", { min: 0 });
        const use = c.string("certificateUse", {
            pattern: new RegExp(`^(${USES.join("|")})(,(${USES.join("|")}))*$`),
            patternHelp: `must be a comma-separated list of ${USES.join(", ")} (e.g. "CLB,CDN")`,
        });
        const tags = c.tags("tags", TENCENT_TAG_LIMITS);
        const repeatable = c.boolean("repeatable", true);
        if (certificateType === "SVR" && !keyGiven) {
            c.fail("certificatePrivateKey", "certificatePrivateKey is required when certificateType is SVR: supply the PEM private key of the certificate, or set certificateType to CA for a CA certificate");
        }
        if (c.isSet("certificatePublicKey")) {
            c.failures.push(
                ...checkCertificateBundle({
                    certificate: { property: "certificatePublicKey", value: news.certificatePublicKey },
                    privateKey: { property: "certificatePrivateKey", value: news.certificatePrivateKey },
                    password: { property: "keyPassword", value: news.keyPassword },
                    requireKey: false,
                    now: new Date(),
                }),
            );
        }
        if (certificate !== undefined && certificateType === "CA" && !isCaCertificate(certificate)) {
            c.fail("certificatePublicKey", "certificatePublicKey is not a CA certificate (basicConstraints CA:FALSE): use certificateType SVR for a server certificate");
        }
        const inputs: Record<string, unknown> = {
            ...news,
            certificateType: certificateType ?? news.certificateType,
            certificatePublicKey: certificate !== undefined ? normalizePem(certificate) : news.certificatePublicKey,
            alias: alias ?? news.alias ?? "",
            projectId: projectId ?? news.projectId ?? 0,
            certificateUse: use ?? news.certificateUse ?? "",
            tags: tags ?? news.tags ?? {},
            repeatable: repeatable ?? news.repeatable,
        };
        // An empty key or password (config often yields "") is the same as none.
        if (keyText !== undefined && keyGiven) inputs.certificatePrivateKey = normalizePem(keyText);
        else if (keyText !== undefined) delete inputs.certificatePrivateKey;
        if (news.keyPassword === "") delete inputs.keyPassword;
        return { inputs: sanitizeOutputs(inputs) as unknown as TencentCertificateInputs, failures: c.failures };
    }

    async diff(_id: string, olds: TencentCertificateOutputs, news: TencentCertificateInputs): Promise<dynamic.DiffResult> {
        const o = olds as unknown as Inputs;
        const n = news as unknown as Inputs;
        const replaces = changedKeys(o, n, REPLACE_KEYS, pemEqual);
        const updates = changedKeys(o, n, [...UPDATE_KEYS, "repeatable", "__provider"], pemEqual);
        return {
            changes: replaces.length + updates.length > 0,
            replaces,
            // Re-uploading the same certificate with repeatable=false would adopt the old copy, which
            // the replacement's delete would then remove: delete it first in that one case.
            deleteBeforeReplace: replaces.length > 0 && news.repeatable === false && !replaces.includes("certificatePublicKey"),
        };
    }

    async create(inputs: TencentCertificateInputs): Promise<dynamic.CreateResult<TencentCertificateOutputs>> {
        const secrets = [inputs.certificatePrivateKey, inputs.keyPassword];
        const params: Record<string, unknown> = {
            CertificatePublicKey: inputs.certificatePublicKey,
            CertificateType: inputs.certificateType,
            Repeatable: inputs.repeatable,
        };
        if (inputs.certificatePrivateKey) params.CertificatePrivateKey = inputs.certificatePrivateKey;
        if (inputs.keyPassword) params.KeyPassword = inputs.keyPassword;
        if (inputs.alias) params.Alias = inputs.alias;
        if (inputs.projectId) params.ProjectId = inputs.projectId;
        if (inputs.certificateUse) params.CertificateUse = inputs.certificateUse;
        if (Object.keys(inputs.tags ?? {}).length > 0) params.Tags = tagsToList(inputs.tags);

        const uploaded = await uploadWithoutDuplicates(params, inputs, secrets);
        const repeatId = uploaded.RepeatCertId || "";
        const id = uploaded.CertificateId || repeatId;
        if (!id) throw new Error("Tencent UploadCertificate returned no CertificateId");
        const adopted = repeatId !== "" && (!uploaded.CertificateId || uploaded.CertificateId === repeatId);
        try {
            let detail = await waitUntilAvailable(id, secrets);
            if (adopted) {
                // The stack declared these attributes; an adopted certificate gets them too, so the
                // next preview shows no changes (but it is never deleted by this stack).
                await applyAttributes(id, toOutputs(id, inputs, detail, true), inputs);
                detail = await describeCertificate(id, secrets);
            }
            return { id, outs: sanitizeOutputs(toOutputs(id, inputs, detail, adopted)) as unknown as TencentCertificateOutputs };
        } catch (error) {
            throw new PartialCreateError(id, sanitizeOutputs({ ...inputs, certificateId: id, adopted }), error as Error);
        }
    }

    async read(id: string, props?: TencentCertificateOutputs): Promise<dynamic.ReadResult<TencentCertificateOutputs>> {
        let detail: CertificateDetail;
        try {
            detail = await describeCertificate(id, [props?.certificatePrivateKey, props?.keyPassword]);
        } catch (error) {
            if (isTencentNotFound(error)) return {};
            throw error;
        }
        const known = props && typeof props.certificatePublicKey === "string" && props.certificatePublicKey !== "";
        const base: TencentCertificateInputs = known ? props : inputsFromDetail(detail);
        return { id, props: sanitizeOutputs(toOutputs(id, base, detail, props?.adopted ?? false)) as unknown as TencentCertificateOutputs };
    }

    async update(id: string, olds: TencentCertificateOutputs, news: TencentCertificateInputs): Promise<dynamic.UpdateResult<TencentCertificateOutputs>> {
        await applyAttributes(id, olds, news);
        const detail = await describeCertificate(id, [news.certificatePrivateKey, news.keyPassword]);
        return { outs: sanitizeOutputs(toOutputs(id, news, detail, olds.adopted ?? false)) as unknown as TencentCertificateOutputs };
    }

    async delete(id: string, props: TencentCertificateOutputs): Promise<void> {
        if (props.adopted) {
            debugLog(`Tencent certificate ${id} was adopted, not created, by this stack: left in place`);
            return;
        }
        try {
            const res = await callTencent<{ DeleteResult?: boolean }>("ssl", "DeleteCertificate", { CertificateId: id }, { idempotent: true });
            if (res.DeleteResult === false) throw new Error(`Tencent DeleteCertificate did not delete ${id} (DeleteResult false); it may still be bound to cloud resources`);
        } catch (error) {
            if (isTencentNotFound(error)) return;
            throw error;
        }
    }
}

/** Brings alias, project and tags of certificate `id` from `olds` to `news`. */
async function applyAttributes(id: string, olds: TencentCertificateInputs, news: TencentCertificateInputs): Promise<void> {
    if ((olds.alias ?? "") !== (news.alias ?? "")) {
        await callTencent("ssl", "ModifyCertificateAlias", { CertificateId: id, Alias: news.alias ?? "" }, { idempotent: true });
    }
    if ((olds.projectId ?? 0) !== (news.projectId ?? 0)) {
        const res = await callTencent<{ FailCertificates?: string[] }>(
            "ssl",
            "ModifyCertificateProject",
            { CertificateIdList: [id], ProjectId: news.projectId ?? 0 },
            { idempotent: true },
        );
        if ((res.FailCertificates ?? []).includes(id)) {
            throw new Error(`Tencent ModifyCertificateProject could not move ${id} to project ${news.projectId}: check that the project exists and the credentials may use it`);
        }
    }
    if (!sameTags(olds.tags, news.tags)) {
        await syncTencentTags(certificateTagResource(id), olds.tags ?? {}, news.tags ?? {});
    }
}

/** The implementation behind tencentCertificateProvider; see core/delegate.ts for why it lives apart. */
export const tencentCertificateProviderImpl = new TencentCertificateProvider();
