import { VendorApiError } from "../core/errors";
import { checkCaCertificates, checkCertificateBundle, parseCertificateChain, type CertificateInfo, type KeyAlgorithm } from "../core/pem";
import type { CheckFailure } from "../core/validate";
import { isClaimed, type CreateOnceSteps } from "../core/resource/createOnce";
import type { CallContext, Created, ResourceDefinition } from "../core/resource/definition";
import { DEFAULT_EXPIRY_WARNING_DAYS, expiryOf, type ExpiryOutputs } from "../core/resource/expiry";
import type { PendingCreate } from "../core/resource/pending";
import { defineProvider } from "../core/resource/provider";
import { sameValue } from "../core/resource/table";
import {
    createApigCertificate,
    deleteApigCertificate,
    listApigAttachedDomains,
    listApigCertificates,
    showApigCertificate,
    updateApigCertificate,
    type ApigCertificateDetails,
    type ApigCertificateForm,
} from "./certificates";
import { huaweiScope, isHuaweiNotFound } from "./client";
import { configuredHuaweiTarget, type HuaweiTarget } from "./config";

export type ApigCertificateType = "global" | "instance";
export type ApigAlgorithmType = "RSA" | "ECC" | "SM2";

export interface ApigCertificateInputs {
    name: string;
    certContent: string;
    privateKey?: string;
    type: ApigCertificateType;
    instanceId?: string;
    trustedRootCa?: string;
    algorithmType: ApigAlgorithmType;
    certContentSign?: string;
    privateKeySign?: string;
    region?: string;
    projectId?: string;
    /** Warn when the certificate expires within this many days (default 30). */
    expiryWarningDays: number;
}

export interface ApigCertificateOutputs extends ApigCertificateInputs, ExpiryOutputs {
    certificateId: string;
    commonName: string;
    subjectAltNames: string[];
    signatureAlgorithm: string;
    issuer: string[];
    /** The serial number as APIG reports it (decimal in its examples); serialNumber is the PEM's, in hex. */
    reportedSerialNumber: string;
    isHasTrustedRootCa: boolean;
    createTime: string;
    updateTime: string;
}

