import { ConfigurationError } from "../core/errors";
import type { HttpReply, HttpRequest } from "../core/http";
import { readJsonObject, type ErrorClassification, type ParsedReply, type VendorErrorReply, type VendorProtocol } from "../core/protocol";
import type { RateLimit } from "../core/rateLimit";
import { scloudCredentials, scloudServiceUrl, type ScloudCredentials } from "./config";
import { classifyScloudError, scloudErrorHint } from "./errors";
import { flattenScloudParams, signScloudParams, type ScloudParams, type ScloudScalar } from "./sign";

/**
 * Neither SCloud's nor UCloud's docs publish a rate for the ULB actions; they document only that
 * throttling answers RetCode 153 (reference/scloud.md §3.7). So every action is paced at a
 * deliberately low 5/s, half the 10/s Tencent documents for its own reads: a certificate stack
 * makes few calls, and pacing slower than allowed costs milliseconds where a 153 costs a backoff.
 */
export const SCLOUD_DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 5 };

export function scloudRateLimit(_action: string): RateLimit {
    return SCLOUD_DEFAULT_RATE_LIMIT;
}

/** The JS and Go SDKs read the request id from this header (reference/scloud.md §2.3). */
const REQUEST_ID_HEADER = "x-ucloud-request-uuid";

/**
 * Reads the envelope `{"Action": "<Action>Response", "RetCode": n, "Message": ...}`: RetCode 0 is
 * success, anything else an error, both at HTTP 200 (reference/scloud.md §2.3, §3.7).
 */
export function parseScloudReply(reply: HttpReply): ParsedReply {
    const read = readJsonObject(reply);
    if (read.kind === "malformed") return read;
    const envelope = read.value;
    const { RetCode, Message } = envelope;
    if (typeof RetCode !== "number" || !Number.isInteger(RetCode)) return { kind: "malformed", detail: "the reply has no integer RetCode" };
    if (RetCode === 0) return { kind: "success", value: envelope };
    const requestId = reply.headers[REQUEST_ID_HEADER];
    return { kind: "vendorError", error: { code: String(RetCode), message: typeof Message === "string" ? Message : "", requestId: requestId || undefined } };
}

export function classifyScloudReply(error: VendorErrorReply): ErrorClassification {
    const retCode = Number(error.code);
    return { category: classifyScloudError(retCode, error.message), hint: scloudErrorHint(retCode, error.message) };
}

const SECRET_PARAMS = new Set(["PrivateKey", "SSLContent"]);

/**
 * Parameter values that must never reach an error or a log: the private key, and SSLContent,
 * which bundles one. Taken from the params themselves as well as from the caller, so a caller
 * that forgets to list them still cannot leak them.
 */
export function scloudParamSecrets(params: ScloudParams): string[] {
    return Object.entries(flattenScloudParams(params))
        .filter(([key, value]) => typeof value === "string" && (SECRET_PARAMS.has(key.split(".").pop() ?? key) || value.includes("PRIVATE KEY")))
        .map(([, value]) => value as string);
}

/**
 * The signed body of one call: the action's params with Region and ProjectId defaulted from
 * config, flattened, PublicKey and Signature added. Every ULB action needs a region, so a call
 * without one fails here, before anything is sent.
 */
export function scloudRequestParams(action: string, params: ScloudParams, credentials: ScloudCredentials): Record<string, ScloudScalar> {
    const withDefaults: ScloudParams = { Region: credentials.region, ProjectId: credentials.projectId, ...params, Action: action };
    if (withDefaults.Region === undefined || withDefaults.Region === null || withDefaults.Region === "") {
        throw new ConfigurationError(
            `SCloud ${action} needs a region: set the resource's region, or run \`pulumi config set scloud:region <region>\`, or set SCLOUD_REGION`,
        );
    }
    return { ...signScloudParams(withDefaults, credentials).params };
}

/**
 * SCloud's UCloud-style API: one POST to the base URL with the flattened, signed params as a JSON
 * body, the form UCloud's quick-start and JS SDK use. Form and GET are accepted too, but PEM
 * bundles do not belong in a URL, and JSON needs no second encoding to get right.
 */
export function scloudProtocol(): VendorProtocol<ScloudParams, ScloudCredentials> {
    return {
        vendor: "SCloud",
        credentials: scloudCredentials,
        secrets: (credentials) => [credentials.privateKey],
        buildRequest(action, params, credentials): HttpRequest {
            // Resolved per attempt as well as per call: cheap, and an endpoint is never cached across stacks.
            const url = scloudServiceUrl();
            const body = JSON.stringify(scloudRequestParams(action, params, credentials));
            return { method: "POST", url: url.href, headers: { "Content-Type": "application/json", "User-Agent": "pulumi-cloudcerts" }, body };
        },
        parseReply: parseScloudReply,
        classifyError: classifyScloudReply,
        rateLimit: scloudRateLimit,
    };
}
