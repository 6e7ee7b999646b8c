import { randomUUID } from "node:crypto";
import type { X509Certificate } from "node:crypto";
import {
    PemError,
    commonName,
    isChainInOrder,
    keyMatchesCertificate,
    loadPrivateKey,
    parseCertificateChain,
    subjectAltNames,
} from "../core/x509";
import type { ActionContext, ActionDefinition } from "./api";
import { TencentError } from "./envelope";
import type { Params } from "./params";
import { EMULATOR_OWNER_UIN, randomAlphanumericId, type CertificateRecord, type TencentState } from "./state";
import { tagsProblem } from "./tags";
import { formatTencentTime } from "./time";

/** SSL (2019-12-05) certificate actions: upload, read, list, rename, move project, delete. */

const NOT_FOUND_MESSAGE = "The certificate does not exist.";
/** The vendor's own wording for a certificate that is still bound to a cloud resource. */
const BOUND_MESSAGE = "The certificate is associated with a Tencent Cloud resource and cannot be deleted.";

function invalidParam(message: string): TencentError {
    return new TencentError("FailedOperation.InvalidParam", message);
}

function findCertificate(state: TencentState, id: string): CertificateRecord {
    const record = state.certificates.get(id);
    if (!record) throw new TencentError("FailedOperation.CertificateNotFound", NOT_FOUND_MESSAGE);
    return record;
}

function parseChainOrFail(pem: string): X509Certificate[] {
    try {
        return parseCertificateChain(pem);
    } catch (error) {
        if (error instanceof PemError) {
            throw new TencentError("FailedOperation.CertificateParseError", `Certificate parsing failed (${error.message}). Please check for extra spaces or characters.`);
        }
        throw error;
    }
}

/** SHA-1 of the leaf's DER as uppercase hex without separators (see emulator/README.md). */
function fingerprintOf(certificate: X509Certificate): string {
    return certificate.fingerprint.replace(/:/g, "").toUpperCase();
}

function issuerNameOf(certificate: X509Certificate): string {
    const lines = certificate.issuer.split("\n");
    const pick = (prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length)).at(-1);
    return pick("CN=") ?? pick("O=") ?? "";
}

function findByFingerprint(state: TencentState, fingerprint: string): CertificateRecord | undefined {
    return state.certificates.list().find((c) => c.Fingerprint === fingerprint);
}

// ---------------------------------------------------------------------------------------------
// Views: what the read actions return for a stored certificate.

/** 1 = issued/available; 3 = expired (derived from the clock at read time). */
function statusOf(record: CertificateRecord, now: Date): { Status: number; StatusName: string } {
    return now.getTime() > new Date(record.NotAfter).getTime() ? { Status: 3, StatusName: "已过期" } : { Status: 1, StatusName: "已通过" };
}

function validityMonths(record: CertificateRecord): string {
    const days = (new Date(record.NotAfter).getTime() - new Date(record.NotBefore).getTime()) / 86_400_000;
    return String(Math.max(0, Math.round(days / 30.44)));
}

/** Names including the primary domain (DescribeCertificate / DescribeCertificates semantics). */
function allNames(record: CertificateRecord): string[] {
    return record.Domain && !record.AltNames.includes(record.Domain) ? [record.Domain, ...record.AltNames] : [...record.AltNames];
}

/** Fields shared by DescribeCertificate, DescribeCertificates items and DescribeCertificateDetail. */
function baseView(record: CertificateRecord, now: Date): Record<string, unknown> {
    return {
        OwnerUin: EMULATOR_OWNER_UIN,
        ProjectId: String(record.ProjectId),
        From: "upload",
        CertificateType: record.CertificateType,
        PackageType: null,
        ProductZhName: record.IssuerName,
        Domain: record.Domain,
        Alias: record.Alias,
        ...statusOf(record, now),
        StatusMsg: null,
        VerifyType: null,
        VulnerabilityStatus: null,
        CertBeginTime: formatTencentTime(record.NotBefore),
        CertEndTime: formatTencentTime(record.NotAfter),
        ValidityPeriod: validityMonths(record),
        InsertTime: formatTencentTime(record.InsertTime),
        OrderId: null,
        CertificateExtra: {
            DomainNumber: String(allNames(record).length),
            OriginCertificateId: null,
            ReplacedBy: null,
            ReplacedFor: null,
            RenewOrder: null,
            SMCert: 0,
            CompanyType: 0,
        },
        CertificateId: record.CertificateId,
        TypeName: null,
        IsVip: false,
        IsWildcard: record.Domain.startsWith("*."),
        IsDv: false,
        IsVulnerability: false,
        RenewAble: false,
        Deployable: true,
        Tags: record.Tags,
        EncryptAlgorithm: record.EncryptAlgorithm,
    };
}

