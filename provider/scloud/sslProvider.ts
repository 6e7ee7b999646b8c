import { createHash } from "node:crypto";
import { VendorApiError } from "../core/errors";
import { privateKeyIdentity } from "../core/keyIdentity";
import { CERTIFICATE_LABEL, checkCertificateBundle, isPemError, isPrivateKeyLabel, parseCertificateChain, splitPemBlocks } from "../core/pem";
import { isClaimed, type CreateOnceSteps } from "../core/resource/createOnce";
import type { CallContext, Created, ResourceDefinition } from "../core/resource/definition";
import { DEFAULT_EXPIRY_WARNING_DAYS, expiryOf, type ExpiryOutputs } from "../core/resource/expiry";
import type { PendingCreate } from "../core/resource/pending";
import { defineProvider } from "../core/resource/provider";
import { readSetting } from "../core/settings";
import type { CheckFailure } from "../core/validate";
import { callScloud, isScloudNotFound, scloudScope } from "./client";
import type { ScloudParams } from "./sign";

export type ScloudSslType = "Pem";

export interface ScloudSslInputs {
    sslName: string;
    sslType: ScloudSslType;
    /** The whole bundle in one PEM text: certificate, its private key, CA certificates. */
    sslContent?: string;
    userCert?: string;
    privateKey?: string;
    caCert?: string;
    /** A certificate already hosted in USSL, imported into ULB. */
    usslId?: string;
    region: string;
    projectId: string;
    /** Warn when the certificate expires within this many days (default 30). */
    expiryWarningDays: number;
}

/** A load-balancer listener the certificate serves (DescribeSSL's BindedTargetSet; a listener is a VServer on classic ULB). */
export interface ScloudSslBinding {
    loadBalancerId: string;
    loadBalancerName: string;
    listenerId: string;
    listenerName: string;
}

export interface ScloudSslOutputs extends ScloudSslInputs, ExpiryOutputs {
    sslId: string;
    /** ISO-8601 UTC. */
    createTime: string;
    /** SCloud's HashValue (32 hex; what it hashes is undocumented). */
    hashValue: string;
    /** The certificate's domain as SCloud reports it (extension domains of multi-domain certificates are not listed). */
    domains: string;
    /** 0 uploaded to ULB, 1 imported from USSL. */
    sslSource: number;
    boundListeners: ScloudSslBinding[];
}

/** A ULBSSLSet as DescribeSSL returns it (reference/scloud.md §3.2). */
interface UlbSslSet {
    SSLId?: string;
    SSLName?: string;
    SSLType?: string;
    /** Holds the private key: read to match a lost create, never kept. */
    SSLContent?: string;
    CreateTime?: number;
    HashValue?: string;
    BindedTargetSet?: Array<{ ULBId?: string; ULBName?: string; VServerId?: string; VServerName?: string }> | null;
    SSLSource?: number;
    USSLId?: string;
    Domains?: string;
    NotBefore?: number;
    NotAfter?: number;
}

/** What a read keeps of a certificate: the set without SSLContent, its certificates (public), and where it lives. */
interface SslRecord {
    readonly set: Omit<UlbSslSet, "SSLContent">;
    readonly certificates: readonly string[];
    readonly region: string;
    readonly projectId: string;
}

const CREATE = "SCloud CreateSSL";
/**
 * Names of at most 50 characters: ULB's error 4114 says 50, Terraform's validator 63; the lower is
 * the safe one (reference/scloud.md §3.1). Auto-names use ASCII only; a given name may hold Han too.
 */
const NAME_RULE = { maxLength: 50, allowed: /[A-Za-z0-9_.-]/ } as const;
const NAME_PATTERN = /^[\p{Script=Han}A-Za-z0-9_.-]{1,50}$/u;
/**
 * DescribeSSL lags CreateSSL by several seconds; UCloud's own SDK scenario waits 10 s and then
 * retries (reference/scloud.md §3.2). 15 s covers that with room.
 */
const VISIBILITY_LAG_MS = 15_000;
const PAGE = 100;
/** A lost create's object is one made within this long of the pending create's time. */
const PENDING_WINDOW_MS = 10 * 60_000;

