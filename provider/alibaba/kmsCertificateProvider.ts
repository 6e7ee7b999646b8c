import { isCountryCode } from "../core/country";
import { normalizePem, type ExpectedKeyAlgorithm } from "../core/pem";
import type { CreateOnceSteps } from "../core/resource/createOnce";
import type { CallContext, Created, ResourceDefinition } from "../core/resource/definition";
import { DEFAULT_EXPIRY_WARNING_DAYS } from "../core/resource/expiry";
import type { PendingCreate } from "../core/resource/pending";
import { defineProvider } from "../core/resource/provider";
import { sameValue } from "../core/resource/table";
import { printable } from "../core/text";
import type { InputChecker } from "../core/validate";
import { alibabaScope, isAlibabaNotFound } from "./client";
import { callKms, describeKmsCertificate, regionOf, reportedFacts, reportedPem, type KmsCertificateRecord } from "./kmsRecord";
import { checkSignedCertificate, setStatus, uploadIfChanged } from "./kmsUpload";

export type { KmsCertificateRecord } from "./kmsRecord";
export type KmsKeySpec = "RSA_2048" | "EC_P256" | "EC_SM2";
export type KmsCertificateStatus = "ACTIVE" | "INACTIVE" | "REVOKED";
export type KmsProtectionLevel = "SOFTWARE" | "HSM";

export interface KmsCertificateInputs {
    keySpec: KmsKeySpec;
    /** RFC 2253 DN, e.g. "CN=www.example.com,OU=web,O=Example Ltd,C=CN". */
    subject: string;
    subjectAlternativeNames: string[];
    /** Default false here; KMS's own default is true. */
    exportablePrivateKey: boolean;
    protectionLevel?: KmsProtectionLevel;
    /** The CA-signed certificate for the CSR (PEM, the leaf alone); uploaded when set. */
    certificate?: string;
    /** Its chain, sub-CA first and root last. */
    certificateChain?: string;
    status?: KmsCertificateStatus;
    tags: Record<string, string>;
    region?: string;
    expiryWarningDays: number;
}

export interface KmsCertificateOutputs extends KmsCertificateInputs {
    certificateId: string;
    arn: string;
    csr: string;
    /** What KMS reports: PENDING (awaiting the certificate), ACTIVE, INACTIVE or REVOKED. */
    certificateStatus: string;
    serial: string;
    issuer: string;
    signatureAlgorithm: string;
    subjectPublicKey: string;
    subjectKeyIdentifier: string;
    createdAt: string;
    updatedAt: string;
    notBefore: string;
    notAfter: string;
    serialNumber: string;
    fingerprintSha256: string;
}

const KEY_SPECS: readonly KmsKeySpec[] = ["RSA_2048", "EC_P256", "EC_SM2"];
const STATUSES: readonly KmsCertificateStatus[] = ["ACTIVE", "INACTIVE", "REVOKED"];
const MAX_SANS = 10;
/** RFC 1035: a domain name is at most 253 characters written out. */
const MAX_DNS_NAME_LENGTH = 253;
/** Region ids are short ("cn-hangzhou", "cn-shanghai-finance-1"); the bound keeps a pasted text out. */
const MAX_REGION_LENGTH = 64;
/** TagResources documents 20 tags, keys and values up to 128 characters, no aliyun/acs: prefix (reference §1.7). */
const KMS_TAG_LIMITS = { maxCount: 20, maxKeyLength: 128, maxValueLength: 128, reservedPrefixes: ["aliyun", "acs:"] };
const REQUIRED_RDNS = ["CN", "C", "O", "OU"] as const;
const EXAMPLE_SUBJECT = "CN=www.example.com,OU=web,O=Example Ltd,C=CN";
const ALLOWED_RDNS = new Set(["CN", "C", "O", "OU", "ST", "L"]);
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const EXPECTED_KEY: Readonly<Record<KmsKeySpec, Omit<ExpectedKeyAlgorithm, "property">>> = {
    RSA_2048: { algorithm: "RSA", bits: 2048 },
    EC_P256: { algorithm: "EC", curve: "P-256" },
    EC_SM2: { algorithm: "SM2" },
};

