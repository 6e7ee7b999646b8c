import { randomUUID } from "node:crypto";
import { ApiError } from "../core/apiError";
import { jsonReply } from "../core/reply";
import type { Reply } from "../core/types";
import type { Envelopes } from "../core/vendorService";

/**
 * SCloud (UCloud's UAPI) answers everything with HTTP 200 and `{"Action": "<Action>Response",
 * "RetCode": n, "Message": ...}`; RetCode 0 is success (reference/scloud.md §3.7). The request id
 * travels in a header, where the JS and Go SDKs read it (§2.3).
 */

/** A documented SCloud refusal; `code` is the RetCode as a decimal string (ApiError's codes are strings). */
export class ScloudError extends ApiError {
    constructor(retCode: number, message: string) {
        super(String(retCode), message);
    }
}

/** Gateway and ULB RetCodes the emulator answers with (reference/scloud.md §3.5, §3.7). */
export const RET = {
    RATE_LIMITED: 153,
    MISSING_ACTION: 160,
    ACTION_NOT_FOUND: 161,
    MISSING_SIGNATURE: 170,
    SIGNATURE_ERROR: 171,
    USER_NOT_FOUND: 172,
    /** UCloud's "Params [X] not available" for a missing or malformed parameter. */
    PARAMS_INVALID: 230,
    DELETE_FAILED: 4078,
    SSL_NOT_FOUND: 4079,
    SSL_IN_USE: 4108,
    SSL_CONTENT_INVALID: 4111,
    NAME_TOO_LONG: 4114,
    VSERVER_ALREADY_BOUND: 63072,
} as const;

const REQUEST_ID_HEADER = "x-ucloud-request-uuid";

function envelope(fields: Readonly<Record<string, unknown>>): Reply {
    return jsonReply(200, fields, { [REQUEST_ID_HEADER]: randomUUID() });
}

export function throttledReply(perSecond?: number): Reply {
    const limit = perSecond === undefined ? "" : ` (limit ${perSecond} requests per second per action)`;
    return envelope({ RetCode: RET.RATE_LIMITED, Message: `Request too frequently, please try again later${limit}` });
}

export const scloudEnvelopes: Envelopes = {
    success: (result, call) => envelope({ ...result, Action: `${call.caller.action}Response`, RetCode: 0 }),
    error: (error) => envelope({ RetCode: Number(error.code), Message: error.message }),
    throttled: throttledReply,
    unknownAction: (action) => new ScloudError(RET.ACTION_NOT_FOUND, `Action [${action}] not found (or not emulated)`),
};
