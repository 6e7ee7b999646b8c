import { createHash, createPublicKey, randomUUID, X509Certificate } from "node:crypto";
import { makeCsr, type KeySpec } from "../pki";
import type { ActionResult } from "../core/vendorService";
import { AlibabaError } from "./envelope";
import { makeSm2Csr } from "./sm2";
import type { Params } from "./params";
import { EMULATOR_ACCOUNT_UID, EMULATOR_REGION, type AlibabaState, type KmsCertificateRecord, type KmsKeySpec, type KmsStatus, type KmsTag } from "./state";
import { nodeNameToRfc2253, parseSubject } from "./subject";

/** KMS certificate actions (reference/alibaba-kms.md §1). */

export interface KmsContext {
    readonly now: Date;
    readonly state: AlibabaState;
}

const KEY_SPECS: Readonly<Record<KmsKeySpec, KeySpec | undefined>> = {
    RSA_2048: { algorithm: "RSA", bits: 2048 },
    EC_P256: { algorithm: "EC", curve: "P-256" },
    // The test PKI cannot encode an SM2 public key (jsrsasign): sm2.ts builds that CSR.
    EC_SM2: undefined,
};
const SIGNATURE_ALGORITHMS: Readonly<Record<KmsKeySpec, string>> = { RSA_2048: "RSA2048-SHA256", EC_P256: "ECDSA-SHA256", EC_SM2: "SM2-SM3" };
const SETTABLE_STATUSES: readonly KmsStatus[] = ["ACTIVE", "INACTIVE", "REVOKED"];
const MAX_SANS = 10;
const MAX_TAG_LENGTH = 128;

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function find(state: AlibabaState, id: string): KmsCertificateRecord {
    const record = state.certificates.get(id);
    if (!record) throw new AlibabaError("Certificate.NotFound", `The specified Certificate ${id} is not found.`, 404);
    return record;
}

function spkiDer(pem: string): Buffer {
    return createPublicKey(pem).export({ type: "spki", format: "der" });
}

/** Hex pairs joined by spaces, as DescribeCertificate shows SubjectKeyIdentifier; SHA-1 of the SPKI here. */
function keyIdentifier(publicKeyPem: string): string {
    return createHash("sha1").update(spkiDer(publicKeyPem)).digest("hex").toUpperCase().match(/../g)!.join(" ");
}

export function createCertificate(p: Params, { now, state }: KmsContext): ActionResult {
    const keySpec = p.oneOf<KmsKeySpec>("KeySpec", ["RSA_2048", "EC_P256", "EC_SM2"]);
    const subjectText = p.requiredString("Subject");
    const subject = parseSubject(subjectText);
    const sans = p.jsonStringArray("SubjectAlternativeNames") ?? [];
    if (sans.length > MAX_SANS) throw new AlibabaError("InvalidParameter", `The specified parameter SubjectAlternativeNames is not valid: at most ${MAX_SANS} names.`);
    const exportable = p.boolean("ExportablePrivateKey") ?? true;
    const protection = p.optionalString("ProtectionLevel");
    if (protection !== undefined && protection !== "SOFTWARE" && protection !== "HSM") {
        throw new AlibabaError("InvalidParameter", "The specified parameter ProtectionLevel is not valid: SOFTWARE or HSM.");
    }
    const spec = KEY_SPECS[keySpec];
    const { csrPem, privateKeyPem, publicKeyPem } = spec ? makeCsr({ subject, sans, keySpec: spec }) : makeSm2Csr(subject, sans);
    const id = randomUUID();
    const record: KmsCertificateRecord = {
        CertificateId: id,
        Arn: `acs:kms:${EMULATOR_REGION}:${EMULATOR_ACCOUNT_UID}:certificate/${id}`,
        KeySpec: keySpec,
        Subject: subjectText,
        SubjectAlternativeNames: sans,
        ExportablePrivateKey: exportable,
        ProtectionLevel: protection ?? null,
        Csr: `${csrPem}\n`,
        PrivateKey: privateKeyPem,
        SubjectPublicKey: `${publicKeyPem}\n`,
        Status: "PENDING",
        Certificate: "",
        CertificateChain: "",
        Serial: "",
        Issuer: "",
        NotBefore: "",
        NotAfter: "",
        SignatureAlgorithm: SIGNATURE_ALGORITHMS[keySpec],
        SubjectKeyIdentifier: keyIdentifier(publicKeyPem),
        Tags: [],
        CreatedAt: iso(now),
        UpdatedAt: iso(now),
    };
    state.certificates.put(id, record);
    return { CertificateId: id, Arn: record.Arn, Csr: record.Csr };
}