/** The RDNs of an RFC 2253 DN, split on commas that are not escaped, each trimmed. */
function splitDn(dn: string): Array<[string, string]> {
    return dn.split(/(?<!\\),/).map((rdn) => {
        const eq = rdn.indexOf("=");
        return eq < 0 ? [rdn.trim(), ""] : [rdn.slice(0, eq).trim().toUpperCase(), rdn.slice(eq + 1).trim()];
    });
}

/** One canonical spelling: no spaces around separators, attribute names in capitals. */
function normalizeDn(dn: string): string {
    return splitDn(dn)
        .map(([type, value]) => `${type}=${value}`)
        .join(",");
}

/** Whether two DNs name the same RDNs, whatever their order and spacing (KMS may echo a subject reformatted). */
function sameDn(a: string, b: string): boolean {
    const key = (dn: string) => JSON.stringify(splitDn(dn).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    return key(a) === key(b);
}

function validateSubject(c: InputChecker, news: Record<string, unknown>): void {
    if (!c.isSet("subject")) {
        c.fail("subject", `subject is required: the certificate's distinguished name with CN, C, O and OU, e.g. "${EXAMPLE_SUBJECT}"`);
        return;
    }
    const subject = c.string("subject", { required: true, maxLength: 1024 });
    if (subject === undefined) return;
    const rdns = splitDn(subject);
    const seen = new Set<string>();
    for (const [type, value] of rdns) {
        if (!ALLOWED_RDNS.has(type)) {
            c.fail("subject", `subject has the attribute "${printable(type)}"; KMS takes CN, C, O, OU, ST and L, written as "${EXAMPLE_SUBJECT}"`);
            return;
        }
        if (value === "") c.fail("subject", `subject attribute ${type} is empty`);
        if (seen.has(type)) c.fail("subject", `subject has ${type} twice; give each attribute once`);
        seen.add(type);
    }
    const missing = REQUIRED_RDNS.filter((t) => !seen.has(t));
    if (missing.length > 0) c.fail("subject", `subject lacks ${missing.join(", ")}: KMS requires CN, C, O and OU, e.g. "${EXAMPLE_SUBJECT}"`);
    const country = rdns.find(([t]) => t === "C")?.[1];
    if (country !== undefined && country !== "" && !isCountryCode(country)) {
        c.fail("subject", `subject C must be an ISO 3166-1 alpha-2 code in capitals, such as "CN" or "US"${isCountryCode(country.toUpperCase()) ? ` (did you mean "${country.toUpperCase()}"?)` : ""}`);
    }
    news.subject = normalizeDn(subject);
}

function validateSans(c: InputChecker, news: Record<string, unknown>): void {
    if (c.isUnknown("subjectAlternativeNames")) return;
    const sans = news.subjectAlternativeNames;
    if (!Array.isArray(sans) || !sans.every((s) => typeof s === "string")) {
        c.fail("subjectAlternativeNames", 'subjectAlternativeNames must be a list of domain names, e.g. ["www.example.com"]');
        return;
    }
    if (sans.length > MAX_SANS) c.fail("subjectAlternativeNames", `subjectAlternativeNames has ${sans.length} names; KMS takes at most ${MAX_SANS}`);
    sans.forEach((name: string, i) => {
        if (name.length > MAX_DNS_NAME_LENGTH) c.fail("subjectAlternativeNames", `subjectAlternativeNames[${i}] is ${name.length} characters long; a domain name has at most ${MAX_DNS_NAME_LENGTH}`);
        else if (!DNS_NAME.test(name)) c.fail("subjectAlternativeNames", `subjectAlternativeNames[${i}] "${printable(name)}" is not a domain name such as "www.example.com" or "*.example.com"`);
    });
    if (new Set(sans).size !== sans.length) c.fail("subjectAlternativeNames", "subjectAlternativeNames lists a name twice");
}

function validateCertificate(c: InputChecker, news: Record<string, unknown>, now: Date, changed: boolean): void {
    const given = c.isSet("certificate");
    if (!given && c.isSet("certificateChain")) c.fail("certificateChain", "certificateChain is set without certificate: give the signed certificate too, or remove the chain");
    if (!given && c.isSet("status")) {
        c.fail("status", "status can be set only with certificate: KMS keeps a certificate PENDING until the signed certificate is uploaded");
    }
    if (!given || c.isUnknown("certificate")) return;
    const keySpec = typeof news.keySpec === "string" && (KEY_SPECS as readonly string[]).includes(news.keySpec) ? (news.keySpec as KmsKeySpec) : undefined;
    const expectedKey = keySpec && !c.isUnknown("keySpec") ? { property: "keySpec", ...EXPECTED_KEY[keySpec] } : undefined;
    checkSignedCertificate(c, news, { now, changed, expectedKey });
}

/** Tags arrive as a JSON string of [{TagKey,TagValue}], an array, or {Tag:[...]} depending on the source (reference §1.3). */
export function parseKmsTags(raw: unknown): Record<string, string> {
    let value = raw;
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        } catch {
            return {};
        }
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value) && Array.isArray((value as { Tag?: unknown }).Tag)) value = (value as { Tag: unknown[] }).Tag;
    const tags: Record<string, string> = {};
    if (Array.isArray(value)) {
        for (const t of value) {
            const tag = t as { TagKey?: unknown; TagValue?: unknown };
            if (typeof tag?.TagKey === "string") tags[tag.TagKey] = typeof tag.TagValue === "string" ? tag.TagValue : "";
        }
    }
    return tags;
}