const SOURCE_KEYS = ["sslContent", "userCert", "usslId"] as const;

function configRegion(): string | undefined {
    return readSetting("scloud:region", ["SCLOUD_REGION"]);
}

function configProjectId(): string | undefined {
    return readSetting("scloud:projectId", ["SCLOUD_PROJECT_ID"]);
}

/**
 * Region and ProjectId of a call: the resource's, else (the get path, where state holds no inputs)
 * config's, which callScloud fills in. Undefined keys are left out, never sent as undefined, so
 * that they cannot mask config's defaults.
 */
function scopeParams(known: Readonly<Partial<ScloudSslInputs>> | undefined): ScloudParams {
    const params: Record<string, string> = {};
    if (known?.region) params.Region = known.region;
    if (known?.projectId) params.ProjectId = known.projectId;
    return params;
}

interface BundleParts {
    readonly certificates: readonly string[];
    readonly keys: readonly string[];
    readonly others: readonly string[];
}

/** The blocks of an all-in-one bundle by kind; throws PemError for text that is not PEM. */
function bundleParts(text: string): BundleParts {
    const blocks = splitPemBlocks(text);
    return {
        certificates: blocks.filter((b) => b.label === CERTIFICATE_LABEL).map((b) => b.pem),
        keys: blocks.filter((b) => isPrivateKeyLabel(b.label)).map((b) => b.pem),
        others: blocks.filter((b) => b.label !== CERTIFICATE_LABEL && !isPrivateKeyLabel(b.label)).map((b) => b.label),
    };
}

function publicKeyIdentity(certificatePem: string): string | undefined {
    try {
        const spki = parseCertificateChain(certificatePem)[0]!.x509.publicKey.export({ type: "spki", format: "der" });
        return createHash("sha256").update(spki).digest("hex");
    } catch {
        return undefined;
    }
}

/**
 * A bundle's certificates leaf first: the certificate the key belongs to, then the others in the
 * order given (the console lists the key first, DescribeSSL returns it after the certificate, so
 * the key's position says nothing; the CA certificates' order does).
 */
function orderedCertificates(parts: BundleParts): string[] {
    const keyId = parts.keys.length === 1 ? privateKeyIdentity(parts.keys[0]) : undefined;
    const leafIndex = keyId === undefined ? -1 : parts.certificates.findIndex((c) => publicKeyIdentity(c) === keyId);
    if (leafIndex <= 0) return [...parts.certificates];
    return [parts.certificates[leafIndex]!, ...parts.certificates.filter((_, i) => i !== leafIndex)];
}

/** The leaf certificate of a bundle (its certificates only), or undefined when it does not parse. */
export function leafOfBundle(sslContent: string): string | undefined {
    try {
        return orderedCertificates(bundleParts(sslContent))[0];
    } catch {
        return undefined;
    }
}

/** The leaf certificate the inputs upload; undefined for a USSL import (SCloud holds it). */
function inputLeaf(inputs: Partial<ScloudSslInputs>): string | undefined {
    if (typeof inputs.sslContent === "string") return leafOfBundle(inputs.sslContent);
    return typeof inputs.userCert === "string" ? inputs.userCert : undefined;
}

const unixToIso = (seconds: number | undefined): string =>
    typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") : "";

function notFound(id: string, where: ScloudParams): VendorApiError {
    const place = [where.Region ? `region ${String(where.Region)}` : "", where.ProjectId ? `project ${String(where.ProjectId)}` : ""].filter(Boolean).join(", ");
    return new VendorApiError({ vendor: "SCloud", action: "DescribeSSL", code: "NotFound", message: `no SSL certificate ${id}${place ? ` in ${place}` : ""}`, category: "notFound" });
}

/** The set of one certificate, SSLContent included; throws not found for an empty DataSet (how SCloud says gone, reference §3.2). */
async function describeSet(id: string, secrets: readonly string[], known: Readonly<Partial<ScloudSslInputs>> | undefined): Promise<UlbSslSet> {
    const where = scopeParams(known);
    const reply = await callScloud<{ DataSet?: UlbSslSet[] | null }>("DescribeSSL", { ...where, SSLId: id, Limit: PAGE }, { idempotent: true, secrets });
    const set = (reply.DataSet ?? []).find((s) => s.SSLId === id);
    if (!set) throw notFound(id, where);
    return set;
}