const CREATE = "Huawei CreateCertificateV2";
/** CertificateForm's rule (reference/huawei-apig.md §1.3): 4–50 letters (Chinese too), digits, `_`, starting with a letter. */
const NAME = /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]{3,49}$/u;
const NAME_RULE = { maxLength: 50, allowed: /[A-Za-z0-9_\u4e00-\u9fa5]/u, startWithLetter: true, separator: "_" } as const;
/** cert_content_sign and private_key_sign: "最大长度：8092" (the Chinese CreateCertificateV2 page). */
const SM2_FIELD_MAX = 8092;
/** APIG.3148: certificates must expire before the 32-bit time_t limit. */
const LATEST_NOT_AFTER = Date.parse("2038-01-19T03:14:07Z");
/** "It takes 5 to 10 seconds for a new or modified APIG resource to take effect" (reference §1.6). */
const VISIBILITY_LAG_MS = 10_000;
const REGION = /^[a-z]{2}(-[a-z0-9]+){1,3}$/;
/** Region names are short ("cn-north-4", "ap-southeast-1"); the bound keeps a pasted text out. */
const MAX_REGION_LENGTH = 64;
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The key types each algorithm_type takes; ECC is EC on P-256 or P-384 (the framework's default curves). */
const KEY_ALGORITHM: Readonly<Record<ApigAlgorithmType, KeyAlgorithm>> = { RSA: "RSA", ECC: "EC", SM2: "SM2" };

type Record_ = ApigCertificateDetails;

function targetOf(state: Readonly<Record<string, unknown>> | undefined): HuaweiTarget {
    const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
    return { region: str(state?.region), projectId: str(state?.projectId) };
}

function form(inputs: ApigCertificateInputs): ApigCertificateForm {
    const body: Record<string, unknown> = {
        name: inputs.name,
        cert_content: inputs.certContent,
        private_key: inputs.privateKey ?? "",
        type: inputs.type,
        algorithm_type: inputs.algorithmType,
    };
    // Optional fields are left out when unset, as Huawei's own SDKs omit them.
    if (inputs.type === "instance" && inputs.instanceId) body.instance_id = inputs.instanceId;
    if (inputs.trustedRootCa) body.trusted_root_ca = inputs.trustedRootCa;
    if (inputs.algorithmType === "SM2") {
        body.cert_content_sign = inputs.certContentSign;
        body.private_key_sign = inputs.privateKeySign;
    }
    return body as unknown as ApigCertificateForm;
}

function leafOf(pem: string | undefined): { serial: bigint; notAfter: number } | undefined {
    if (!pem) return undefined;
    try {
        const leaf = parseCertificateChain(pem)[0]!;
        return { serial: BigInt(`0x${leaf.serialNumber}`), notAfter: leaf.notAfter.getTime() };
    } catch {
        return undefined;
    }
}

/** APIG's examples show a decimal serial ("13010"); a hex one is accepted too, so neither reads as drift. */
function sameSerial(reported: string, serial: bigint): boolean {
    const plain = reported.replace(/[:\s]/g, "");
    const candidates: bigint[] = [];
    if (/^\d+$/.test(plain)) candidates.push(BigInt(plain));
    if (/^[0-9A-Fa-f]+$/.test(plain)) candidates.push(BigInt(`0x${plain}`));
    return candidates.some((c) => c === serial);
}

/**
 * APIG never returns the PEM, so a certificate changed behind Pulumi's back shows only in its
 * metadata: a serial number or expiry that is not the leaf of certContent. Undefined when they match.
 */
function certificateDrift(certContent: string | undefined, record: Record_): string | undefined {
    const leaf = leafOf(certContent);
    if (!leaf) return undefined;
    if (record.serial_number && !sameSerial(record.serial_number, leaf.serial)) return `APIG holds a certificate with serial number ${record.serial_number}`;
    if (record.not_after && Math.abs(Date.parse(record.not_after) - leaf.notAfter) >= 1000) return `APIG holds a certificate that expires at ${record.not_after}`;
    return undefined;
}

const isoSecond = (value: string | undefined): string => {
    const t = value ? Date.parse(value) : Number.NaN;
    return Number.isNaN(t) ? "" : new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
};

function toOutputs(id: string, inputs: ApigCertificateInputs, record: Record_, _previous: Partial<ApigCertificateOutputs> | undefined): ApigCertificateOutputs {
    const drift = certificateDrift(inputs.certContent, record);
    // A marker that is no PEM: diff then shows certContent changed, and update puts the PEM back.
    const certContent = drift ? `(drift: ${drift}, not this certContent)` : inputs.certContent;
    const expiry = drift ? undefined : expiryOf(inputs.certContent);
    const type = record.type === "instance" || record.type === "global" ? record.type : inputs.type;
    return {
        ...inputs,
        name: record.name ?? inputs.name,
        certContent,
        type,
        // Global certificates read back instance_id "common", which is no instance.
        instanceId: type === "instance" ? (record.instance_id ?? inputs.instanceId) : inputs.instanceId,
        algorithmType: record.algorithm_type ?? inputs.algorithmType,
        projectId: record.project_id ?? inputs.projectId,
        expiryWarningDays: inputs.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        certificateId: id,
        commonName: record.common_name ?? "",
        subjectAltNames: record.san ?? [],
        signatureAlgorithm: record.signature_algorithm ?? "",
        issuer: record.issuer ?? [],
        reportedSerialNumber: record.serial_number ?? "",
        isHasTrustedRootCa: record.is_has_trusted_root_ca ?? false,
        createTime: isoSecond(record.create_time),
        updateTime: isoSecond(record.update_time),
        notBefore: isoSecond(record.not_before) || expiry?.notBefore || "",
        notAfter: isoSecond(record.not_after) || expiry?.notAfter || "",
        serialNumber: expiry?.serialNumber ?? "",
        fingerprintSha256: expiry?.fingerprintSha256 ?? "",
    };
}

/** Inputs recovered from a record alone (the get path): the PEM and keys are never returned. */
function inputsFromRecord(record: Record_): ApigCertificateInputs {
    const type = record.type === "instance" ? "instance" : "global";
    return {
        name: record.name,
        certContent: "",
        type,
        instanceId: type === "instance" ? record.instance_id : undefined,
        algorithmType: record.algorithm_type ?? "RSA",
        region: configuredHuaweiTarget().region,
        projectId: record.project_id,
        expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS,
    };
}

/** The ids of the project's certificates, or of those whose name contains `name` (the filter is a substring match: the exact name is compared when an object is found). */
async function listIds(target: HuaweiTarget, name?: string): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let page = 0; page < 20; page++) {
        const res = await listApigCertificates({ ...(name === undefined ? {} : { name }), offset: page * 500, limit: 500 }, undefined, target);
        for (const c of res.certs ?? []) if (c.id) ids.add(c.id);
        if ((res.certs ?? []).length < 500 || ids.size >= (res.total ?? 0)) break;
    }
    return ids;
}

