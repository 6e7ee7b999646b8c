import { normalizePem } from "../core/pem";
import type { CreateOnceSteps } from "../core/resource/createOnce";
import type { CallContext, Created, ResourceDefinition } from "../core/resource/definition";
import { DEFAULT_EXPIRY_WARNING_DAYS } from "../core/resource/expiry";
import { defineProvider } from "../core/resource/provider";
import { alibabaScope, isAlibabaNotFound } from "./client";
import { callKms, describeKmsCertificate, regionOf, reportedFacts, reportedPem, type DescribeReply, type KmsCertificateRecord } from "./kmsRecord";
import type { KmsCertificateStatus } from "./kmsCertificateProvider";
import { checkSignedCertificate, setStatus, uploadIfChanged } from "./kmsUpload";

const KMS_STATUSES: readonly KmsCertificateStatus[] = ["ACTIVE", "INACTIVE", "REVOKED"];

export interface KmsCertificateUploadInputs {
    /** The KmsCertificate whose CSR the certificate answers (its certificateId output). */
    certificateId: string;
    /** The CA-signed certificate (PEM, the leaf alone). */
    certificate: string;
    /** Its chain, sub-CA first and root last. */
    certificateChain?: string;
    /** ACTIVE, INACTIVE or REVOKED (final), set after the upload. Unset: whatever KMS reports (ACTIVE after upload). */
    status?: KmsCertificateStatus;
    region?: string;
    expiryWarningDays: number;
}

export interface KmsCertificateUploadOutputs extends KmsCertificateUploadInputs {
    /** The CSR the certificate was checked against. */
    csr: string;
    /** What KMS reports after the upload: ACTIVE, INACTIVE or REVOKED. */
    certificateStatus: string;
    serial: string;
    issuer: string;
    notBefore: string;
    notAfter: string;
    serialNumber: string;
    fingerprintSha256: string;
}

const RESOURCE = "KmsCertificateUpload";
const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CERTIFICATE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * Nothing is created: the certificate already exists in KMS (a KmsCertificate made it). The create
 * only makes sure it does, so a wrong id fails here, before anything is recorded; the framework's
 * converge then uploads.
 */
function createSteps(inputs: KmsCertificateUploadInputs, context: CallContext): CreateOnceSteps<Created<KmsCertificateUploadOutputs>> {
    return {
        label: "Alibaba KMS UploadCertificate",
        scope: alibabaScope(inputs.region),
        list: async () => new Set<string>(),
        async create() {
            try {
                await callKms<DescribeReply>("DescribeCertificate", { CertificateId: inputs.certificateId }, inputs, context, true);
            } catch (error) {
                if (!isAlibabaNotFound(error)) throw error;
                throw new Error(
                    `${RESOURCE}: certificateId "${inputs.certificateId}" is not a certificate in KMS${inputs.region ? ` region ${inputs.region}` : ""}: ` +
                        "give the certificateId output of the KmsCertificate whose csr was signed",
                );
            }
            return { id: inputs.certificateId };
        },
        // The create makes nothing, so a lost reply hides nothing.
        find: async () => undefined,
        idOf: (created) => created.id,
    };
}

function findHint(inputs: KmsCertificateUploadInputs): string {
    return `look at certificate ${inputs.certificateId} in the KMS console${inputs.region ? ` of region ${inputs.region}` : ""} (Certificates)`;
}

async function converge(id: string, desired: KmsCertificateUploadInputs, current: KmsCertificateUploadOutputs, context: CallContext): Promise<boolean> {
    const uploaded = await uploadIfChanged(RESOURCE, id, desired, current, context);
    const statusSet = await setStatus(RESOURCE, id, desired, uploaded ?? current.certificateStatus, context);
    return uploaded !== undefined || statusSet;
}