async function describeSsl(id: string, context: CallContext, known: Readonly<Partial<ScloudSslInputs>> | undefined): Promise<SslRecord> {
    const { SSLContent: content, ...set } = await describeSet(id, context.secrets, known);
    let certificates: string[] = [];
    try {
        // Only the certificates, which are public, for the get path; the key in SSLContent is dropped here.
        certificates = content ? bundleParts(content).certificates.slice() : [];
    } catch {
        certificates = [];
    }
    return { set, certificates, region: known?.region ?? configRegion() ?? "", projectId: known?.projectId ?? configProjectId() ?? "" };
}

async function listSslIds(inputs: ScloudSslInputs, secrets: readonly string[]): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let page = 0; page < 50; page++) {
        const reply = await callScloud<{ TotalCount?: number; DataSet?: UlbSslSet[] | null }>(
            "DescribeSSL",
            { ...scopeParams(inputs), Limit: PAGE, Offset: page * PAGE },
            { idempotent: true, secrets },
        );
        const sets = reply.DataSet ?? [];
        for (const s of sets) if (s.SSLId) ids.add(s.SSLId);
        if (sets.length < PAGE || ids.size >= (reply.TotalCount ?? 0)) break;
    }
    return ids;
}

/**
 * Whether a certificate is the one this create would have made. SCloud's HashValue cannot be
 * recomputed (what it hashes is undocumented), so the leaf is compared instead: the certificates
 * in the SSLContent it returns, as certimate does, or the USSL id of an import.
 */
function isThisCreate(set: UlbSslSet, inputs: ScloudSslInputs, pending: PendingCreate | undefined): boolean {
    if (set.SSLName !== inputs.sslName) return false;
    if (pending && typeof set.CreateTime === "number") {
        const at = Date.parse(pending.at);
        if (!Number.isNaN(at) && Math.abs(set.CreateTime * 1000 - at) > PENDING_WINDOW_MS) return false;
    }
    if (inputs.usslId) return set.USSLId === inputs.usslId;
    const leaf = inputLeaf(inputs);
    const wanted = leaf === undefined ? undefined : expiryOf(leaf)?.fingerprintSha256;
    if (wanted === undefined || !set.SSLContent) return false;
    try {
        return bundleParts(set.SSLContent).certificates.some((c) => expiryOf(c)?.fingerprintSha256 === wanted);
    } catch {
        return false;
    }
}

function createParams(inputs: ScloudSslInputs): ScloudParams {
    const source: ScloudParams = inputs.usslId
        ? { USSLId: inputs.usslId }
        : inputs.sslContent
          ? { SSLContent: inputs.sslContent }
          : { UserCert: inputs.userCert, PrivateKey: inputs.privateKey, CaCert: inputs.caCert };
    return { ...scopeParams(inputs), SSLName: inputs.sslName, SSLType: inputs.sslType, ...source };
}

/**
 * CreateSSL without duplicates: it is never retried blindly. A lost reply is looked for among the
 * certificates that appeared since the first list, by name and leaf; right after the create,
 * DescribeSSL may not show it yet, so the search keeps looking for the visibility lag before it
 * concludes there is none (a later run's search, for a pending create, needs no such wait).
 */
