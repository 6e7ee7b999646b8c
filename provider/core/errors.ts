import { redact } from "./redact";

/**
 * What a vendor error means, whatever the vendor: lets generic code (reads, deletes, creates)
 * decide without knowing any vendor's codes.
 * - notFound: the object is gone (a read returns nothing, a delete has nothing to do);
 * - throttled: refused before being carried out; safe to retry any action after a wait;
 * - retryable: may pass on a retry, but a write may have been carried out;
 * - auth: credentials, signature, clock or permissions; retrying cannot help;
 * - invalid: the request itself is wrong (parameters, PEM, state); retrying cannot help;
 * - fatal: anything else.
 */
export type ErrorCategory = "notFound" | "throttled" | "retryable" | "auth" | "invalid" | "fatal";

export interface VendorErrorDetails {
    readonly vendor: string;
    readonly action: string;
    readonly code: string;
    readonly message: string;
    readonly requestId?: string;
    readonly httpStatus?: number;
    /** What the user can do about it, where that is known. */
    readonly hint?: string;
    /** Defaults to "fatal". */
    readonly category?: ErrorCategory;
}

/** An error answer from a vendor API, rendered as one readable, redacted line. */
export class VendorApiError extends Error {
    readonly vendor: string;
    readonly action: string;
    readonly code: string;
    readonly vendorMessage: string;
    readonly requestId?: string;
    readonly httpStatus?: number;
    readonly hint?: string;
    readonly category: ErrorCategory;

    constructor(details: VendorErrorDetails, secrets: ReadonlyArray<string | undefined> = []) {
        const vendorMessage = redact(details.message, secrets);
        const parts = [`${details.vendor} ${details.action} failed: ${details.code}: ${vendorMessage}`];
        if (details.requestId) parts.push(`(request id ${details.requestId})`);
        if (details.hint) parts.push(`- ${details.hint}`);
        super(parts.join(" "));
        this.name = "VendorApiError";
        this.vendor = details.vendor;
        this.action = details.action;
        this.code = details.code;
        this.vendorMessage = vendorMessage;
        this.requestId = details.requestId;
        this.httpStatus = details.httpStatus;
        this.hint = details.hint;
        this.category = details.category ?? "fatal";
    }
}

/** Whether `error` is a vendor error of `category`, from any vendor. */
export function isVendorError(error: unknown, category: ErrorCategory): error is VendorApiError {
    return error instanceof VendorApiError && error.category === category;
}

/**
 * The request may or may not have been carried out (connection lost after sending, a 5xx to a
 * write). Callers of non-idempotent actions must reconcile instead of retrying blindly.
 */
export class OutcomeUnknownError extends Error {
    readonly vendor: string;
    readonly action: string;
    /**
     * How long the vendor may still be carrying the request out: when the client gave up waiting
     * (a timeout), the request may still be queued or running there, so whoever looks for its
     * effect waits this long first. 0 when a reply (a 5xx, a malformed body) or a reset ended it.
     */
    readonly inFlightMs: number;
    constructor(vendor: string, action: string, cause: string, inFlightMs = 0) {
        super(`${vendor} ${action}: the outcome is unknown (${cause})`);
        this.name = "OutcomeUnknownError";
        this.vendor = vendor;
        this.action = action;
        this.inFlightMs = inFlightMs;
    }
}

/** A transport failure (network, timeout, unexpected reply), already redacted. */
export class TransportError extends Error {
    readonly vendor: string;
    readonly action: string;
    readonly code: string;
    constructor(vendor: string, action: string, code: string, detail: string) {
        super(`${vendor} ${action} failed: ${code}: ${detail}`);
        this.name = "TransportError";
        this.vendor = vendor;
        this.action = action;
        this.code = code;
    }
}

/** Missing or invalid provider configuration (credentials, endpoints). */
export class ConfigurationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigurationError";
    }
}

/**
 * A create that got as far as making the object but failed afterwards. The dynamic-provider host
 * turns an error carrying `id` and `properties` into a partial-create record, so the object is
 * kept in state (and deleted or updated later) instead of being orphaned.
 */
export class PartialCreateError extends Error {
    readonly id: string;
    readonly properties: Record<string, unknown>;
    readonly reasons: string[];
    constructor(id: string, properties: Record<string, unknown>, cause: Error) {
        super(`created ${id}, but a later step failed: ${cause.message}`);
        this.name = "PartialCreateError";
        this.id = id;
        this.properties = properties;
        this.reasons = [this.message];
    }
}
