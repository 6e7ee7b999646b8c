import { randomUUID } from "node:crypto";
import { jsonReply } from "../core/reply";
import type { Reply } from "../core/types";

/**
 * Tencent Cloud API 3.0 answers everything, errors included, with HTTP 200 and
 * `{"Response":{..., "RequestId"}}`; an error puts `{"Error":{"Code","Message"}}` inside.
 */

/** A documented Tencent error; thrown anywhere in the Tencent code and turned into the error envelope. */
export class TencentError extends Error {
    constructor(
        readonly code: string,
        message: string,
    ) {
        super(message);
    }
}

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
