import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { encryptPrivateKey, makeCsr } from "../pki";
import type { ActionContext, ActionDefinition } from "./api";
import { TencentError } from "./envelope";
import type { Params } from "./params";
import { EMULATOR_OWNER_UIN, type CsrRecord, type TencentState } from "./state";
import { tagsProblem } from "./tags";
import { formatTencentTime } from "./time";

/** SSL (2019-12-05) CSR actions: CreateCSR, DescribeCSR, DescribeCSRSet, ModifyCSR, BatchDeleteCSR. */

const generateKeyPairAsync = promisify(generateKeyPair);

/** The subject and key fields a CSR record is made of (all required by CreateCSR, all optional in ModifyCSR). */
const SUBJECT_FIELDS = ["Domain", "Organization", "Department", "Email", "Province", "City", "Country", "EncryptAlgo", "KeyParameter"] as const;
type SubjectField = (typeof SUBJECT_FIELDS)[number];
type CsrFields = Pick<CsrRecord, SubjectField | "Remark" | "KeyPassword" | "SubjectAltName">;

const KEY_PARAMETERS: Readonly<Record<string, readonly string[]>> = { RSA: ["2048", "4096"], ECC: ["prime256v1"] };
const DOMAIN = /^(\*\.)?(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** X.520 upper bounds: organisation and unit names 64 characters, locality and province 128. */
const MAX_LENGTH: Readonly<Partial<Record<SubjectField, number>>> = { Organization: 64, Department: 64, City: 128, Province: 128, Email: 128 };

const ALREADY_GENERATED = "The CSR has already been generated and can no longer be modified.";

function invalidParam(message: string): TencentError {
    return new TencentError("FailedOperation.InvalidParam", message);
}

/** The vendor checks CSR fields itself (FailedOperation.InvalidParam), after the gateway's type checks. */
function validate(fields: CsrFields): void {
    for (const name of SUBJECT_FIELDS) {
        if (fields[name].trim() === "") throw invalidParam(`${name} must not be empty.`);
        const max = MAX_LENGTH[name];
        if (max !== undefined && fields[name].length > max) throw invalidParam(`${name} must be at most ${max} characters.`);
    }
    if (fields.Domain.length > 253 || !DOMAIN.test(fields.Domain)) throw invalidParam(`Domain \`${fields.Domain}\` is not a valid domain name.`);
    if (!EMAIL.test(fields.Email)) throw invalidParam(`Email \`${fields.Email}\` is not a valid email address.`);
    if (!/^[A-Z]{2}$/.test(fields.Country)) throw invalidParam(`Country must be a two-letter ISO 3166 code such as CN or US, not \`${fields.Country}\`.`);
    const allowed = KEY_PARAMETERS[fields.EncryptAlgo];
    if (!allowed) throw invalidParam(`EncryptAlgo must be RSA or ECC, not \`${fields.EncryptAlgo}\`.`);
    if (!allowed.includes(fields.KeyParameter)) {
        throw invalidParam(`KeyParameter for ${fields.EncryptAlgo} must be ${allowed.join(" or ")}, not \`${fields.KeyParameter}\`.`);
    }
    if (fields.SubjectAltName.length > 100) throw invalidParam("SubjectAltName holds more than 100 names.");
    const badName = fields.SubjectAltName.find((name) => !DOMAIN.test(name));
    if (badName !== undefined) throw invalidParam(`SubjectAltName \`${badName}\` is not a valid domain name.`);
}

/** Generates the key pair and the CSR; the private key is encrypted with KeyPassword when one is set. */
async function generate(fields: CsrFields): Promise<{ CSR: string; PrivateKey: string }> {
    // node:crypto's asynchronous generator: an RSA 4096 key takes seconds and must not block the server.
    const { privateKey } =
        fields.EncryptAlgo === "RSA"
            ? await generateKeyPairAsync("rsa", { modulusLength: Number(fields.KeyParameter) })
            : await generateKeyPairAsync("ec", { namedCurve: "prime256v1" });
    const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString().trim();
    const sans = [fields.Domain, ...fields.SubjectAltName.filter((name) => name !== fields.Domain)];
    const csr = makeCsr({
        subject: { CN: fields.Domain, O: fields.Organization, OU: fields.Department, L: fields.City, ST: fields.Province, C: fields.Country, emailAddress: fields.Email },
        sans,
        key: { privateKeyPem },
    });
    return { CSR: csr.csrPem, PrivateKey: fields.KeyPassword ? encryptPrivateKey(privateKeyPem, fields.KeyPassword) : privateKeyPem };
}

function readCommon(params: Params): Pick<CsrFields, "Remark" | "KeyPassword"> & { SubjectAltName?: string[] } {
    const remark = params.optionalString("Remark");
    const password = params.optionalString("KeyPassword");
    const sans = params.optionalStringArray("SubjectAltName");
    return {
        Remark: remark ?? "",
        // An empty password means "no password", as in the console.
        KeyPassword: password === undefined || password === "" ? null : password,
        ...(sans !== undefined ? { SubjectAltName: sans } : {}),
    };
}

function findCsr(state: TencentState, id: number): CsrRecord {
    const record = state.csrs.get(String(id));
    if (!record) throw new TencentError("InvalidParameter.InvalidCSRId", "Incorrect CSR ID.");
    return record;
}

/** 1 = CSR content generated; 0 = draft (Generate was false). See emulator/README.md. */
function statusOf(record: CsrRecord): number {
    return record.CSR === null ? 0 : 1;
}

function itemView(record: CsrRecord): Record<string, unknown> {
    return {
        Id: record.Id,
        OwnerUin: EMULATOR_OWNER_UIN,
        Domain: record.Domain,
        Organization: record.Organization,
        Department: record.Department,
        Email: record.Email,
        Province: record.Province,
        City: record.City,
        Country: record.Country,
        Remarks: record.Remark,
        Status: statusOf(record),
        CreateTime: formatTencentTime(record.CreateTime),
        EncryptAlgo: record.EncryptAlgo,
        KeyParameter: record.KeyParameter,
    };
}

/** Inventory view: no private key, no password. */
export function csrInventoryView(record: CsrRecord): Record<string, unknown> {
    return {
        ...itemView(record),
        SubjectAltName: record.SubjectAltName,
        Tags: record.Tags,
        CSR: record.CSR,
        hasPrivateKey: record.PrivateKey !== null,
        hasKeyPassword: record.KeyPassword !== null,
    };
}

async function createCsr(params: Params, { now, state }: ActionContext) {
    const subject = Object.fromEntries(SUBJECT_FIELDS.map((name) => [name, params.requiredString(name)])) as Pick<CsrRecord, SubjectField>;
    const doGenerate = params.requiredBoolean("Generate");
    const tags = params.optionalTags("Tags") ?? [];
    const common = readCommon(params);
    const fields: CsrFields = { ...subject, ...common, SubjectAltName: common.SubjectAltName ?? [] };
    validate(fields);
    const tagIssue = tagsProblem(tags);
    if (tagIssue) throw invalidParam(`Invalid Tags: ${tagIssue}.`);
    const generated = doGenerate ? await generate(fields) : { CSR: null, PrivateKey: null };
    const id = state.nextCsrId();
    state.csrs.put(String(id), { Id: id, ...fields, Tags: tags, CreateTime: now.toISOString(), ...generated });
    return { Id: id };
}

async function modifyCsr(params: Params, { state }: ActionContext) {
    const id = params.requiredInteger("CSRId");
    const doGenerate = params.requiredBoolean("Generate");
    const record = findCsr(state, id);
    if (record.CSR !== null) throw new TencentError("FailedOperation", ALREADY_GENERATED);
    const changes: Partial<CsrFields> = {};
    for (const name of SUBJECT_FIELDS) {
        const value = params.optionalString(name);
        if (value !== undefined) changes[name] = value;
    }
    if (params.has("Remark")) changes.Remark = params.optionalString("Remark") ?? "";
    const common = readCommon(params);
    if (params.has("KeyPassword")) changes.KeyPassword = common.KeyPassword;
    if (common.SubjectAltName !== undefined) changes.SubjectAltName = common.SubjectAltName;
    const fields: CsrRecord = { ...record, ...changes };
    validate(fields);
    if (!doGenerate) {
        state.csrs.put(String(id), fields);
        return { Id: id };
    }
    const generated = await generate(fields);
    // Key generation yields to other requests: the record may have been deleted or generated meanwhile.
    const latest = findCsr(state, id);
    if (latest.CSR !== null) throw new TencentError("FailedOperation", ALREADY_GENERATED);
    state.csrs.put(String(id), { ...fields, ...generated });
    return { Id: id };
}

const MAX_CSR_SET_LIMIT = 100;

export const csrActions = {
    CreateCSR: {
        params: [...SUBJECT_FIELDS, "Generate", "KeyPassword", "Remark", "Tags", "SubjectAltName"],
        run: createCsr,
    },
    DescribeCSR: {
        params: ["CSRId"],
        run(params, { state }) {
            const record = findCsr(state, params.requiredInteger("CSRId"));
            return {
                ...itemView(record),
                KeyPassword: record.KeyPassword,
                CSR: record.CSR,
                PrivateKey: record.PrivateKey,
                SubjectAltName: record.SubjectAltName,
            };
        },
    },
    DescribeCSRSet: {
        params: ["Limit", "Offset", "Domain", "EncryptAlgo"],
        run(params, { state }) {
            const limit = params.optionalInteger("Limit") ?? 10;
            const offset = params.optionalInteger("Offset") ?? 0;
            const domain = params.optionalString("Domain")?.toLowerCase();
            const algo = params.optionalString("EncryptAlgo");
            if (limit < 0 || limit > MAX_CSR_SET_LIMIT) throw new TencentError("InvalidParameterValue", `Limit must be between 0 and ${MAX_CSR_SET_LIMIT}.`);
            if (offset < 0) throw new TencentError("InvalidParameterValue", "Offset must not be negative.");
            const matches = state.csrs
                .list()
                .filter((c) => (domain === undefined || c.Domain.toLowerCase().includes(domain)) && (algo === undefined || c.EncryptAlgo === algo))
                .sort((a, b) => b.Id - a.Id);
            return { Total: matches.length, Set: matches.slice(offset, offset + limit).map(itemView) };
        },
    },
    ModifyCSR: {
        params: ["CSRId", "Generate", ...SUBJECT_FIELDS, "Remark", "KeyPassword", "SubjectAltName"],
        run: modifyCsr,
    },
    BatchDeleteCSR: {
        params: ["CSRIds"],
        run(params, { state }) {
            const ids = params.requiredIntegerArray("CSRIds");
            if (ids.length === 0 || ids.length > 100) throw new TencentError("InvalidParameterValue", "CSRIds must list 1 to 100 CSR IDs.");
            // Like the doc example ([11,22,33] -> Success [22,33]): IDs that do not exist are left out, not an error.
            const success = [...new Set(ids)].filter((id) => state.csrs.delete(String(id)));
            return { Success: success };
        },
    },
} satisfies Record<string, ActionDefinition>;