/** A create made about `at` (ISO) by this provider: APIG's create_time within 15 minutes of it. */
function madeAround(createTime: string | undefined, at: string): boolean {
    const t = Date.parse(createTime ?? "");
    const a = Date.parse(at);
    return Number.isNaN(t) || Number.isNaN(a) || Math.abs(t - a) <= 15 * 60_000;
}

/**
 * CreateCertificateV2 (a POST, not idempotent) without duplicates: a lost reply is looked for by
 * name (auto-names carry a random suffix, so a name is as good as a token) and certificate. New
 * objects take 5–10 s to show in lists, so the search after a lost reply waits that long for one to appear.
 */
function createSteps(inputs: ApigCertificateInputs, context: CallContext, pending?: PendingCreate): CreateOnceSteps<Created<ApigCertificateOutputs>> {
    const target = targetOf(inputs as unknown as Record<string, unknown>);
    const scope = huaweiScope(target);
    return {
        label: CREATE,
        scope,
        list: () => listIds(target, inputs.name),
        // Every name's objects are in the project's whole list: the creates of one `up` there share one.
        sharedSnapshot: { key: JSON.stringify([target.projectId, target.region]), list: () => listIds(target) },
        create: async () => ({ id: (await createApigCertificate(form(inputs), undefined, target)).id }),
        async find(appeared, before) {
            const leaf = leafOf(inputs.certContent);
            const checked = new Set<string>();
            const matches: string[] = [];
            let candidates = appeared;
            for (let waited = 0; ; waited += 1000) {
                for (const id of candidates) {
                    if (checked.has(id)) continue;
                    checked.add(id);
                    const record = await showApigCertificate(id, undefined, target);
                    const same =
                        record.name === inputs.name &&
                        (record.type ?? "global") === inputs.type &&
                        (leaf === undefined || !record.serial_number || sameSerial(record.serial_number, leaf.serial)) &&
                        (!pending || madeAround(record.create_time, pending.at));
                    if (same) matches.push(id);
                }
                if (matches.length > 1) {
                    throw new Error(`${CREATE}: the reply was lost and ${matches.length} certificates named ${inputs.name} appeared meanwhile (${matches.join(", ")}); delete the extra ones in the APIG console and run again`);
                }
                if (matches.length === 1) return { id: matches[0]! };
                // Right after a lost reply ours may not be listed yet, whatever else appeared (the name
                // filter matches substrings); a later run's search needs no wait.
                if (pending || waited >= VISIBILITY_LAG_MS) return undefined;
                await context.sleep(1000);
                candidates = [...(await listIds(target, inputs.name))].filter((id) => !before.has(id) && !isClaimed({ label: CREATE, scope }, id));
            }
        },
        idOf: (created) => created.id,
    };
}

/** Inputs a PUT carries: any change among them is one full-body UpdateCertificateV2. */
const UPDATED: ReadonlyArray<keyof ApigCertificateInputs & string> = ["name", "certContent", "privateKey", "trustedRootCa", "algorithmType", "certContentSign", "privateKeySign"];

/** Why a delete was refused, when it is bound domains: their names, and what to do. */
async function boundDomainsMessage(id: string, target: HuaweiTarget): Promise<string | undefined> {
    try {
        const res = await listApigAttachedDomains(id, { limit: 100 }, undefined, target);
        const names = (res.bound_domains ?? []).map((d) => d.url_domain).filter(Boolean);
        if (names.length === 0) return undefined;
        const more = (res.total ?? names.length) > names.length ? ` and ${(res.total ?? 0) - names.length} more` : "";
        return (
            `ApigCertificate ${id} cannot be deleted: it is bound to ${names.join(", ")}${more}. ` +
            "Unbind the certificate from these domain names (APIG console: API group > domain names, or BatchDisassociateDomainsV2), " +
            "or bind them to the replacement certificate first, then run again"
        );
    } catch {
        return undefined;
    }
}