function summaryView(record: CertificateRecord, now: Date): Record<string, unknown> {
    return { ...baseView(record, now), SubjectAltName: allNames(record) };
}

function detailView(record: CertificateRecord, now: Date): Record<string, unknown> {
    return {
        ...baseView(record, now),
        // Detail's SubjectAltName excludes the primary domain ("不包含主域名").
        SubjectAltName: record.AltNames.filter((name) => name !== record.Domain),
        // Only the detail has these: the SDKs' Certificates (DescribeCertificates' items) lack them.
        CertFingerprint: record.Fingerprint,
        CertificateUse: record.CertificateUse,
        CertificatePublicKey: record.CertificatePublicKey,
        CertificatePrivateKey: record.CertificatePrivateKey,
        RootCert: null,
        EncryptCert: null,
        EncryptPrivateKey: null,
        EncryptCertFingerprint: null,
        DvAuthDetail: null,
        VulnerabilityReport: null,
        SubmittedData: null,
    };
}

/** Inventory view: everything but the private key and its password. */
export function certificateInventoryView(record: CertificateRecord, now: Date): Record<string, unknown> {
    return {
        ...summaryView(record, now),
        CertificatePublicKey: record.CertificatePublicKey,
        hasPrivateKey: record.CertificatePrivateKey !== null,
        hasKeyPassword: record.KeyPassword !== null,
        boundResources: record.BoundResources,
    };
}

// ---------------------------------------------------------------------------------------------
// Upload.

/** Validates an upload like the vendor, returning the record to store (without ID and sequence). */
function checkUpload(params: Params, now: Date): Omit<CertificateRecord, "CertificateId" | "seq"> {
    const publicKey = params.requiredString("CertificatePublicKey");
    const privateKey = params.optionalString("CertificatePrivateKey");
    const type = params.optionalString("CertificateType") ?? "SVR";
    const alias = params.optionalString("Alias") ?? "";
    const projectId = params.optionalInteger("ProjectId") ?? 0;
    const use = params.optionalString("CertificateUse") ?? null;
    const tags = params.optionalTags("Tags") ?? [];
    const password = params.optionalString("KeyPassword");

    if (type !== "SVR" && type !== "CA") throw invalidParam(`CertificateType must be SVR or CA, not \`${type}\`.`);
    if (projectId < 0) throw invalidParam("ProjectId must not be negative.");
    const tagIssue = tagsProblem(tags);
    if (tagIssue) throw invalidParam(`Invalid Tags: ${tagIssue}.`);

    const chain = parseChainOrFail(publicKey);
    const leaf = chain[0];
    if (!isChainInOrder(chain)) {
        throw new TencentError("FailedOperation.CertificateChainError", "The certificate chain is incomplete or out of order: each certificate must be signed by the next one.");
    }

    let storedKey: string | null = null;
    if (type === "SVR") {
        if (privateKey === undefined || privateKey.trim() === "") throw invalidParam("CertificatePrivateKey is required when CertificateType is SVR.");
        const loaded = loadPrivateKey(privateKey, password);
        if (!loaded.ok && loaded.reason === "unparseable") {
            throw new TencentError("FailedOperation.CertificateParseError", "The private key cannot be parsed. Please check for extra spaces or characters.");
        }
        if (!loaded.ok) {
            throw new TencentError("InvalidParameter.WithDetailReason", "The private key is encrypted and KeyPassword is missing or wrong.");
        }
        if (!keyMatchesCertificate(loaded.key, leaf)) {
            throw new TencentError("FailedOperation.CertificateMismatch", "The certificate and the private key do not match.");
        }
        storedKey = privateKey;
    } else if (!leaf.ca) {
        throw new TencentError("FailedOperation.CertificateCaError", "The certificate is not a valid CA certificate. Please check the certificate type.");
    }

    const publicKeyType = leaf.publicKey.asymmetricKeyType;
    return {
        CertificatePublicKey: publicKey,
        CertificatePrivateKey: storedKey,
        KeyPassword: storedKey !== null && password !== undefined && password !== "" ? password : null,
        CertificateType: type,
        Alias: alias,
        ProjectId: projectId,
        CertificateUse: use,
        Tags: tags,
        InsertTime: now.toISOString(),
        Domain: commonName(leaf) ?? subjectAltNames(leaf)[0] ?? "",
        AltNames: subjectAltNames(leaf),
        NotBefore: new Date(leaf.validFrom).toISOString(),
        NotAfter: new Date(leaf.validTo).toISOString(),
        Fingerprint: fingerprintOf(leaf),
        EncryptAlgorithm: publicKeyType === "rsa" ? "RSA" : publicKeyType === "ec" ? "ECC" : (publicKeyType ?? "").toUpperCase(),
        IssuerName: issuerNameOf(leaf),
        BoundResources: [],
    };
}

