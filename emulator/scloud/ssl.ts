import type { ActionResult } from "../core/vendorService";
import { splitContent, readContent, type CertificateContent } from "./content";
import { RET, ScloudError } from "./envelope";
import type { Params } from "./params";
import { randomScloudId, type Binding, type ScloudState, type SslRecord } from "./state";

/** What an action gets besides its parameters. */
export interface ScloudActionContext {
    readonly now: Date;
    readonly state: ScloudState;
    /** How long DescribeSSL keeps a new certificate out of sight (reference/scloud.md §3.2: several seconds). */
    readonly describeLagMs: number;
}

export type ScloudActionRun = (params: Params, context: ScloudActionContext) => ActionResult;

/** UCloud's documented cap on names (ULB error 4114); the reference's safe choice (§3.1). */
export const SSL_NAME_MAX_LENGTH = 50;

/** The main account's default project, used when a call names none (sub-accounts must name one; not emulated). */
export const DEFAULT_PROJECT_ID = "org-cloudcerts-emulator";

/** Region and project scope every ULB call. */
function scope(params: Params): { Region: string; ProjectId: string } {
    return { Region: params.required("Region"), ProjectId: params.optional("ProjectId") ?? DEFAULT_PROJECT_ID };
}

function findSsl(params: Params, context: ScloudActionContext, name = "SSLId"): SslRecord {
    const id = params.required(name);
    const where = scope(params);
    const record = context.state.ssls.get(id);
    if (!record || record.Region !== where.Region || record.ProjectId !== where.ProjectId) {
        // The real code for an unknown id is undocumented (reference §6 q.2); the message says "not exist" as UCloud's do.
        throw new ScloudError(RET.SSL_NOT_FOUND, `获取ssl证书失败: ssl [${id}] not exist`);
    }
    return record;
}

function checkName(name: string): void {
    if ([...name].length > SSL_NAME_MAX_LENGTH) throw new ScloudError(RET.NAME_TOO_LONG, `名称长度最大支持${SSL_NAME_MAX_LENGTH}个字符 (SSLName is longer than ${SSL_NAME_MAX_LENGTH} characters)`);
}

function sourceContent(params: Params, context: ScloudActionContext): { content: CertificateContent; usslId: string | null } {
    const sslContent = params.optional("SSLContent");
    const userCert = params.optional("UserCert");
    const usslId = params.optional("USSLId");
    const given = [sslContent, userCert, usslId].filter((v) => v !== undefined).length;
    if (given !== 1) throw new ScloudError(RET.PARAMS_INVALID, "Params [SSLContent] not available: give one of SSLContent, UserCert with PrivateKey, or USSLId");
    if (sslContent !== undefined) return { content: splitContent(sslContent), usslId: null };
    if (userCert !== undefined) return { content: readContent(userCert, params.required("PrivateKey"), params.optional("CaCert") ?? ""), usslId: null };
    const hosted = context.state.ussl.get(usslId!);
    if (!hosted) throw new ScloudError(RET.SSL_CONTENT_INVALID, `SSL证书内容无效: USSL certificate [${usslId}] not exist`);
    return { content: readContent(hosted.UserCert, hosted.PrivateKey, hosted.CaCert), usslId: hosted.USSLId };
}

function createSsl(params: Params, context: ScloudActionContext): ActionResult {
    const where = scope(params);
    const name = params.required("SSLName");
    checkName(name);
    const sslType = params.optional("SSLType") ?? "Pem";
    if (sslType !== "Pem") throw new ScloudError(RET.PARAMS_INVALID, "Params [SSLType] not available: only Pem is supported");
    const { content, usslId } = sourceContent(params, context);
    const { ssls } = context.state;
    const id = randomScloudId("ssl", (candidate) => ssls.has(candidate));
    const nowMs = context.now.getTime();
    ssls.put(id, {
        SSLId: id,
        seq: context.state.nextSeq(),
        ...where,
        SSLName: name,
        SSLType: sslType,
        SSLSource: usslId === null ? 0 : 1,
        USSLId: usslId,
        UserCert: content.userCert,
        PrivateKey: content.privateKey,
        CaCert: content.caCert,
        // DescribeSSL's order, which certimate relies on (reference §3.1): certificate, key, CA.
        SSLContent: [content.userCert, content.privateKey, content.caCert].filter((p) => p !== "").join("\n"),
        CreateTime: Math.floor(nowMs / 1000),
        createdAtMs: nowMs,
        HashValue: content.hashValue,
        Domains: content.domains,
        NotBefore: content.notBefore,
        NotAfter: content.notAfter,
        BindedTargetSet: [],
    });
    return { SSLId: id };
}

/** A ULBSSLSet as DescribeSSL returns it, SSLContent (key included) and all. */
function sslView(record: SslRecord): Record<string, unknown> {
    return {
        SSLId: record.SSLId,
        SSLName: record.SSLName,
        SSLType: record.SSLType,
        SSLContent: record.SSLContent,
        CreateTime: record.CreateTime,
        HashValue: record.HashValue,
        BindedTargetSet: record.BindedTargetSet,
        SSLSource: record.SSLSource,
        ...(record.USSLId !== null ? { USSLId: record.USSLId } : {}),
        Domains: record.Domains,
        NotBefore: record.NotBefore,
        NotAfter: record.NotAfter,
    };
}

