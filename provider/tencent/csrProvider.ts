import type * as dynamic from "@pulumi/pulumi/dynamic";
import { isCountryCode } from "../core/country";
import { createOnce } from "../core/createOnce";
import { OutcomeUnknownError, PartialCreateError } from "../core/errors";
import { sanitizeOutputs } from "../core/outputs";
import { useStackConfig } from "../core/settings";
import { changedKeys, InputChecker, type Inputs } from "../core/validate";
import { callTencent, isTencentNotFound } from "./client";
import { sameTags, TENCENT_TAG_LIMITS, tagsFromList, tagsToList } from "./tags";
import { tencentTimeToIso } from "./time";

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

const SECRET_INPUTS = ["keyPassword"];
const FIELDS = ["domain", "organization", "department", "email", "province", "city", "country", "encryptAlgo", "keyParameter", "remark", "keyPassword", "generate"];
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

async function describeCsr(id: string, secrets: ReadonlyArray<string | undefined>): Promise<CsrDetail> {
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

/** CreateCSR without duplicates: a lost reply is looked for among new CSRs with our fields. */
function createWithoutDuplicates(inputs: TencentCsrInputs, secrets: ReadonlyArray<string | undefined>): Promise<number> {
    const params = { ...requestFields(inputs), ...(Object.keys(inputs.tags).length ? { Tags: tagsToList(inputs.tags) } : {}) };
    return createOnce<number>({
        label: "Tencent CreateCSR",
        list: async () => new Set([...(await listCsrIds(inputs.domain))].map(String)),
        async create() {
            const res = await callTencent<{ Id?: number }>("ssl", "CreateCSR", params, { idempotent: false, secrets });
            if (typeof res.Id !== "number") throw new Error("Tencent CreateCSR returned no Id");
            return res.Id;
        },
        async find(appeared) {
            const matches: number[] = [];
            for (const id of appeared) if (isThisCsr(await describeCsr(id, secrets), inputs)) matches.push(Number(id));
            if (matches.length > 1) {
                throw new Error(`Tencent CreateCSR: the reply was lost and ${matches.length} identical CSRs appeared meanwhile (${matches.join(", ")}); delete the extra ones in the console and run again`);
            }
            return matches[0];
        },
        idOf: (id) => String(id),
    });
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
        generate: inputs.generate || csr !== "",
        csrId: id,
        csr,
        privateKey: typeof d.PrivateKey === "string" ? d.PrivateKey : "",
        status: typeof d.Status === "number" ? d.Status : -1,
        createTime: tencentTimeToIso(d.CreateTime) ?? "",
    };
}

export class TencentCsrProvider implements dynamic.ResourceProvider<TencentCsrInputs, TencentCsrOutputs> {
    async configure(req: dynamic.ConfigureRequest): Promise<void> {
        useStackConfig(req.config);
    }

    async check(_olds: TencentCsrInputs, checked: TencentCsrInputs): Promise<dynamic.CheckResult<TencentCsrInputs>> {
        const news = checked as unknown as Inputs;
        const c = new InputChecker(news, SECRET_INPUTS);
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
        let keyParameter: string | undefined;
        if (!c.isSet("keyParameter")) c.fail("keyParameter", 'keyParameter is required: "2048" or "4096" for RSA, "prime256v1" for ECC');
        else if (!c.isUnknown("keyParameter")) {
            const raw = news.keyParameter;
            keyParameter = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : undefined;
            if (keyParameter === undefined) c.fail("keyParameter", "keyParameter must be a string");
            else if (algo !== undefined && !KEY_PARAMETERS[algo].includes(keyParameter)) {
                c.fail("keyParameter", `keyParameter "${keyParameter}" does not fit encryptAlgo ${algo}: use ${KEY_PARAMETERS[algo].map((k) => `"${k}"`).join(" or ")}`);
            }
        }
        const generate = c.boolean("generate", true);
        c.string("keyPassword", { maxLength: 128 });
        const remark = c.string("remark", { maxLength: 256 });
        const tags = c.tags("tags", TENCENT_TAG_LIMITS);
        const inputs = {
            ...news,
            keyParameter: keyParameter ?? news.keyParameter,
            generate: generate ?? news.generate,
            remark: remark ?? news.remark ?? "",
            // An empty password (config often yields "") is the same as none.
            keyPassword: news.keyPassword === "" ? undefined : news.keyPassword,
            tags: tags ?? news.tags ?? {},
        };
        return { inputs: sanitizeOutputs(inputs) as unknown as TencentCsrInputs, failures: c.failures };
    }