function upload(params: Params, { now, state }: ActionContext) {
    const repeatable = params.optionalBoolean("Repeatable") ?? true;
    const fields = checkUpload(params, now);
    if (!repeatable) {
        // The call succeeds but stores nothing and names the existing certificate.
        const existing = findByFingerprint(state, fields.Fingerprint);
        if (existing) return { CertificateId: "", RepeatCertId: existing.CertificateId };
    }
    const id = randomAlphanumericId((candidate) => state.certificates.has(candidate));
    state.certificates.put(id, { CertificateId: id, seq: state.nextCertificateSeq(), ...fields });
    return { CertificateId: id, RepeatCertId: "" };
}

// ---------------------------------------------------------------------------------------------
// Lists.

const MAX_CERTIFICATE_LIST_LIMIT = 1000;

function describeCertificates(params: Params, { now, state }: ActionContext) {
    const offset = params.optionalInteger("Offset") ?? 0;
    const limit = params.optionalInteger("Limit") ?? 10;
    const searchKey = params.optionalString("SearchKey")?.trim().toLowerCase();
    const type = params.optionalString("CertificateType");
    const projectId = params.optionalInteger("ProjectId");
    const statuses = params.optionalIntegerArray("CertificateStatus");
    const source = params.optionalString("FilterSource");
    const tags = params.optionalTags("Tags");
    const ids = params.optionalStringArray("CertIds");
    const expirationSort = params.optionalString("ExpirationSort");
    // Deployable, Upload, Renew, IsSM, FilterExpiring, Hostable, IsPendingIssue and ServiceId are accepted
    // and ignored: every emulated certificate is an uploaded, deployable, non-SM one.

    if (offset < 0) throw new TencentError("InvalidParameterValue", "Offset must not be negative.");
    if (limit < 0 || limit > MAX_CERTIFICATE_LIST_LIMIT) throw new TencentError("InvalidParameterValue", `Limit must be between 0 and ${MAX_CERTIFICATE_LIST_LIMIT}.`);
    if (source !== undefined && source !== "upload" && source !== "buy") throw new TencentError("InvalidParameterValue", "FilterSource must be upload or buy.");
    if (expirationSort !== undefined && expirationSort !== "ASC" && expirationSort !== "DESC") {
        throw new TencentError("InvalidParameterValue", "ExpirationSort must be ASC or DESC.");
    }

    let matches = state.certificates.list().filter((c) => {
        if (searchKey && ![c.CertificateId, c.Alias, ...allNames(c)].some((s) => s.toLowerCase().includes(searchKey))) return false;
        if (type !== undefined && c.CertificateType !== type) return false;
        if (projectId !== undefined && c.ProjectId !== projectId) return false;
        if (statuses && statuses.length > 0 && !statuses.includes(statusOf(c, now).Status)) return false;
        if (source === "buy") return false;
        if (ids && ids.length > 0 && !ids.includes(c.CertificateId)) return false;
        if (tags && !tags.every((t) => c.Tags.some((ct) => ct.TagKey === t.TagKey && ct.TagValue === t.TagValue))) return false;
        return true;
    });
    matches = expirationSort
        ? matches.sort((a, b) => (Date.parse(a.NotAfter) - Date.parse(b.NotAfter)) * (expirationSort === "ASC" ? 1 : -1))
        : matches.sort((a, b) => b.seq - a.seq);
    return { TotalCount: matches.length, Certificates: matches.slice(offset, offset + limit).map((c) => summaryView(c, now)) };
}

