import { isCountryCode } from "../core/country";
import { OutcomeUnknownError } from "../core/errors";
import type { CreateOnceSteps } from "../core/resource/createOnce";
import type { CallContext, Created, ResourceDefinition } from "../core/resource/definition";
import type { PendingCreate } from "../core/resource/pending";
import { defineProvider } from "../core/resource/provider";
import { sameValue } from "../core/resource/table";
import { callTencent, isTencentNotFound, tencentScope } from "./client";
import { TENCENT_TAG_LIMITS, tagsFromList, tagsToList } from "./tags";
import { madeAround, tencentTimeToIso } from "./time";

export type TencentCsrAlgorithm = "RSA" | "ECC";

export interface TencentCsrInputs {
    domain: string;
    organization: string;
    department: string;
    email: string;
    province: string;
    city: string;
    country: string;
    encryptAlgo: TencentCsrAlgorithm;
    keyParameter: string;
    generate: boolean;
    keyPassword?: string;
    remark: string;
    tags: Record<string, string>;
}

export interface TencentCsrOutputs extends TencentCsrInputs {
    csrId: string;
    /** The CSR in PEM, once generated; "" before. */
    csr: string;
    /** The generated private key as Tencent returns it (secret); "" when there is none. */
    privateKey: string;
    status: number;
    createTime: string;
}

interface CsrDetail {
    Id?: number;
    Domain?: string;
    Organization?: string;
    Department?: string;
    Email?: string;
    Province?: string;
    City?: string;
    Country?: string;
    EncryptAlgo?: string;
    KeyParameter?: string;
    Remarks?: string;
    Status?: number;
    CreateTime?: string;
    CSR?: string | null;
    PrivateKey?: string | null;
    Tags?: unknown;
}

/** What ModifyCSR can change while the CSR is a draft. */
const FIELDS = ["domain", "organization", "department", "email", "province", "city", "country", "encryptAlgo", "keyParameter", "remark", "keyPassword"] as const;
const KEY_PARAMETERS: Readonly<Record<TencentCsrAlgorithm, readonly string[]>> = { RSA: ["2048", "4096"], ECC: ["prime256v1"] };
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function requestFields(inputs: TencentCsrInputs): Record<string, unknown> {
    const fields: Record<string, unknown> = {
        Domain: inputs.domain,
        Organization: inputs.organization,
        Department: inputs.department,
        Email: inputs.email,
        Province: inputs.province,
        City: inputs.city,
        Country: inputs.country,
        EncryptAlgo: inputs.encryptAlgo,
        KeyParameter: inputs.keyParameter,
        Generate: inputs.generate,
    };
    if (inputs.keyPassword) fields.KeyPassword = inputs.keyPassword;
    if (inputs.remark) fields.Remark = inputs.remark;
    return fields;
}

/** CSR ids are integers: anything else cannot be one, and is reported as not found without a call. */
function csrId(id: string): number | undefined {
    return /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : undefined;
}

async function describeCsr(id: string, secrets: readonly string[]): Promise<CsrDetail> {
    if (csrId(id) === undefined) throw new CsrIdError(id);
    return callTencent<CsrDetail>("ssl", "DescribeCSR", { CSRId: Number(id) }, { idempotent: true, secrets });
}

async function listCsrIds(domain: string): Promise<Set<number>> {
    const ids = new Set<number>();
    for (let page = 0; page < 20; page++) {
        const res = await callTencent<{ Total?: number; Set?: Array<{ Id?: number }> }>("ssl", "DescribeCSRSet", { Domain: domain, Offset: page * 100, Limit: 100 }, { idempotent: true });
        for (const item of res.Set ?? []) if (typeof item.Id === "number") ids.add(item.Id);
        if ((res.Set ?? []).length < 100 || ids.size >= (res.Total ?? 0)) break;
    }
    return ids;
}

function isGenerated(d: CsrDetail): boolean {
    return typeof d.CSR === "string" && d.CSR !== "";
}

/** Whether a stored CSR is exactly what this create would have made. */
function isThisCsr(d: CsrDetail, inputs: TencentCsrInputs): boolean {
    return (
        d.Domain === inputs.domain &&
        d.Organization === inputs.organization &&
        d.Department === inputs.department &&
        d.Email === inputs.email &&
        d.Province === inputs.province &&
        d.City === inputs.city &&
        d.Country === inputs.country &&
        d.EncryptAlgo === inputs.encryptAlgo &&
        d.KeyParameter === inputs.keyParameter &&
        (d.Remarks ?? "") === (inputs.remark ?? "")
    );
}

/** A CSR id that cannot be Tencent's; treated as not found, never sent. */
class CsrIdError extends Error {
    constructor(id: string) {
        super(`"${id}" is not a Tencent CSR id (CSR ids are whole numbers)`);
        this.name = "CsrIdError";
    }
}