function describeSsl(params: Params, context: ScloudActionContext): ActionResult {
    const where = scope(params);
    const id = params.optional("SSLId");
    const limit = params.integer("Limit", 20, 1, 1000);
    const offset = params.integer("Offset", 0, 0, Number.MAX_SAFE_INTEGER);
    const visibleFrom = context.now.getTime() - context.describeLagMs;
    const matching = context.state.ssls
        .list()
        .filter((r) => r.Region === where.Region && r.ProjectId === where.ProjectId && (id === undefined || r.SSLId === id))
        // A certificate just created is not listed yet: the lag the Go SDK's scenario test waits out (reference §3.2).
        .filter((r) => r.createdAtMs <= visibleFrom)
        .sort((a, b) => a.seq - b.seq);
    // An unknown SSLId is an empty DataSet, not an error: what Terraform's not-found check relies on (reference §3.2).
    return { TotalCount: matching.length, DataSet: matching.slice(offset, offset + limit).map(sslView) };
}

function updateSslAttribute(params: Params, context: ScloudActionContext): ActionResult {
    const record = findSsl(params, context);
    const name = params.required("SSLName");
    checkName(name);
    context.state.ssls.put(record.SSLId, { ...record, SSLName: name });
    return {};
}

function deleteSsl(params: Params, context: ScloudActionContext): ActionResult {
    const record = findSsl(params, context);
    if (record.BindedTargetSet.length > 0) {
        const targets = record.BindedTargetSet.map((b) => `${b.ULBId}/${b.VServerId}`).join(", ");
        // 4108 is the reference's best guess for delete-while-bound (§3.5, §6 q.1).
        throw new ScloudError(RET.SSL_IN_USE, `SSL证书已被占用，请释放后重试 (ssl [${record.SSLId}] is bound to ${targets})`);
    }
    context.state.ssls.delete(record.SSLId);
    return {};
}

/** Binds a certificate to a listener; a listener holds one certificate (reference §3.6, certimate#1224). */
export function bind(state: ScloudState, record: SslRecord, binding: Binding): void {
    const holder = state.ssls.list().find((r) => r.BindedTargetSet.some((b) => b.ULBId === binding.ULBId && b.VServerId === binding.VServerId));
    if (holder && holder.SSLId !== record.SSLId) {
        throw new ScloudError(RET.VSERVER_ALREADY_BOUND, `ulb vserver alredy bind ssl, bind ssl: [${holder.SSLId}]`);
    }
    if (holder) return;
    state.ssls.put(record.SSLId, { ...record, BindedTargetSet: [...record.BindedTargetSet, binding] });
}

function bindSsl(params: Params, context: ScloudActionContext): ActionResult {
    const record = findSsl(params, context);
    const ulbId = params.required("ULBId");
    const vserverId = params.required("VServerId");
    bind(context.state, record, { ULBId: ulbId, ULBName: ulbId, VServerId: vserverId, VServerName: vserverId });
    return {};
}

function unbindSsl(params: Params, context: ScloudActionContext): ActionResult {
    const record = findSsl(params, context);
    const ulbId = params.required("ULBId");
    const vserverId = params.required("VServerId");
    const rest = record.BindedTargetSet.filter((b) => !(b.ULBId === ulbId && b.VServerId === vserverId));
    context.state.ssls.put(record.SSLId, { ...record, BindedTargetSet: rest });
    return {};
}

/** Moves the bindings of OldSSLId (all of them, or one load balancer's / listener's) to NewSSLId: rotation without downtime (reference §3.6). */
function updateSslBinding(params: Params, context: ScloudActionContext): ActionResult {
    const old = findSsl(params, context, "OldSSLId");
    const next = findSsl(params, context, "NewSSLId");
    const lb = params.optional("LoadBalancerId");
    const listener = params.optional("ListenerId");
    const moving = old.BindedTargetSet.filter((b) => (lb === undefined || b.ULBId === lb) && (listener === undefined || b.VServerId === listener));
    context.state.ssls.put(old.SSLId, { ...old, BindedTargetSet: old.BindedTargetSet.filter((b) => !moving.includes(b)) });
    const fresh = context.state.ssls.get(next.SSLId)!;
    const kept = fresh.BindedTargetSet.filter((b) => !moving.some((m) => m.ULBId === b.ULBId && m.VServerId === b.VServerId));
    context.state.ssls.put(next.SSLId, { ...fresh, BindedTargetSet: [...kept, ...moving] });
    return {};
}

interface ScloudAction {
    readonly write: boolean;
    readonly run: ScloudActionRun;
}

/**
 * Every action served. Rate limits: SCloud and UCloud publish none for ULB, only that throttling
 * answers RetCode 153 (reference §3.7); the emulator allows 10/s per action and caller, twice the
 * pace the provider keeps to (provider/scloud/protocol.ts), so a well-behaved client never sees a 153.
 */
export const SCLOUD_PER_SECOND = 10;

export const SCLOUD_ACTIONS: ReadonlyMap<string, ScloudAction> = new Map(
    Object.entries({
        CreateSSL: { write: true, run: createSsl },
        DescribeSSL: { write: false, run: describeSsl },
        UpdateSSLAttribute: { write: true, run: updateSslAttribute },
        DeleteSSL: { write: true, run: deleteSsl },
        BindSSL: { write: true, run: bindSsl },
        UnbindSSL: { write: true, run: unbindSsl },
        UpdateSSLBinding: { write: true, run: updateSslBinding },
    } satisfies Record<string, ScloudAction>),
);

/** The inventory view: no private key, no SSLContent (it holds the key). */
export function sslInventoryView(record: SslRecord): Record<string, unknown> {
    const { PrivateKey: _key, SSLContent: _content, createdAtMs: _ms, seq: _seq, ...rest } = record;
    return rest;
}
