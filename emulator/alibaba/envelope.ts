import { randomUUID } from "node:crypto";
import { ApiError } from "../core/apiError";
import { jsonReply } from "../core/reply";
import type { Reply } from "../core/types";
import type { Envelopes } from "../core/vendorService";

/**
 * Alibaba Cloud RPC APIs answer success with HTTP 200 and the result object itself (plus
 * RequestId), and errors with a 4xx/5xx status and `{RequestId, HostId, Code, Message, Recommend}`
 * (reference/alibaba-kms.md §3).
 */

const HOST_ID = "kms.cn-hangzhou.aliyuncs.com";

/** A documented KMS refusal; the status defaults to 400 (InvalidParameter's). */
export class AlibabaError extends ApiError {
    constructor(code: string, message: string, httpStatus = 400) {
        super(code, message, httpStatus);
    }
}

function errorReply(status: number, code: string, message: string): Reply {
    const requestId = randomUUID();
    return jsonReply(status, {
        RequestId: requestId,
        HostId: HOST_ID,
        Code: code,
        Message: message,
        Recommend: `https://api.alibabacloud.com/troubleshoot?q=${encodeURIComponent(code)}&product=Kms&requestId=${requestId}`,
    });
}

/** The KMS limits page's own example: HTTP 429, Rejected.Throttling, "QPS Limit Exceeded". */
export function throttledReply(perSecond?: number): Reply {
    const reply = errorReply(429, "Rejected.Throttling", perSecond === undefined ? "QPS Limit Exceeded" : `QPS Limit Exceeded (${perSecond} requests per second)`);
    return { ...reply, body: JSON.stringify({ ...JSON.parse(reply.body), HttpStatus: 429 }) };
}

export const alibabaEnvelopes: Envelopes = {
    success: (result) => jsonReply(200, { ...result, RequestId: randomUUID() }),
    error: (error) => errorReply(error.httpStatus ?? 400, error.code, error.message),
    throttled: throttledReply,
    unknownAction: (action) => new AlibabaError("InvalidApi.NotFound", `Specified api is not found, please check your url and method (action ${action} is not emulated).`, 404),
};