/** CreateCSR without duplicates: a lost reply is looked for among new CSRs with our fields. */
function createSteps(inputs: TencentCsrInputs, context: CallContext, pending?: PendingCreate): CreateOnceSteps<Created<TencentCsrOutputs>> {
    const params = { ...requestFields(inputs), ...(Object.keys(inputs.tags ?? {}).length ? { Tags: tagsToList(inputs.tags) } : {}) };
    return {
        label: "Tencent CreateCSR",
        scope: tencentScope("ssl"),
        list: async () => new Set([...(await listCsrIds(inputs.domain))].map(String)),
        async create() {
            const res = await callTencent<{ Id?: number }>("ssl", "CreateCSR", params, { idempotent: false, secrets: context.secrets });
            if (typeof res.Id !== "number") throw new Error("Tencent CreateCSR returned no Id");
            return { id: String(res.Id) };
        },
        async find(appeared) {
            const matches: string[] = [];
            for (const id of appeared) {
                const detail = await describeCsr(id, context.secrets);
                if (isThisCsr(detail, inputs) && (!pending || madeAround(detail.CreateTime, pending.at))) matches.push(id);
            }
            if (matches.length > 1) {
                throw new Error(`Tencent CreateCSR: the reply was lost and ${matches.length} identical CSRs appeared meanwhile (${matches.join(", ")}); delete the extra ones in the console and run again`);
            }
            return matches.length === 1 ? { id: matches[0]! } : undefined;
        },
        idOf: (created) => created.id,
    };
}

/** Brings a draft CSR to `desired` with ModifyCSR (generating it when asked); true when it changed it. */
async function modifyDraft(id: string, desired: TencentCsrInputs, current: TencentCsrOutputs, context: CallContext): Promise<boolean> {
    const changed = FIELDS.filter((key) => !sameValue("exact", current[key] ?? "", desired[key] ?? ""));
    const generated = current.csr !== "";
    if (generated) {
        if (changed.length === 0) return false;
        throw new Error(
            `Tencent CSR ${id} has been generated outside this update (by hand, or by an earlier run), so it can no longer be modified (${changed.join(", ")} changed): ` +
                "run `pulumi refresh` (or `pulumi up --refresh`) so that Pulumi sees it is generated, and the change then replaces it",
        );
    }
    if (changed.length === 0 && !desired.generate) return false;
    // Cleared values must be sent as "" or Tencent keeps the old ones.
    const params: Record<string, unknown> = { CSRId: Number(id), ...requestFields(desired), Remark: desired.remark ?? "" };
    if (changed.includes("keyPassword")) params.KeyPassword = desired.keyPassword ?? "";
    try {
        // Generating happens once: repeating it after a lost reply would be refused.
        await callTencent("ssl", "ModifyCSR", params, { idempotent: !desired.generate, secrets: context.secrets });
    } catch (error) {
        if (!(error instanceof OutcomeUnknownError)) throw error;
        // A request the client timed out on may still be carried out: give it as long again before looking.
        if (error.inFlightMs > 0) await context.sleep(error.inFlightMs);
        const after = await describeCsr(id, context.secrets);
        if (!isGenerated(after) || !isThisCsr(after, desired)) throw error;
    }
    return true;
}

function toOutputs(id: string, inputs: TencentCsrInputs, d: CsrDetail): TencentCsrOutputs {
    const csr = typeof d.CSR === "string" ? d.CSR : "";
    return {
        ...inputs,
        domain: d.Domain ?? inputs.domain,
        organization: d.Organization ?? inputs.organization,
        department: d.Department ?? inputs.department,
        email: d.Email ?? inputs.email,
        province: d.Province ?? inputs.province,
        city: d.City ?? inputs.city,
        country: d.Country ?? inputs.country,
        encryptAlgo: d.EncryptAlgo === "RSA" || d.EncryptAlgo === "ECC" ? d.EncryptAlgo : inputs.encryptAlgo,
        keyParameter: d.KeyParameter ?? inputs.keyParameter,
        remark: d.Remarks ?? inputs.remark,
        tags: Array.isArray(d.Tags) ? tagsFromList(d.Tags) : inputs.tags,
        // The input as given: a CSR generated outside Pulumi is not drift on `generate` (a replacement would destroy it).
        generate: inputs.generate,
        keyPassword: inputs.keyPassword,
        csrId: id,
        csr,
        privateKey: typeof d.PrivateKey === "string" ? d.PrivateKey : "",
        status: typeof d.Status === "number" ? d.Status : -1,
        createTime: tencentTimeToIso(d.CreateTime) ?? "",
    };
}

function inputsFromCsr(d: CsrDetail): TencentCsrInputs {
    return {
        domain: d.Domain ?? "",
        organization: d.Organization ?? "",
        department: d.Department ?? "",
        email: d.Email ?? "",
        province: d.Province ?? "",
        city: d.City ?? "",
        country: d.Country ?? "",
        encryptAlgo: d.EncryptAlgo === "ECC" ? "ECC" : "RSA",
        keyParameter: d.KeyParameter ?? "",
        generate: isGenerated(d),
        remark: d.Remarks ?? "",
        tags: tagsFromList(d.Tags),
    };
}