function createSteps(inputs: ScloudSslInputs, context: CallContext, pending?: PendingCreate): CreateOnceSteps<Created<ScloudSslOutputs>> {
    const scope = scloudScope();
    const matchesAmong = async (ids: readonly string[]): Promise<string[]> => {
        const matches: string[] = [];
        for (const id of ids) {
            let set: UlbSslSet;
            try {
                set = await describeSet(id, context.secrets, inputs);
            } catch (error) {
                if (isScloudNotFound(error)) continue;
                throw error;
            }
            if (isThisCreate(set, inputs, pending)) matches.push(id);
        }
        return matches;
    };
    return {
        label: CREATE,
        scope,
        list: () => listSslIds(inputs, context.secrets),
        // The listing is the region's and project's whole list: the creates of one `up` there share one.
        sharedSnapshot: { key: JSON.stringify([inputs.region, inputs.projectId]), list: () => listSslIds(inputs, context.secrets) },
        async create() {
            const reply = await callScloud<{ SSLId?: string }>("CreateSSL", createParams(inputs), { idempotent: false, secrets: context.secrets });
            if (!reply.SSLId) throw new Error("SCloud CreateSSL returned no SSLId");
            return { id: reply.SSLId };
        },
        async find(appeared, before) {
            let candidates = appeared;
            let waited = 0;
            for (let attempt = 1; ; attempt++) {
                const matches = await matchesAmong(candidates);
                if (matches.length > 1) {
                    throw new Error(
                        `${CREATE}: the reply was lost and ${matches.length} certificates named ${inputs.sslName} with this certificate appeared meanwhile (${matches.join(", ")}); ` +
                            "delete the extra ones in the ULB console and run again",
                    );
                }
                if (matches.length === 1) return { id: matches[0]! };
                if (pending || waited >= VISIBILITY_LAG_MS) return undefined;
                const wait = Math.min(VISIBILITY_LAG_MS - waited, 1000 * attempt);
                await context.sleep(wait);
                waited += wait;
                candidates = [...(await listSslIds(inputs, context.secrets))].filter((id) => !before.has(id) && !isClaimed({ label: CREATE, scope }, id));
            }
        },
        idOf: (created) => created.id,
    };
}

function toOutputs(id: string, inputs: ScloudSslInputs, record: SslRecord, _previous: Partial<ScloudSslOutputs> | undefined): ScloudSslOutputs {
    const { set } = record;
    const leaf = inputLeaf(inputs) ?? record.certificates[0];
    const facts = leaf === undefined ? undefined : expiryOf(leaf);
    return {
        ...inputs,
        sslName: set.SSLName ?? inputs.sslName,
        sslType: set.SSLType === "Pem" ? "Pem" : inputs.sslType,
        expiryWarningDays: inputs.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        sslId: id,
        createTime: unixToIso(set.CreateTime),
        hashValue: set.HashValue ?? "",
        domains: set.Domains ?? "",
        sslSource: typeof set.SSLSource === "number" ? set.SSLSource : 0,
        boundListeners: (set.BindedTargetSet ?? []).map((b) => ({
            loadBalancerId: b.ULBId ?? "",
            loadBalancerName: b.ULBName ?? "",
            listenerId: b.VServerId ?? "",
            listenerName: b.VServerName ?? "",
        })),
        notBefore: facts?.notBefore ?? unixToIso(set.NotBefore),
        notAfter: facts?.notAfter ?? unixToIso(set.NotAfter),
        serialNumber: facts?.serialNumber ?? "",
        fingerprintSha256: facts?.fingerprintSha256 ?? "",
    };
}

/** Inputs recovered from a certificate alone (the get path): never its key, which SCloud returns but this provider does not keep. */
function inputsFromRecord(record: SslRecord): ScloudSslInputs {
    const { set, certificates } = record;
    const base = { sslName: set.SSLName ?? "", sslType: "Pem" as const, region: record.region, projectId: record.projectId, expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS };
    if (set.SSLSource === 1 && set.USSLId) return { ...base, usslId: set.USSLId };
    // DescribeSSL returns UserCert + PrivateKey + CaCert: the first certificate is the user's.
    const [userCert, ...cas] = certificates;
    return { ...base, userCert, caCert: cas.length > 0 ? cas.join("\n") : undefined };
}

function describeBinding(b: ScloudSslBinding): string {
    const named = (name: string, id: string) => (name && name !== id ? `${name} (${id})` : id);
    return `listener ${named(b.listenerName, b.listenerId)} of load balancer ${named(b.loadBalancerName, b.loadBalancerId)}`;
}

/** Why a bound certificate cannot go, and what to do: SCloud refuses to delete it (reference §3.5). */
function boundMessage(id: string, name: string, bindings: readonly ScloudSslBinding[]): string {
    return (
        `ScloudSsl ${id} (${name}) cannot be deleted: it is still bound to ${bindings.length === 1 ? "" : `${bindings.length} listeners: `}${bindings.map(describeBinding).join("; ")}. ` +
        `Move those listeners to another certificate first (UpdateSSLBinding with OldSSLId ${id}, or the ULB console; when this is a replacement, ` +
        "its new certificate already exists, so point the listeners at it), or unbind it (UnbindSSL), then run the update again"
    );
}