export function describeCertificate(p: Params, { state }: KmsContext): ActionResult {
    const r = find(state, p.requiredString("CertificateId"));
    return {
        Arn: r.Arn,
        CertificateId: r.CertificateId,
        CreatedAt: r.CreatedAt,
        UpdatedAt: r.UpdatedAt,
        ExportablePrivateKey: r.ExportablePrivateKey,
        Issuer: r.Issuer,
        KeySpec: r.KeySpec,
        NotBefore: r.NotBefore,
        NotAfter: r.NotAfter,
        Serial: r.Serial,
        SignatureAlgorithm: r.SignatureAlgorithm,
        Status: r.Status,
        Subject: r.Subject,
        SubjectAlternativeNames: r.SubjectAlternativeNames,
        SubjectKeyIdentifier: r.SubjectKeyIdentifier,
        SubjectPublicKey: r.SubjectPublicKey,
        // The documentation's example shape: a JSON-stringified array (reference §1.3).
        Tags: JSON.stringify(r.Tags),
    };
}

export function getCertificate(p: Params, { state }: KmsContext): ActionResult {
    const r = find(state, p.requiredString("CertificateId"));
    return { CertificateId: r.CertificateId, Certificate: r.Certificate, CertificateChain: r.CertificateChain, Csr: r.Csr };
}

function parsePems(text: string, parameter: string): X509Certificate[] {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw new AlibabaError("InvalidParameter", `The specified parameter ${parameter} is not valid: no PEM certificate.`);
    try {
        return blocks.map((b) => new X509Certificate(b));
    } catch {
        throw new AlibabaError("InvalidParameter", `The specified parameter ${parameter} is not valid: a certificate does not parse.`);
    }
}

/**
 * What the real service checks at upload is not documented (reference §1.2, §7.1); the emulator
 * takes the strict reading: the certificate must certify the key KMS holds, and the chain must be
 * in order (sub-CA first, root last), each certificate issued and signed by the next.
 */
export function uploadCertificate(p: Params, { now, state }: KmsContext): ActionResult {
    const r = find(state, p.requiredString("CertificateId"));
    const certificateText = p.requiredString("Certificate");
    const [leaf, ...extra] = parsePems(certificateText, "Certificate");
    if (extra.length > 0) throw new AlibabaError("InvalidParameter", "The specified parameter Certificate is not valid: give one certificate; its chain goes in CertificateChain.");
    if (!spkiDer(r.SubjectPublicKey).equals(leaf!.publicKey.export({ type: "spki", format: "der" }))) {
        throw new AlibabaError("InvalidParameter", "The specified parameter Certificate is not valid: its public key is not this certificate's key pair.");
    }
    const chainText = p.optionalString("CertificateChain") ?? "";
    const chain = chainText.trim() === "" ? [] : parsePems(chainText, "CertificateChain");
    const path = [leaf!, ...chain];
    for (let i = 0; i + 1 < path.length; i++) {
        if (!path[i]!.checkIssued(path[i + 1]!) || !path[i]!.verify(path[i + 1]!.publicKey)) {
            throw new AlibabaError("InvalidParameter", `The specified parameter CertificateChain is not valid: certificate ${i + 1} of the path is not issued by the next one (order: sub-CA first, root last).`);
        }
    }
    r.Certificate = certificateText;
    r.CertificateChain = chainText;
    r.Serial = leaf!.serialNumber.toLowerCase();
    r.Issuer = nodeNameToRfc2253(leaf!.issuer);
    r.NotBefore = iso(new Date(leaf!.validFrom));
    r.NotAfter = iso(new Date(leaf!.validTo));
    if (r.Status === "PENDING") r.Status = "ACTIVE";
    r.UpdatedAt = iso(now);
    state.certificates.put(r.CertificateId, r);
    return {};
}