// ---------------------------------------------------------------------------------------------
// Delete.

function deleteCertificate(params: Params, { now, state }: ActionContext) {
    const id = params.requiredString("CertificateId");
    const checkResource = params.optionalBoolean("IsCheckResource") ?? false;
    const record = findCertificate(state, id);
    const bound = record.BoundResources.length > 0;
    if (!checkResource) {
        if (bound) throw new TencentError("FailedOperation.DeleteResourceFailed", BOUND_MESSAGE);
        state.certificates.delete(id);
        return { DeleteResult: true };
    }
    // Asynchronous mode: the vendor checks bindings in a task. The emulator finishes the task at once;
    // the result is read with DescribeDeleteCertificatesTaskResult.
    const taskId = randomUUID();
    if (!bound) state.certificates.delete(id);
    state.deleteTasks.put(taskId, {
        TaskId: taskId,
        CertId: id,
        Status: bound ? 4 : 1,
        Error: bound ? BOUND_MESSAGE : null,
        CacheTime: formatTencentTime(now),
        Domains: allNames(record),
    });
    return { DeleteResult: false, TaskId: taskId };
}

// ---------------------------------------------------------------------------------------------

export const certificateActions = {
    UploadCertificate: {
        params: ["CertificatePublicKey", "CertificatePrivateKey", "CertificateType", "Alias", "ProjectId", "CertificateUse", "Tags", "Repeatable", "KeyPassword"],
        run: upload,
    },
    DescribeCertificateDetail: {
        params: ["CertificateId"],
        run(params, { now, state }) {
            return detailView(findCertificate(state, params.requiredString("CertificateId")), now);
        },
    },
    DescribeCertificate: {
        params: ["CertificateId"],
        run(params, { now, state }) {
            return summaryView(findCertificate(state, params.requiredString("CertificateId")), now);
        },
    },
    DescribeCertificates: {
        params: [
            "Offset", "Limit", "SearchKey", "CertificateType", "ProjectId", "ExpirationSort", "CertificateStatus", "Deployable",
            "Upload", "Renew", "FilterSource", "IsSM", "FilterExpiring", "Hostable", "Tags", "IsPendingIssue", "CertIds", "ServiceId",
        ],
        run: describeCertificates,
    },
    CheckCertificateExist: {
        params: ["CertificatePublicKey"],
        run(params, { state }) {
            const leaf = parseChainOrFail(params.requiredString("CertificatePublicKey"))[0];
            return { RepeatCertId: findByFingerprint(state, fingerprintOf(leaf))?.CertificateId ?? "" };
        },
    },
    ModifyCertificateAlias: {
        params: ["CertificateId", "Alias"],
        run(params, { state }) {
            const id = params.requiredString("CertificateId");
            const alias = params.optionalString("Alias") ?? "";
            const record = findCertificate(state, id);
            state.certificates.put(id, { ...record, Alias: alias });
            return { CertificateId: id };
        },
    },
    ModifyCertificateProject: {
        params: ["CertificateIdList", "ProjectId"],
        run(params, { state }) {
            const ids = params.requiredStringArray("CertificateIdList");
            const projectId = params.requiredInteger("ProjectId");
            if (ids.length === 0 || ids.length > 100) throw invalidParam("CertificateIdList must list 1 to 100 certificate IDs.");
            if (projectId < 0) throw invalidParam("ProjectId must not be negative.");
            const success: string[] = [];
            const fail: string[] = [];
            for (const id of ids) {
                const record = state.certificates.get(id);
                if (!record) {
                    fail.push(id);
                    continue;
                }
                state.certificates.put(id, { ...record, ProjectId: projectId });
                success.push(id);
            }
            return { SuccessCertificates: success, FailCertificates: fail };
        },
    },
    DeleteCertificate: {
        params: ["CertificateId", "IsCheckResource"],
        run: deleteCertificate,
    },
    DescribeDeleteCertificatesTaskResult: {
        params: ["TaskIds"],
        run(params, { state }) {
            const ids = params.requiredStringArray("TaskIds");
            if (ids.length === 0 || ids.length > 100) throw new TencentError("InvalidParameterValue", "TaskIds must list 1 to 100 task IDs.");
            const tasks = ids.flatMap((id) => state.deleteTasks.get(id) ?? []);
            return { DeleteTaskResult: tasks };
        },
    },
} satisfies Record<string, ActionDefinition>;