export const apigCertificateDefinition: ResourceDefinition<ApigCertificateInputs, ApigCertificateOutputs, Record_> = {
    vendor: "Huawei",
    name: "ApigCertificate",
    inputs: {
        name: { change: "update", autoName: NAME_RULE, text: true, reported: true },
        certContent: { change: "update", compare: "pem", reported: true },
        privateKey: { change: "update", compare: "privateKey", secret: true },
        type: { change: "replace", default: "global", reported: true },
        instanceId: { change: "replace", reported: true },
        trustedRootCa: { change: "update", compare: "pem" },
        algorithmType: { change: "update", default: "RSA", reported: true },
        certContentSign: { change: "update", compare: "pem", secret: true },
        privateKeySign: { change: "update", compare: "privateKey", secret: true },
        region: { change: "replace" },
        projectId: { change: "replace", reported: true },
        expiryWarningDays: { change: "state", default: DEFAULT_EXPIRY_WARNING_DAYS },
    },
    outputs: {
        certificateId: {},
        commonName: {},
        subjectAltNames: {},
        signatureAlgorithm: {},
        issuer: {},
        reportedSerialNumber: {},
        isHasTrustedRootCa: {},
        createTime: {},
        updateTime: {},
        notBefore: {},
        notAfter: {},
        serialNumber: {},
        fingerprintSha256: {},
    },
    idOutput: "certificateId",
    certificateInput: "certContent",
    visibilityLagMs: VISIBILITY_LAG_MS,

    validate(c, news, context) {
        // Where the certificate lives is part of its identity: recorded at check from the
        // configuration when not given, so a later change of huaweicloud:region replaces it.
        const configured = configuredHuaweiTarget();
        if (!c.isSet("region") && configured.region !== undefined) news.region = configured.region;
        if (!c.isSet("projectId") && configured.projectId !== undefined) news.projectId = configured.projectId;
        c.string("region", { maxLength: MAX_REGION_LENGTH, pattern: REGION, patternHelp: "must be a region name such as cn-north-4 or ap-southeast-1" });
        c.string("projectId", { pattern: PROJECT_ID, patternHelp: "must be a project id (32 hex digits: console > My Credentials > API Credentials)" });

        c.string("name", { pattern: NAME, patternHelp: "must be 4 to 50 characters: letters (Chinese characters too), digits and underscores, starting with a letter or a Chinese character" });
        const type = c.oneOf<ApigCertificateType>("type", ["global", "instance"]);
        if (type === "instance" && !c.isSet("instanceId")) c.fail("instanceId", "instanceId is required when type is instance: set it to the id of the dedicated gateway, or use type global");
        if (type === "global" && c.isSet("instanceId")) c.fail("instanceId", "instanceId is only for type instance: remove it, or set type to instance");
        c.string("instanceId", { nonEmpty: true, maxLength: 64, pattern: /^[A-Za-z0-9-]+$/, patternHelp: "must be a gateway instance id (letters, digits and hyphens)" });
        const algorithm = c.oneOf<ApigAlgorithmType>("algorithmType", ["RSA", "ECC", "SM2"]);
        c.integer("expiryWarningDays", { min: 0, max: 3650 });
        if (!c.isSet("privateKey")) c.fail("privateKey", "privateKey is required: the unencrypted PEM private key of certContent's leaf");

        const checkValidity = context.changed("certContent");
        const keyPolicy = algorithm === undefined ? {} : { allowedKeyAlgorithms: [KEY_ALGORITHM[algorithm]], expectedKeyAlgorithm: { property: "algorithmType", algorithm: KEY_ALGORITHM[algorithm] } };
        // No password input: APIG refuses encrypted keys (APIG.2105), and so does check.
        c.failures.push(
            ...checkCertificateBundle({
                certificate: { property: "certContent", value: news.certContent },
                privateKey: { property: "privateKey", value: news.privateKey },
                requireKey: false,
                now: context.now,
                checkValidity,
                ...keyPolicy,
                leafRules: apigLeafRules,
            }),
        );

        const signPair = ["certContentSign", "privateKeySign"] as const;
        if (algorithm === "SM2") {
            for (const key of signPair) {
                if (!c.isSet(key)) c.fail(key, `${key} is required when algorithmType is SM2: SM2 certificates come as an encryption pair (certContent, privateKey) and a signing pair (certContentSign, privateKeySign)`);
                c.string(key, { maxLength: SM2_FIELD_MAX });
            }
            // SM2 chain signatures are verified only as far as node:crypto can (see the README);
            // the key type, key match and validity are checked like the encryption pair's.
            if (c.isSet("certContentSign")) {
                const signing = checkCertificateBundle({
                    certificate: { property: "certContentSign", value: news.certContentSign },
                    privateKey: { property: "privateKeySign", value: news.privateKeySign },
                    requireKey: false,
                    now: context.now,
                    checkValidity: context.changed("certContentSign"),
                    allowedKeyAlgorithms: ["SM2"],
                });
                // Both are secret inputs: a failure with their property name would let the engine print the value.
                c.failures.push(...signing.map((f) => (f.property === "" ? f : { property: "", reason: f.reason.startsWith(f.property) ? f.reason : `${f.property}: ${f.reason}` })));
            }
        } else if (algorithm !== undefined) {
            for (const key of signPair) if (c.isSet(key)) c.fail(key, `${key} is only for algorithmType SM2: remove it, or set algorithmType to SM2`);
        }
        if (c.isSet("trustedRootCa")) {
            c.failures.push(...checkCaCertificates({ certificate: { property: "trustedRootCa", value: news.trustedRootCa }, required: false, now: context.now, checkValidity: context.changed("trustedRootCa") }));
        }
    },

    createSteps,

    describe: (id, context) => showApigCertificate(id, undefined, targetOf(context.state)),

    isNotFound: isHuaweiNotFound,

    async converge(id, desired, current, context) {
        const table = apigCertificateDefinition.inputs;
        const changed = UPDATED.filter((key) => !sameValue(table[key].compare, current[key], desired[key]));
        if (changed.length === 0) return false;
        // PUT is a full replace: name, PEM and key always go, the key from (secret) state.
        await updateApigCertificate(id, form(desired), undefined, targetOf(context.state));
        return true;
    },

    async remove(id, state) {
        const target = targetOf(state as unknown as Record<string, unknown>);
        try {
            await deleteApigCertificate(id, undefined, target);
        } catch (error) {
            if (error instanceof VendorApiError && (error.category === "invalid" || error.category === "fatal")) {
                const bound = await boundDomainsMessage(id, target);
                if (bound) throw new Error(bound);
            }
            throw error;
        }
    },

    toOutputs,
    inputsFromRecord,

    findHint: (inputs) => `list the APIG SSL certificates named "${inputs.name}" (APIG console > SSL certificates, or ListCertificatesV2 with name=${inputs.name})`,
};

/** What APIG refuses in a leaf that is otherwise well-formed. */
function apigLeafRules(leaf: CertificateInfo): CheckFailure[] {
    const failures: CheckFailure[] = [];
    if (!namesAHost(leaf)) {
        failures.push({ property: "certContent", reason: "certContent's certificate has no subjectAltName, which APIG requires (APIG.2109): reissue it with its domain names as SANs" });
    }
    if (leaf.notAfter.getTime() > LATEST_NOT_AFTER) {
        failures.push({ property: "certContent", reason: "certContent's certificate expires after 2038-01-19T03:14:07Z, which APIG refuses (APIG.3148): use a certificate with a shorter validity" });
    }
    return failures;
}

/** Whether the certificate names a DNS name or IP address: node's rendering of the SANs tells, without decoding them. */
function namesAHost(leaf: CertificateInfo): boolean {
    return /(^|, )(DNS|IP Address):/.test(leaf.x509.subjectAltName ?? "");
}

/** The implementation behind apigCertificateProvider; see core/delegate.ts for why it lives apart. */
export const apigCertificateProviderImpl = defineProvider(apigCertificateDefinition);