/** Failures about a secret property carry no property, so the engine never prints its value (see InputChecker.fail). */
function hideSecretProperties(failures: readonly CheckFailure[], secret: ReadonlySet<string>): CheckFailure[] {
    return failures.map((f) =>
        secret.has(f.property) ? { property: "", reason: f.reason.startsWith(f.property) ? f.reason : `${f.property}: ${f.reason}` } : f,
    );
}

const SECRET_INPUTS: ReadonlySet<string> = new Set(["sslContent", "privateKey"]);

/** ScloudSsl, declared on the resource framework. */
export const scloudSslDefinition: ResourceDefinition<ScloudSslInputs, ScloudSslOutputs, SslRecord> = {
    vendor: "SCloud",
    name: "ScloudSsl",
    inputs: {
        // The only attribute UpdateSSLAttribute changes; everything else has no API to change it (reference §3.4).
        sslName: { change: "update", autoName: NAME_RULE, text: true, reported: true },
        sslType: { change: "replace", default: "Pem", reported: true },
        sslContent: { change: "replace", compare: "pem", secret: true },
        userCert: { change: "replace", compare: "pem" },
        privateKey: { change: "replace", compare: "privateKey", secret: true },
        caCert: { change: "replace", compare: "pem" },
        usslId: { change: "replace" },
        // Certificates are regional and per project (reference §3.1): moving one is making a new one.
        region: { change: "replace" },
        projectId: { change: "replace" },
        expiryWarningDays: { change: "state", default: DEFAULT_EXPIRY_WARNING_DAYS },
    },
    outputs: {
        sslId: {},
        createTime: {},
        hashValue: {},
        domains: {},
        sslSource: {},
        boundListeners: {},
        notBefore: {},
        notAfter: {},
        serialNumber: {},
        fingerprintSha256: {},
    },
    idOutput: "sslId",
    certificateInput: "userCert",
    visibilityLagMs: VISIBILITY_LAG_MS,

    validate(c, news, context) {
        // Defaults from config are written into the inputs, so a later change of config shows as a change of place.
        if (!c.isSet("region") && configRegion() !== undefined) news.region = configRegion();
        if (!c.isSet("projectId") && configProjectId() !== undefined) news.projectId = configProjectId();
        c.oneOf<ScloudSslType>("sslType", ["Pem"]);
        c.string("sslName", { nonEmpty: true, pattern: NAME_PATTERN, patternHelp: "must be 1 to 50 letters, digits, Han characters, '-', '_' or '.'" });
        if (!c.isSet("region")) c.fail("region", "region is required: set the resource's region, or run `pulumi config set scloud:region <region>`, or set SCLOUD_REGION");
        else c.string("region", { nonEmpty: true, pattern: /^[a-z0-9-]{2,40}$/, patternHelp: "must be a region code such as cn-bj2 or sg (lowercase letters, digits and '-')" });
        if (!c.isSet("projectId")) {
            c.fail("projectId", "projectId is required: set the resource's projectId, or run `pulumi config set scloud:projectId <project id>`, or set SCLOUD_PROJECT_ID");
        } else {
            c.string("projectId", { nonEmpty: true, pattern: /^[A-Za-z0-9_-]{1,64}$/, patternHelp: "must be a project id such as org-abc123 (letters, digits, '-' and '_')" });
        }
        c.integer("expiryWarningDays", { min: 0, max: 3650 });

        const separate = c.isSet("userCert") || c.isSet("privateKey") || c.isSet("caCert");
        const given = SOURCE_KEYS.filter((k) => (k === "userCert" ? separate : c.isSet(k)));
        if (given.length === 0) {
            c.fail("sslContent", "sslContent, userCert (with privateKey) or usslId is required: give exactly one source of the certificate");
            return;
        }
        if (given.length > 1) {
            const names = given.map((k) => (k === "userCert" ? "userCert/privateKey/caCert" : k));
            c.fail(given[1]!, `give exactly one source of the certificate, not ${names.join(" and ")}`);
            return;
        }
        const validity = { now: context.now };
        if (given[0] === "usslId") {
            c.string("usslId", { nonEmpty: true, pattern: /^[A-Za-z0-9_.-]{1,100}$/, patternHelp: "must be a USSL certificate id such as usecure_ussl-abc123" });
        } else if (given[0] === "userCert") {
            if (!c.isSet("userCert")) c.fail("userCert", "userCert is required with privateKey: the PEM certificate (the CA certificates go in caCert)");
            if (!c.isSet("privateKey")) c.fail("privateKey", "privateKey is required with userCert: the PEM private key of the certificate, without a passphrase");
            if (c.isSet("userCert") && c.isSet("privateKey")) {
                c.failures.push(
                    ...hideSecretProperties(
                        checkCertificateBundle({
                            certificate: { property: "userCert", value: news.userCert },
                            chain: { property: "caCert", value: news.caCert },
                            privateKey: { property: "privateKey", value: news.privateKey },
                            requireKey: true,
                            ...validity,
                            // An unchanged certificate that has expired warns (from the class), never fails.
                            checkValidity: context.changed("userCert") || context.changed("caCert"),
                        }),
                        SECRET_INPUTS,
                    ),
                );
            }
        } else if (!c.isUnknown("sslContent")) {
            const content = news.sslContent;
            if (typeof content !== "string") {
                c.fail("sslContent", "sslContent must be a string of PEM blocks");
                return;
            }
            let parts: BundleParts;
            try {
                parts = bundleParts(content);
            } catch (error) {
                c.fail("sslContent", `sslContent is not valid PEM: ${isPemError(error) ? error.message : "it cannot be read"}`);
                return;
            }
            if (parts.others.length > 0) c.fail("sslContent", `sslContent may hold certificates and one private key only, not ${parts.others.join(", ")} blocks`);
            if (parts.certificates.length === 0) c.fail("sslContent", "sslContent holds no certificate: give the certificate, its private key and the CA certificates");
            if (parts.keys.length !== 1) {
                c.fail("sslContent", `sslContent must hold exactly one private key (the certificate's), not ${parts.keys.length}`);
            }
            if (parts.certificates.length > 0 && parts.keys.length === 1) {
                c.failures.push(
                    ...hideSecretProperties(
                        checkCertificateBundle({
                            certificate: { property: "sslContent", value: orderedCertificates(parts).join("\n") },
                            privateKey: { property: "sslContent", value: parts.keys[0] },
                            requireKey: true,
                            ...validity,
                            checkValidity: context.changed("sslContent"),
                        }),
                        SECRET_INPUTS,
                    ),
                );
            }
        }
    },

    createSteps,

    describe: (id, context) => describeSsl(id, context, context.state as Readonly<Partial<ScloudSslInputs>> | undefined),

    isNotFound: isScloudNotFound,

    async converge(id, desired, current, context) {
        if (current.sslName === desired.sslName) return false;
        await callScloud("UpdateSSLAttribute", { ...scopeParams(desired), SSLId: id, SSLName: desired.sslName }, { idempotent: true, secrets: context.secrets });
        return true;
    },

    async remove(id, state, context) {
        // Looked up first: a bound certificate gets a message naming its listeners, not just a RetCode.
        const record = await describeSsl(id, context, state);
        const outputs = toOutputs(id, state, record, state);
        if (outputs.boundListeners.length > 0) throw new Error(boundMessage(id, outputs.sslName, outputs.boundListeners));
        await callScloud("DeleteSSL", { ...scopeParams(state), SSLId: id }, { idempotent: true, secrets: context.secrets });
    },

    toOutputs,
    inputsFromRecord,

    findHint: (inputs) =>
        `list the certificates with DescribeSSL in region ${inputs.region} (project ${inputs.projectId}), or look in the ULB console's certificate list, ` +
        `for the name ${inputs.sslName}, and compare its domain and validity with the certificate's`,
};

/** The implementation behind scloudSslProvider; see core/delegate.ts for why it lives apart. */
export const scloudSslProviderImpl = defineProvider(scloudSslDefinition);
