import { randomUUID } from "node:crypto";
import { ApiError } from "../core/apiError";
import { jsonReply } from "../core/reply";
import type { Reply } from "../core/types";
import type { Envelopes } from "../core/vendorService";

/**
 * Tencent Cloud API 3.0 answers everything, errors and throttling included, with HTTP 200 and
 * `{"Response":{..., "RequestId"}}`; an error puts `{"Error":{"Code","Message"}}` inside
 * (reference/tencent.md §1).
 */

/** A documented Tencent error; thrown anywhere in the Tencent code and turned into the error envelope. */
export class TencentError extends ApiError {}

export type ResponseFields = Readonly<Record<string, unknown>>;

export function successReply(fields: ResponseFields): Reply {
    return jsonReply(200, { Response: { ...fields, RequestId: randomUUID() } });
}

export function errorReply(code: string, message: string): Reply {
    return jsonReply(200, { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } });
}

/** The throttling answer, used both by the rate limiter and by `throttle` faults. */
export function throttledReply(perSecond?: number): Reply {
    const limit = perSecond === undefined ? "the frequency limit" : `the frequency limit of ${perSecond} requests per second`;
    return errorReply("RequestLimitExceeded", `Your request rate exceeds ${limit} for this action. Please reduce the frequency of calls and retry later.`);
}

export const tencentEnvelopes: Envelopes = {
    success: (result) => successReply(result),
    error: (error) => errorReply(error.code, error.message),
    throttled: throttledReply,
    unknownAction: (action) => new TencentError("InvalidAction", `The requested action \`${action}\` does not exist (or is not emulated).`),
};