function stringList(raw: unknown): string[] | undefined {
    let value = raw;
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    return Array.isArray(value) && value.every((s) => typeof s === "string") ? (value as string[]) : undefined;
}

/**
 * CreateCertificate, never twice. KMS has no call that lists certificates (ListCertificates was
 * removed from the SDKs in 2022, reference §1.9), so a lost reply cannot be searched for; and its
 * ClientToken is undocumented (legacy Go SDK only, reference §1.1), so a retry carrying it could
 * still make a second certificate. The create is therefore never repeated after an unknown
 * outcome: find says the outcome cannot be known, with the subject and the time, and the
 * framework records the resource as pending (lostCreatesSearchable: false).
 */
function createSteps(inputs: KmsCertificateInputs, context: CallContext, pending?: PendingCreate): CreateOnceSteps<Created<KmsCertificateOutputs>> {
    return {
        label: "Alibaba KMS CreateCertificate",
        scope: alibabaScope(inputs.region),
        list: async () => new Set<string>(),
        async create() {
            const params: Record<string, unknown> = {
                KeySpec: inputs.keySpec,
                Subject: inputs.subject,
                // Always sent: KMS's own default is true (exportable), ours is false.
                ExportablePrivateKey: inputs.exportablePrivateKey ?? false,
            };
            if ((inputs.subjectAlternativeNames ?? []).length > 0) params.SubjectAlternativeNames = JSON.stringify(inputs.subjectAlternativeNames);
            // Undocumented in the public contract (reference §0.1): sent only when the user asks for it.
            if (inputs.protectionLevel !== undefined) params.ProtectionLevel = inputs.protectionLevel;
            const res = await callKms<{ CertificateId?: string; Arn?: string; Csr?: string }>("CreateCertificate", params, inputs, context, false);
            if (!res.CertificateId) throw new Error("Alibaba KMS CreateCertificate returned no CertificateId");
            return { id: res.CertificateId, state: { arn: res.Arn ?? "", csr: res.Csr ?? "" } };
        },
        async find() {
            throw new Error(
                `KMS has no call that lists certificates, so whether CreateCertificate made a certificate for subject "${inputs.subject}"` +
                    `${pending?.at ? ` at about ${pending.at}` : ""} cannot be checked; ${findHint(inputs)}`,
            );
        },
        idOf: (created) => created.id,
    };
}

function findHint(inputs: KmsCertificateInputs): string {
    return (
        `in the KMS console${inputs.region ? ` of region ${inputs.region}` : ""} (Certificates), look for a certificate with subject "${inputs.subject}" created at that time ` +
        "and delete it if it is there (DeleteCertificate with its CertificateId); then remove the pending resource from the stack with `pulumi state delete <urn>` " +
        "and run `pulumi up` again"
    );
}

