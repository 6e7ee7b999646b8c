import type { CallOptions } from "../core/http";
import { callHuawei } from "./client";
import type { HuaweiTarget } from "./config";

// The APIG v2 SSL-certificate calls (reference/huawei-apig.md §1.2–1.4), typed, so that the
// resource definition never spells a path or decides an action's idempotency itself.

/** CertificateForm: the body of create and of update, which is a full replace. @public */
export interface ApigCertificateForm {
    /** 4–50 characters: letters (Chinese too), digits, `_`, starting with a letter. */
    readonly name: string;
    /** PEM, server certificate first, then its chain. */
    readonly cert_content: string;
    /** PEM, unencrypted (APIG.2105 otherwise). */
    readonly private_key: string;
    /** Defaults to global; cannot change after creation. */
    readonly type?: "global" | "instance";
    /** Required when type is instance. */
    readonly instance_id?: string;
    /** CA for client (mTLS) verification; instance certificates only. */
    readonly trusted_root_ca?: string;
    readonly algorithm_type?: "RSA" | "ECC" | "SM2";
    /** SM2 only: the signing certificate and key, at most 8092 characters each. */
    readonly cert_content_sign?: string;
    readonly private_key_sign?: string;
}

/** What create, show and update return: metadata only, never the PEM or the key. @public */
export interface ApigCertificateDetails {
    readonly id: string;
    readonly name: string;
    readonly type?: "global" | "instance";
    /** "common" for a global certificate. */
    readonly instance_id?: string;
    readonly project_id?: string;
    readonly common_name?: string;
    readonly san?: string[];
    readonly not_before?: string;
    readonly not_after?: string;
    readonly signature_algorithm?: string;
    readonly create_time?: string;
    readonly update_time?: string;
    readonly is_has_trusted_root_ca?: boolean;
    readonly algorithm_type?: "RSA" | "ECC" | "SM2";
    readonly version?: number;
    readonly organization?: string[];
    readonly organizational_unit?: string[];
    readonly locality?: string[];
    readonly state?: string[];
    readonly country?: string[];
    readonly serial_number?: string;
    readonly issuer?: string[];
}

/** A ListCertificatesV2 item (CertBase). @public */
export type ApigCertificateSummary = Pick<
    ApigCertificateDetails,
    "id" | "name" | "type" | "instance_id" | "project_id" | "common_name" | "san" | "not_after" | "signature_algorithm" | "create_time" | "update_time" | "is_has_trusted_root_ca"
>;

/** @public */
export interface ApigCertificateList {
    readonly size: number;
    readonly total: number;
    readonly certs: ApigCertificateSummary[];
}

/** @public */
export interface ApigCertificateListQuery {
    readonly offset?: number;
    /** 1–500; the service uses 20 when left out. */
    readonly limit?: number;
    readonly name?: string;
    readonly common_name?: string;
    readonly signature_algorithm?: string;
    readonly type?: "global" | "instance";
    /** Marked mandatory in the docs; "common" for global certificates [unverified]. */
    readonly instance_id?: string;
    readonly algorithm_type?: "RSA" | "ECC" | "SM2";
}

/** @public */
export interface ApigBoundDomain {
    readonly url_domain: string;
    readonly id: string;
    readonly status?: number;
    readonly min_ssl_version?: string;
    readonly is_http_redirect_to_https?: boolean;
    readonly verified_client_certificate_enabled?: boolean;
    readonly ssl_id?: string;
    readonly ssl_name?: string;
    readonly api_group_id?: string;
    readonly api_group_name?: string;
    readonly instance_id?: string;
}

/** @public */
export interface ApigAttachedDomains {
    readonly size: number;
    readonly total: number;
    readonly bound_domains: ApigBoundDomain[];
}

const CERTIFICATES = ["apigw", "certificates"] as const;

/** POST: not idempotent, so a lost reply is an OutcomeUnknownError for the caller to reconcile by name. */
export function createApigCertificate(form: ApigCertificateForm, callOptions?: CallOptions, target?: HuaweiTarget): Promise<ApigCertificateDetails> {
    return callHuawei("CreateCertificateV2", { method: "POST", path: CERTIFICATES, body: form, target }, { idempotent: false }, callOptions);
}

export function showApigCertificate(id: string, callOptions?: CallOptions, target?: HuaweiTarget): Promise<ApigCertificateDetails> {
    return callHuawei("ShowDetailsOfCertificateV2", { method: "GET", path: [...CERTIFICATES, id], target }, { idempotent: true }, callOptions);
}

/** PUT replaces the whole certificate (name, PEM and key are all required), so repeating it is harmless. */
export function updateApigCertificate(id: string, form: ApigCertificateForm, callOptions?: CallOptions, target?: HuaweiTarget): Promise<ApigCertificateDetails> {
    return callHuawei("UpdateCertificateV2", { method: "PUT", path: [...CERTIFICATES, id], body: form, target }, { idempotent: true }, callOptions);
}

/** Repeating a DELETE is harmless: the second one finds nothing (a notFound error for the caller to accept). */
export async function deleteApigCertificate(id: string, callOptions?: CallOptions, target?: HuaweiTarget): Promise<void> {
    await callHuawei<void>("DeleteCertificateV2", { method: "DELETE", path: [...CERTIFICATES, id], target }, { idempotent: true }, callOptions);
}

export function listApigCertificates(query: ApigCertificateListQuery, callOptions?: CallOptions, target?: HuaweiTarget): Promise<ApigCertificateList> {
    return callHuawei("ListCertificatesV2", { method: "GET", path: CERTIFICATES, query: { ...query }, target }, { idempotent: true }, callOptions);
}

/** The domains a certificate is bound to: APIG refuses to delete it while there are any. */
export function listApigAttachedDomains(id: string, query: { readonly offset?: number; readonly limit?: number; readonly url_domain?: string } = {}, callOptions?: CallOptions, target?: HuaweiTarget): Promise<ApigAttachedDomains> {
    return callHuawei("ListAttachedDomainsV2", { method: "GET", path: [...CERTIFICATES, id, "attached-domains"], query: { ...query }, target }, { idempotent: true }, callOptions);
}
