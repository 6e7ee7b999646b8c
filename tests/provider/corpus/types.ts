import type { Material } from "./material";

/** What the README promises check() catches; every case is filed under one. */
export const BAD_INPUT_CLASSES = [
    "garbage PEM",
    "truncated PEM",
    "wrong PEM type",
    "swapped fields",
    "mismatched key",
    "chain out of order",
    "chain member expired",
    "expired",
    "not yet valid",
    "password",
    "refused algorithm",
    "algorithm mismatch",
    "enum",
    "length",
    "name",
    "distinguished name",
    "country code",
    "conflicting fields",
    "oversized",
    "control character",
    "unknown input",
    "required",
    "type",
] as const;

export type BadInputClass = (typeof BAD_INPUT_CLASSES)[number];

export type Inputs = Record<string, unknown>;

/** An input check() must refuse before anything is sent. */
export interface InvalidCase {
    readonly name: string;
    readonly class: BadInputClass;
    readonly inputs: (m: Material) => Inputs;
    /** The input a failure must name: its `property`, or for a secret input (property "") its reason. */
    readonly property: string;
    /** What that failure's reason must say. */
    readonly reason: RegExp;
}

/**
 * Makes what a case's resource needs first (a KmsCertificateUpload needs its KmsCertificate):
 * outputs to build the inputs from, and the cleanup that deletes it after the case.
 */
export type Prerequisite = () => Promise<{ readonly outputs: Inputs; cleanup(): Promise<void> }>;

/** An input check() must accept and the vendor (the emulator) must then create. */
export interface ValidCase {
    readonly name: string;
    readonly prerequisite?: Prerequisite;
    /** With a prerequisite, from its outputs. */
    readonly inputs: (m: Material, prerequisite?: Inputs) => Inputs;
    /**
     * Inputs to check and apply as an update once created, from the created outputs (KMS: the
     * certificate a CA signed for the CSR KMS made).
     */
    readonly then?: (outputs: Inputs, m: Material) => Inputs;
}

export type ResourceName = "TencentCertificate" | "TencentCsr" | "ApigCertificate" | "KmsCertificate" | "KmsCertificateUpload" | "ScloudSsl";

export interface ResourceCorpus {
    readonly resource: ResourceName;
    /** The classes that do not apply to this resource, and why (a CSR resource takes no PEM). */
    readonly notApplicable: Readonly<Partial<Record<BadInputClass, string>>>;
    readonly invalid: readonly InvalidCase[];
    readonly valid: readonly ValidCase[];
}