async function syncTags(id: string, current: Record<string, string>, desired: Record<string, string>, inputs: { region?: string }, context: CallContext): Promise<boolean> {
    const removed = Object.keys(current).filter((k) => !(k in desired));
    const set = Object.entries(desired).filter(([k, v]) => current[k] !== v);
    // Both are idempotent: setting a tag to its value, or removing a missing one, changes nothing.
    if (removed.length > 0) await callKms("UntagResource", { CertificateId: id, TagKeys: JSON.stringify(removed) }, inputs, context, true);
    if (set.length > 0) await callKms("TagResource", { CertificateId: id, Tags: JSON.stringify(set.map(([TagKey, TagValue]) => ({ TagKey, TagValue }))) }, inputs, context, true);
    return removed.length > 0 || set.length > 0;
}

/**
 * The steps after CreateCertificate, and every in-place update, driven by what KMS reports:
 * upload the certificate when it differs from KMS's, then the status, then the tags.
 */
async function converge(id: string, desired: KmsCertificateInputs, current: KmsCertificateOutputs, context: CallContext): Promise<boolean> {
    let changed = false;
    let status = current.certificateStatus;
    if (desired.certificate !== undefined && desired.certificate !== "") {
        const uploaded = await uploadIfChanged("KmsCertificate", id, { ...desired, certificate: desired.certificate }, current, context);
        if (uploaded !== undefined) {
            changed = true;
            status = uploaded;
        }
    }
    changed = (await setStatus("KmsCertificate", id, desired, status, context)) || changed;
    if (!sameValue("tags", current.tags ?? {}, desired.tags ?? {})) {
        changed = (await syncTags(id, current.tags ?? {}, desired.tags ?? {}, desired, context)) || changed;
    }
    return changed;
}

function toOutputs(id: string, inputs: KmsCertificateInputs, record: KmsCertificateRecord, previous: Partial<KmsCertificateOutputs> | undefined): KmsCertificateOutputs {
    const d = record.describe;
    const g = record.get;
    const certificate = reportedPem(g.Certificate, inputs.certificate);
    const reportedStatus = d.Status ?? "";
    const keySpec = (KEY_SPECS as readonly string[]).includes(d.KeySpec ?? "") ? (d.KeySpec as KmsKeySpec) : inputs.keySpec;
    return {
        ...inputs,
        keySpec,
        subject: typeof d.Subject === "string" && !(inputs.subject && sameDn(d.Subject, inputs.subject)) ? d.Subject : inputs.subject,
        subjectAlternativeNames: stringList(d.SubjectAlternativeNames) ?? inputs.subjectAlternativeNames ?? [],
        exportablePrivateKey: typeof d.ExportablePrivateKey === "boolean" ? d.ExportablePrivateKey : (inputs.exportablePrivateKey ?? false),
        certificate,
        certificateChain: reportedPem(g.CertificateChain, inputs.certificateChain),
        // PENDING is not a status one can ask for: the input keeps its value until the certificate is uploaded.
        status: (STATUSES as readonly string[]).includes(reportedStatus) ? (reportedStatus as KmsCertificateStatus) : inputs.status,
        tags: d.Tags !== undefined ? parseKmsTags(d.Tags) : (inputs.tags ?? {}),
        expiryWarningDays: inputs.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        certificateId: id,
        arn: d.Arn ?? previous?.arn ?? "",
        csr: typeof g.Csr === "string" && g.Csr !== "" ? normalizePem(g.Csr) : (previous?.csr ?? ""),
        ...reportedFacts(d),
        signatureAlgorithm: d.SignatureAlgorithm ?? "",
        subjectPublicKey: d.SubjectPublicKey ? normalizePem(d.SubjectPublicKey) : "",
        subjectKeyIdentifier: d.SubjectKeyIdentifier ?? "",
        createdAt: d.CreatedAt ?? "",
        updatedAt: d.UpdatedAt ?? "",
    };
}