    async diff(_id: string, olds: TencentCsrOutputs, news: TencentCsrInputs): Promise<dynamic.DiffResult> {
        const o = olds as unknown as Inputs;
        const n = news as unknown as Inputs;
        const fieldChanges = changedKeys(o, n, FIELDS);
        const tagChanges = changedKeys(o, n, ["tags"], (_k, a, b) => sameTags(a, b));
        // A generated CSR is immutable, and ModifyCSR cannot change tags: those changes replace.
        const generated = (olds.csr ?? "") !== "";
        const replaces = [...(generated ? fieldChanges : []), ...tagChanges];
        const providerChanged = changedKeys(o, n, ["__provider"]).length > 0;
        return { changes: fieldChanges.length + tagChanges.length > 0 || providerChanged, replaces, deleteBeforeReplace: false };
    }

    async create(inputs: TencentCsrInputs): Promise<dynamic.CreateResult<TencentCsrOutputs>> {
        const secrets = [inputs.keyPassword];
        const id = String(await createWithoutDuplicates(inputs, secrets));
        try {
            const detail = await describeCsr(id, secrets);
            return { id, outs: sanitizeOutputs(toOutputs(id, inputs, detail)) as unknown as TencentCsrOutputs };
        } catch (error) {
            throw new PartialCreateError(id, sanitizeOutputs({ ...inputs, csrId: id }), error as Error);
        }
    }

    async read(id: string, props?: TencentCsrOutputs): Promise<dynamic.ReadResult<TencentCsrOutputs>> {
        let detail: CsrDetail;
        try {
            detail = await describeCsr(id, [props?.keyPassword]);
        } catch (error) {
            if (isTencentNotFound(error)) return {};
            throw error;
        }
        const base: TencentCsrInputs = props && typeof props.domain === "string" ? props : ({ generate: false, remark: "", tags: {} } as unknown as TencentCsrInputs);
        return { id, props: sanitizeOutputs(toOutputs(id, base, detail)) as unknown as TencentCsrOutputs };
    }

    async update(id: string, olds: TencentCsrOutputs, news: TencentCsrInputs): Promise<dynamic.UpdateResult<TencentCsrOutputs>> {
        const secrets = [news.keyPassword, olds.keyPassword];
        const changed = changedKeys(olds as unknown as Inputs, news as unknown as Inputs, FIELDS);
        // A CSR generated meanwhile (a lost reply, or by hand) cannot be modified: just read it.
        const current = await describeCsr(id, secrets);
        if (changed.length > 0 && !isGenerated(current)) {
            // Cleared values must be sent as "" or Tencent keeps the old ones.
            const params: Record<string, unknown> = { CSRId: Number(id), ...requestFields(news), Remark: news.remark ?? "" };
            if (changed.includes("keyPassword")) params.KeyPassword = news.keyPassword ?? "";
            try {
                // Generating happens once: repeating it after a lost reply would be refused.
                await callTencent("ssl", "ModifyCSR", params, { idempotent: !news.generate, secrets });
            } catch (error) {
                if (!(error instanceof OutcomeUnknownError)) throw error;
                const after = await describeCsr(id, secrets);
                if (!isGenerated(after) || !isThisCsr(after, news)) throw error;
            }
        }
        const detail = await describeCsr(id, secrets);
        return { outs: sanitizeOutputs(toOutputs(id, news, detail)) as unknown as TencentCsrOutputs };
    }

    async delete(id: string): Promise<void> {
        let res: { Success?: number[] };
        try {
            res = await callTencent<{ Success?: number[] }>("ssl", "BatchDeleteCSR", { CSRIds: [Number(id)] }, { idempotent: true });
        } catch (error) {
            if (isTencentNotFound(error)) return;
            throw error;
        }
        if ((res.Success ?? []).includes(Number(id))) return;
        // Missing from Success: either already gone (fine) or refused (not fine). Ask.
        try {
            await describeCsr(id, []);
        } catch (error) {
            if (isTencentNotFound(error)) return;
            throw error;
        }
        throw new Error(`Tencent BatchDeleteCSR did not delete CSR ${id}; it still exists`);
    }
}

/** The implementation behind tencentCsrProvider; see core/delegate.ts for why it lives apart. */
export const tencentCsrProviderImpl = new TencentCsrProvider();