export function updateCertificateStatus(p: Params, { now, state }: KmsContext): ActionResult {
    const r = find(state, p.requiredString("CertificateId"));
    const status = p.oneOf<KmsStatus>("Status", SETTABLE_STATUSES);
    if (r.Status === "PENDING") throw new AlibabaError("Rejected.InvalidStatus", "The certificate is pending import: upload its certificate (UploadCertificate) before changing its status.");
    // Whether REVOKED can be undone is not documented (reference §1.5); the emulator treats it as terminal.
    if (r.Status === "REVOKED" && status !== "REVOKED") throw new AlibabaError("Rejected.InvalidStatus", "The certificate is revoked; a revoked certificate cannot become active or inactive again.");
    if (r.Status !== status) {
        r.Status = status;
        r.UpdatedAt = iso(now);
        state.certificates.put(r.CertificateId, r);
    }
    return {};
}

export function deleteCertificate(p: Params, { state }: KmsContext): ActionResult {
    const id = p.requiredString("CertificateId");
    find(state, id);
    state.certificates.delete(id);
    return {};
}

/** TagResource/UntagResource name exactly one of KeyId, SecretName, CertificateId; only certificates are emulated. */
function taggedCertificate(p: Params, state: AlibabaState): KmsCertificateRecord {
    const named = ["KeyId", "SecretName", "CertificateId"].filter((k) => p.optionalString(k) !== undefined);
    if (named.length !== 1) throw new AlibabaError("InvalidParameter", "Specify exactly one of KeyId, SecretName and CertificateId.");
    if (named[0] !== "CertificateId") throw new AlibabaError("UnsupportedOperation", "cloudcerts-emulator emulates certificate tags only.");
    return find(state, p.requiredString("CertificateId"));
}

function checkTagKey(key: string): void {
    if (key.length < 1 || key.length > MAX_TAG_LENGTH) throw new AlibabaError("InvalidParameter", `The specified tag key is not valid: 1 to ${MAX_TAG_LENGTH} characters.`);
    if (/^(aliyun|acs:)/i.test(key)) throw new AlibabaError("InvalidParameter", "The specified tag key is not valid: it may not start with aliyun or acs:.");
}

export function tagResource(p: Params, { now, state }: KmsContext): ActionResult {
    const r = taggedCertificate(p, state);
    const tags = p.jsonTagList("Tags");
    for (const tag of tags) {
        checkTagKey(tag.TagKey);
        if (tag.TagValue.length > MAX_TAG_LENGTH) throw new AlibabaError("InvalidParameter", `The specified tag value is not valid: at most ${MAX_TAG_LENGTH} characters.`);
        const existing = r.Tags.find((t) => t.TagKey === tag.TagKey);
        if (existing) existing.TagValue = tag.TagValue;
        else r.Tags.push({ TagKey: tag.TagKey, TagValue: tag.TagValue });
    }
    r.UpdatedAt = iso(now);
    state.certificates.put(r.CertificateId, r);
    return {};
}

export function untagResource(p: Params, { now, state }: KmsContext): ActionResult {
    const r = taggedCertificate(p, state);
    const keys = p.jsonStringArray("TagKeys");
    if (!keys || keys.length === 0) throw new AlibabaError("MissingParameter", "The input parameter TagKeys that is mandatory for processing this request is not supplied.");
    keys.forEach(checkTagKey);
    r.Tags = r.Tags.filter((t: KmsTag) => !keys.includes(t.TagKey));
    r.UpdatedAt = iso(now);
    state.certificates.put(r.CertificateId, r);
    return {};
}

/** The inventory view: everything but the private key. */
export function certificateInventoryView(r: KmsCertificateRecord): Omit<KmsCertificateRecord, "PrivateKey"> {
    const { PrivateKey: _privateKey, ...rest } = r;
    return rest;
}