function inputsFromRecord(record: KmsCertificateRecord): KmsCertificateInputs {
    const d = record.describe;
    const status = (STATUSES as readonly string[]).includes(d.Status ?? "") ? (d.Status as KmsCertificateStatus) : undefined;
    return {
        keySpec: (KEY_SPECS as readonly string[]).includes(d.KeySpec ?? "") ? (d.KeySpec as KmsKeySpec) : "RSA_2048",
        subject: d.Subject ?? "",
        subjectAlternativeNames: stringList(d.SubjectAlternativeNames) ?? [],
        exportablePrivateKey: d.ExportablePrivateKey === true,
        certificate: reportedPem(record.get.Certificate, undefined),
        certificateChain: reportedPem(record.get.CertificateChain, undefined),
        status,
        tags: parseKmsTags(d.Tags),
        expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS,
    };
}

/** KmsCertificate, declared on the resource framework. */
export const kmsCertificateDefinition: ResourceDefinition<KmsCertificateInputs, KmsCertificateOutputs, KmsCertificateRecord> = {
    vendor: "Alibaba",
    name: "KmsCertificate",
    inputs: {
        keySpec: { change: "replace", reported: true },
        subject: { change: "replace", text: true, reported: true },
        subjectAlternativeNames: { change: "replace", default: [], reported: true },
        exportablePrivateKey: { change: "replace", default: false, reported: true },
        protectionLevel: { change: "replace" },
        certificate: { change: "update", compare: "pem", reported: true },
        certificateChain: { change: "update", compare: "pem", reported: true },
        status: { change: "update", reported: true },
        tags: { change: "update", compare: "tags", default: {}, reported: true },
        region: { change: "replace" },
        expiryWarningDays: { change: "state", default: DEFAULT_EXPIRY_WARNING_DAYS },
    },
    outputs: {
        certificateId: {},
        arn: {},
        csr: {},
        certificateStatus: {},
        serial: {},
        issuer: {},
        signatureAlgorithm: {},
        subjectPublicKey: {},
        subjectKeyIdentifier: {},
        createdAt: {},
        updatedAt: {},
        notBefore: {},
        notAfter: {},
        serialNumber: {},
        fingerprintSha256: {},
    },
    idOutput: "certificateId",
    certificateInput: "certificate",
    lostCreatesSearchable: false,

    validate(c, news, context) {
        if (!c.isSet("keySpec")) c.fail("keySpec", "keySpec is required: RSA_2048, EC_P256 or EC_SM2");
        c.oneOf<KmsKeySpec>("keySpec", KEY_SPECS);
        validateSubject(c, news);
        validateSans(c, news);
        c.boolean("exportablePrivateKey");
        c.oneOf<KmsProtectionLevel>("protectionLevel", ["SOFTWARE", "HSM"]);
        c.oneOf<KmsCertificateStatus>("status", STATUSES);
        c.tags("tags", KMS_TAG_LIMITS);
        c.string("region", { nonEmpty: true, maxLength: MAX_REGION_LENGTH, pattern: REGION_ID, patternHelp: "must be a region id such as cn-hangzhou" });
        c.integer("expiryWarningDays", { min: 0, max: 3650 });
        validateCertificate(c, news, context.now, context.changed("certificate") || context.changed("certificateChain"));
    },

    createSteps,

    describe: (id, context) => describeKmsCertificate(id, regionOf(context), context),

    isNotFound: isAlibabaNotFound,

    converge,

    async remove(id, state, context) {
        await callKms("DeleteCertificate", { CertificateId: id }, state, context, true);
    },

    toOutputs,
    inputsFromRecord,

    refineDiff(_olds, news) {
        // Unset certificate and status mean "not managed here": what KMS reports for them is no change.
        const ignore: string[] = [];
        if (news.certificate === undefined || news.certificate === null) ignore.push("certificate", "certificateChain");
        if (news.status === undefined || news.status === null) ignore.push("status");
        return { ignore };
    },

    findHint,
};

/** The implementation behind kmsCertificateProvider; see core/delegate.ts for why it lives apart. */
export const kmsCertificateProviderImpl = defineProvider(kmsCertificateDefinition);
