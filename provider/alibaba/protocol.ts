import { randomBytes } from "node:crypto";
import type { HttpReply, HttpRequest } from "../core/http";
import { readJsonObject, type ErrorClassification, type ParsedReply, type VendorErrorReply, type VendorProtocol } from "../core/protocol";
import type { RateLimit } from "../core/rateLimit";
import { canonicalQueryString } from "../core/signing/canonicalQuery";
import { alibabaCredentials, alibabaServiceUrl, type AlibabaCredentials } from "./config";
import { alibabaErrorHint, classifyAlibabaError } from "./errors";
import { signAcs3 } from "./sign";

export const KMS_VERSION = "2016-01-20";

/**
 * One KMS parameter. Arrays and objects (SubjectAlternativeNames, Tags, TagKeys) travel as JSON
 * strings, as the official SDKs send them; booleans as "true"/"false"; null and undefined are left out.
 */
export type AlibabaParamValue = string | number | boolean | null | undefined | readonly unknown[] | { readonly [key: string]: unknown };
export type AlibabaParams = Readonly<Record<string, AlibabaParamValue>>;

/** The parameters as the strings that are sent and signed. */
export function alibabaParamStrings(params: AlibabaParams): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
        if (value === undefined || value === null) continue;
        out[key] = typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    return out;
}

/**
 * No certificate-specific rate is published; KMS documents 10/s for writes and 20/s for reads only
 * for key operations (reference/alibaba-kms.md §3, "KMS request quotas", and §6). Every certificate
 * action is paced at the lower 10/s: slower than allowed costs little, faster costs a throttled retry.
 */
const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 10 };

export function alibabaRateLimit(_action: string): RateLimit {
    return DEFAULT_RATE_LIMIT;
}

/** pop-core's success markers (reference §3): a 2xx whose Code is one of these is not an error. */
const SUCCESS_CODES = new Set(["200", "OK", "Success", "success"]);

/**
 * Reads a KMS reply: a JSON object that is the result itself on success, and
 * `{Code, Message, RequestId, ...}` with a 4xx/5xx status on error. A 2xx carrying another Code is
 * an error too (reference §3).
 */
export function parseAlibabaReply(reply: HttpReply): ParsedReply {
    const read = readJsonObject(reply);
    if (read.kind === "malformed") return read;
    const body = read.value;
    const { Code, Message, RequestId } = body;
    const code = typeof Code === "string" || typeof Code === "number" ? String(Code) : "";
    const ok = reply.status >= 200 && reply.status < 300;
    if (code !== "" && !SUCCESS_CODES.has(code)) {
        return {
            kind: "vendorError",
            error: { code, message: typeof Message === "string" ? Message : "", requestId: typeof RequestId === "string" ? RequestId : undefined },
        };
    }
    if (ok) return { kind: "success", value: body };
    return { kind: "malformed", detail: "an error reply without a Code" };
}

export function classifyAlibabaReply(error: VendorErrorReply, httpStatus: number): ErrorClassification {
    return { category: classifyAlibabaError(error.code, httpStatus), hint: alibabaErrorHint(error.code) };
}

/** A fresh x-acs-signature-nonce: 128 random bits, as hex like the documentation's example. */
export function newSignatureNonce(): string {
    return randomBytes(16).toString("hex");
}

export interface AlibabaProtocolOptions {
    /** Nonce source, injected by tests; every attempt draws a new one. */
    readonly nonce?: () => string;
    /** The region to call, when a resource names its own; default alicloud:region. */
    readonly region?: string;
}

const FORM = "application/x-www-form-urlencoded";

/**
 * KMS 2016-01-20 (RPC style), signed with ACS3-HMAC-SHA256: POST to the service root with the
 * action and version in x-acs-* headers and the parameters in a form body. The body, not the
 * query, because a certificate chain in PEM easily outgrows what proxies accept in a URL; the
 * signature covers the body through x-acs-content-sha256, and KMS takes RPC parameters from either
 * place (reference §1, "Parameter location").
 */
export function alibabaKmsProtocol(options: AlibabaProtocolOptions = {}): VendorProtocol<AlibabaParams, AlibabaCredentials> {
    const nonce = options.nonce ?? newSignatureNonce;
    return {
        vendor: "Alibaba",
        credentials: alibabaCredentials,
        secrets: (credentials) => [credentials.accessKeySecret, credentials.securityToken],
        buildRequest(action, params, credentials, now): HttpRequest {
            // Resolved per attempt as well as per call: cheap, and an endpoint is never cached across stacks.
            const url = alibabaServiceUrl(options.region);
            const body = canonicalQueryString(alibabaParamStrings(params));
            const extra: Record<string, string> = { "content-type": FORM };
            if (credentials.securityToken) {
                extra["x-acs-accesskey-id"] = credentials.accessKeyId;
                extra["x-acs-security-token"] = credentials.securityToken;
            }
            // url.host keeps a non-default port: the Host header sent carries it, and that is what KMS (or the emulator) verifies.
            const signature = signAcs3(
                { method: "POST", host: url.host, path: url.pathname, query: {}, headers: extra, body },
                credentials,
                { action, version: KMS_VERSION, now, nonce: nonce() },
            );
            const headers: Record<string, string> = {
                ...signature.signedHeaderValues,
                accept: "application/json",
                "user-agent": "pulumi-cloudcerts",
                authorization: signature.authorization,
            };
            return { method: "POST", url: url.href, headers, body };
        },
        parseReply: parseAlibabaReply,
        classifyError: classifyAlibabaReply,
        rateLimit: alibabaRateLimit,
    };
}
