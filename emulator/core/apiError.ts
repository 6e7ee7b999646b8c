/**
 * A refusal the vendor documents (bad signature, unknown parameter, not found, ...). Vendor code
 * throws it from any step of the pipeline; the vendor's error envelope renders it. Anything else
 * thrown is an emulator bug and becomes an HTTP 500 that says so.
 */
export class ApiError extends Error {
    constructor(
        /** The vendor's error code, as its clients match on it (`AuthFailure.SignatureFailure`, `APIG.3021`, `Rejected.Throttling`). */
        readonly code: string,
        message: string,
        /** HTTP status for vendors that answer errors with one (Huawei, Alibaba); vendors that answer 200 ignore it. */
        readonly httpStatus?: number,
    ) {
        super(message);
    }
}