/** TencentCsr, declared on the resource framework. */
export const tencentCsrDefinition: ResourceDefinition<TencentCsrInputs, TencentCsrOutputs, CsrDetail> = {
    vendor: "Tencent",
    name: "TencentCsr",
    // While the CSR is a draft every field changes in place (ModifyCSR); refineDiff replaces once generated.
    inputs: {
        domain: { change: "update", text: true, reported: true },
        organization: { change: "update", text: true, reported: true },
        department: { change: "update", text: true, reported: true },
        email: { change: "update", text: true, reported: true },
        province: { change: "update", text: true, reported: true },
        city: { change: "update", text: true, reported: true },
        country: { change: "update", text: true, reported: true },
        encryptAlgo: { change: "update", reported: true },
        keyParameter: { change: "update", reported: true },
        generate: { change: "update", default: true, reported: true },
        keyPassword: { change: "update", secret: true },
        remark: { change: "update", default: "", text: true, reported: true },
        // ModifyCSR cannot change tags.
        tags: { change: "replace", compare: "tags", default: {}, reported: true },
    },
    outputs: {
        csrId: {},
        csr: {},
        privateKey: { secret: true },
        status: {},
        createTime: {},
    },
    idOutput: "csrId",

    validate(c, news) {
        c.string("domain", { required: true, maxLength: 253, pattern: DOMAIN, patternHelp: 'must be a host name such as "www.example.com" or "*.example.com"' });
        // X.520 caps organizationName and organizationalUnitName at 64 characters.
        for (const p of ["organization", "department"]) c.string(p, { required: true, maxLength: 64 });
        for (const p of ["province", "city"]) c.string(p, { required: true, maxLength: 128 });
        c.string("email", { required: true, maxLength: 128, pattern: EMAIL, patternHelp: 'must be an email address such as "admin@example.com"' });
        const country = c.string("country", { required: true });
        if (country !== undefined && !isCountryCode(country)) {
            c.fail("country", `country must be an ISO 3166-1 alpha-2 code in capitals, such as "CN", "US" or "DE"${isCountryCode(country.toUpperCase()) ? ` (did you mean "${country.toUpperCase()}"?)` : ""}`);
        }
        const algo = c.oneOf<TencentCsrAlgorithm>("encryptAlgo", ["RSA", "ECC"]);
        if (!c.isSet("encryptAlgo")) c.fail("encryptAlgo", "encryptAlgo is required: RSA or ECC");
        if (!c.isSet("keyParameter")) c.fail("keyParameter", 'keyParameter is required: "2048" or "4096" for RSA, "prime256v1" for ECC');
        else if (!c.isUnknown("keyParameter")) {
            const raw = news.keyParameter;
            const keyParameter = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : undefined;
            if (keyParameter === undefined) c.fail("keyParameter", "keyParameter must be a string");
            else {
                news.keyParameter = keyParameter;
                if (algo !== undefined && !KEY_PARAMETERS[algo].includes(keyParameter)) {
                    c.fail("keyParameter", `keyParameter "${keyParameter}" does not fit encryptAlgo ${algo}: use ${KEY_PARAMETERS[algo].map((k) => `"${k}"`).join(" or ")}`);
                }
            }
        }
        c.boolean("generate");
        c.string("keyPassword", { maxLength: 128 });
        c.string("remark", { maxLength: 256 });
        c.tags("tags", TENCENT_TAG_LIMITS);
    },

    createSteps,

    describe: (id, context) => describeCsr(id, context.secrets),

    isNotFound: (error) => error instanceof CsrIdError || isTencentNotFound(error),

    converge: modifyDraft,

    async remove(id, _state, context) {
        if (csrId(id) === undefined) throw new CsrIdError(id);
        const res = await callTencent<{ Success?: number[] }>("ssl", "BatchDeleteCSR", { CSRIds: [Number(id)] }, { idempotent: true });
        if ((res.Success ?? []).includes(Number(id))) return;
        // Missing from Success: either already gone (fine) or refused (not fine). Ask.
        await describeCsr(id, context.secrets);
        throw new Error(`Tencent BatchDeleteCSR did not delete CSR ${id}; it still exists`);
    },

    toOutputs: (id, inputs, record) => toOutputs(id, inputs, record),
    inputsFromRecord: inputsFromCsr,

    refineDiff(olds, _news, changed) {
        // A generated CSR is immutable: any change to it replaces it, except asking to generate it,
        // which it already is.
        return { replaces: (olds.csr ?? "") !== "" ? changed.filter((key) => key !== "generate") : [] };
    },

    findHint: (inputs) => `run \`DescribeCSRSet\` with Domain "${inputs.domain}" (or look in the SSL console's CSR list) for a CSR created at that time`,
};

/** The implementation behind tencentCsrProvider; see core/delegate.ts for why it lives apart. */
export const tencentCsrProviderImpl = defineProvider(tencentCsrDefinition);