function toOutputs(id: string, inputs: KmsCertificateUploadInputs, record: KmsCertificateRecord, previous: Partial<KmsCertificateUploadOutputs> | undefined): KmsCertificateUploadOutputs {
    const d = record.describe;
    const g = record.get;
    return {
        ...inputs,
        certificateId: id,
        // Nothing uploaded yet (a create that failed half way): "" shows as a change, so the next `up` uploads.
        certificate: reportedPem(g.Certificate, inputs.certificate) ?? "",
        certificateChain: reportedPem(g.CertificateChain, inputs.certificateChain),
        status: (KMS_STATUSES as readonly string[]).includes(d.Status ?? "") ? (d.Status as KmsCertificateStatus) : inputs.status,
        expiryWarningDays: inputs.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        csr: typeof g.Csr === "string" && g.Csr !== "" ? normalizePem(g.Csr) : (previous?.csr ?? ""),
        ...reportedFacts(d),
    };
}

function inputsFromRecord(record: KmsCertificateRecord): KmsCertificateUploadInputs {
    return {
        certificateId: record.describe.CertificateId ?? "",
        certificate: reportedPem(record.get.Certificate, undefined) ?? "",
        certificateChain: reportedPem(record.get.CertificateChain, undefined),
        status: (KMS_STATUSES as readonly string[]).includes(record.describe.Status ?? "") ? (record.describe.Status as KmsCertificateStatus) : undefined,
        expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS,
    };
}

/**
 * KmsCertificateUpload, declared on the resource framework: the signed certificate of a
 * KmsCertificate, uploaded by a second resource so that a program can sign the first one's csr
 * output and upload the result in the same `pulumi up` (a resource cannot take its own output).
 */
export const kmsCertificateUploadDefinition: ResourceDefinition<KmsCertificateUploadInputs, KmsCertificateUploadOutputs, KmsCertificateRecord> = {
    vendor: "Alibaba",
    name: RESOURCE,
    inputs: {
        certificateId: { change: "replace" },
        certificate: { change: "update", compare: "pem", reported: true },
        certificateChain: { change: "update", compare: "pem", reported: true },
        status: { change: "update", reported: true },
        region: { change: "replace" },
        expiryWarningDays: { change: "state", default: DEFAULT_EXPIRY_WARNING_DAYS },
    },
    outputs: {
        csr: {},
        certificateStatus: {},
        serial: {},
        issuer: {},
        notBefore: {},
        notAfter: {},
        serialNumber: {},
        fingerprintSha256: {},
    },
    idOutput: "certificateId",
    certificateInput: "certificate",

    validate(c, news, context) {
        c.string("certificateId", { required: true, pattern: CERTIFICATE_ID, patternHelp: "must be a KMS CertificateId: the certificateId output of a KmsCertificate" });
        if (!c.isSet("certificate")) c.fail("certificate", "certificate is required: the CA-signed certificate for the KmsCertificate's csr (PEM, the leaf alone)");
        c.oneOf<KmsCertificateStatus>("status", KMS_STATUSES);
        c.string("region", { nonEmpty: true, pattern: REGION_ID, patternHelp: "must be a region id such as cn-hangzhou" });
        c.integer("expiryWarningDays", { min: 0, max: 3650 });
        if (c.isSet("certificate") && !c.isUnknown("certificate")) {
            checkSignedCertificate(c, news, { now: context.now, changed: context.changed("certificate") || context.changed("certificateChain") });
        }
    },

    createSteps,

    describe: (id, context) => describeKmsCertificate(id, regionOf(context), context),

    isNotFound: isAlibabaNotFound,

    converge,

    // KMS cannot take an uploaded certificate back: it stays with its KmsCertificate, which deletes it.
    async remove() {},

    toOutputs,
    inputsFromRecord,

    refineDiff(_olds, news) {
        // Unset status means "not managed here": what KMS reports is no change.
        return { ignore: news.status === undefined || news.status === null ? ["status"] : [] };
    },

    findHint,
};

/** The implementation behind kmsCertificateUploadProvider; see core/delegate.ts for why it lives apart. */
export const kmsCertificateUploadProviderImpl = defineProvider(kmsCertificateUploadDefinition);
