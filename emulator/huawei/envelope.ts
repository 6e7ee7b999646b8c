import { randomUUID } from "node:crypto";
import { ApiError } from "../core/apiError";
import { jsonReply } from "../core/reply";
import type { Reply } from "../core/types";
import type { Envelopes } from "../core/vendorService";

/**
 * APIG answers with the HTTP status that fits and `{"error_code","error_msg"}` on errors (plus
 * `request_id` from the gateway); the request id also travels as X-Request-Id
 * (reference/huawei-apig.md §1.5). Success is the object itself, or nothing with 204 on DELETE.
 */

/** A documented APIG refusal; `httpStatus` is required because APIG's statuses carry meaning (404 = gone). */
export class HuaweiError extends ApiError {
    constructor(code: string, message: string, httpStatus: number) {
        super(code, message, httpStatus);
    }
}

export function errorReply(status: number, code: string, message: string): Reply {
    const requestId = randomUUID().replace(/-/g, "");
    return jsonReply(status, { error_code: code, error_msg: message, request_id: requestId }, { "x-request-id": requestId });
}

/** The front gateway's throttling answer (devg-apisign error codes), for the rate limiter and `throttle` faults. */
export function throttledReply(perSecond?: number): Reply {
    const limit = perSecond === undefined ? "" : ` (${perSecond} requests per second)`;
    return errorReply(429, "APIGW.0308", `The request is throttled${limit}: the throttling threshold has been reached. Retry later.`);
}

export const huaweiEnvelopes: Envelopes = {
    success(result, call) {
        const requestId = randomUUID().replace(/-/g, "");
        // DeleteCertificateV2 documents 204 with no body; every other call 200 with the object.
        if (call.request.method.toUpperCase() === "DELETE") return { status: 204, headers: { "x-request-id": requestId }, body: "" };
        return jsonReply(200, result, { "x-request-id": requestId });
    },
    error: (error) => errorReply(error.httpStatus ?? 400, error.code, error.message),
    throttled: throttledReply,
    unknownAction: (action) => new HuaweiError("APIGW.0101", `The API does not exist or has not been published in the environment (${action}).`, 404),
};
