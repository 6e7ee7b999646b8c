import { createPublicKey, type KeyObject, type X509Certificate } from "node:crypto";
import { X509 } from "jsrsasign";
import { commonName, isChainInOrder, isEncryptedPrivateKeyPem, keyMatchesCertificate, loadPrivateKey, parseCertificateChain, PemError, subjectAltNames } from "../core/x509";
import { HuaweiError } from "./envelope";
import { apigTime, isVisible, newCertificateId, type ApigCertificateRecord, type HuaweiState } from "./state";

/**
 * APIG v2 SSL certificates: create, show, list, update (a full replace), delete, attached
 * domains. Refusals use the codes of APIG's error appendix (reference/huawei-apig.md §1.5); the
 * per-API example codes are boiler-plate and are not copied.
 */

const NAME = /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]{3,49}$/u;
const SM2_FIELD_MAX = 8092;
/** APIG.3148: certificates must expire before the 32-bit time_t limit. */
const LATEST_NOT_AFTER = Date.parse("2038-01-19T03:14:07Z");
const ALGORITHMS = ["RSA", "ECC", "SM2"] as const;
type Algorithm = (typeof ALGORITHMS)[number];
const FORM_FIELDS = new Set(["name", "cert_content", "private_key", "type", "instance_id", "trusted_root_ca", "algorithm_type", "cert_content_sign", "private_key_sign"]);

function invalid(message: string, code = "APIG.2012"): HuaweiError {
    return new HuaweiError(code, `Invalid parameter value,${message}`, 400);
}

export function notFound(): HuaweiError {
    return new HuaweiError("APIG.3021", "SSL certificate does not exist", 404);
}

// SM2 curve OID 1.2.156.10197.1.301 inside a SubjectPublicKeyInfo.
const SM2_OID_HEX = "2a811ccf5501822d";

function algorithmOf(key: KeyObject): Algorithm | "other" {
    if (key.asymmetricKeyType === "rsa") return "RSA";
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "SM2") return "SM2";
    // Node reports no type for SM2 keys read from PEM; the curve OID in the public key says it.
    const spki = createPublicKey(key).export({ type: "spki", format: "der" }).toString("hex");
    if (spki.includes(SM2_OID_HEX)) return "SM2";
    return key.asymmetricKeyType === "ec" ? "ECC" : "other";
}

function parseChain(pem: string, field: string): X509Certificate[] {
    try {
        return parseCertificateChain(pem);
    } catch (error) {
        if (error instanceof PemError) throw new HuaweiError("APIG.2106", `Invalid certificate or private key: ${field} (${error.message})`, 400);
        throw error;
    }
}

function loadKey(pem: string, field: string): KeyObject {
    if (isEncryptedPrivateKeyPem(pem)) throw new HuaweiError("APIG.2105", "Encrypted private keys are not supported", 400);
    const loaded = loadPrivateKey(pem);
    if (!loaded.ok) throw new HuaweiError("APIG.2106", `Invalid certificate or private key: ${field} cannot be parsed`, 400);
    return loaded.key;
}

/** Checks one certificate and key pair as APIG does; returns the leaf. */
function checkPair(certPem: string, keyPem: string, certField: string, keyField: string, algorithm: Algorithm, now: Date): X509Certificate {
    const chain = parseChain(certPem, certField);
    const key = loadKey(keyPem, keyField);
    const leaf = chain[0]!;
    if (!keyMatchesCertificate(key, leaf)) throw new HuaweiError("APIG.2101", "The certificate does not match the private key", 400);
    if (algorithmOf(key) !== algorithm) throw new HuaweiError("APIG.3709", `The signature algorithm of the certificate does not match algorithm_type ${algorithm}`, 409);
    if (Date.parse(leaf.validTo) < now.getTime()) throw new HuaweiError("APIG.2102", "The certificate has expired", 400);
    if (Date.parse(leaf.validTo) > LATEST_NOT_AFTER) throw new HuaweiError("APIG.3148", "The certificate must expire before 2038-01-19T03:14:07Z", 400);
    if (!isChainInOrder(chain)) throw new HuaweiError("APIG.2104", "The certificate chain is not matched: the server certificate must come first", 400);
    if (subjectAltNames(leaf).length === 0) throw new HuaweiError("APIG.2109", "Invalid certificate: the SAN is missing", 400);
    return leaf;
}

export interface ApigForm {
    name: string;
    cert_content: string;
    private_key: string;
    type: "global" | "instance";
    instance_id: string;
    trusted_root_ca?: string;
    algorithm_type: Algorithm;
    cert_content_sign?: string;
    private_key_sign?: string;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
    const value = body[field];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") throw invalid(`parameterName:${field}`);
    return value;
}

/** Parses and checks a CertificateForm (create, and update: a full replace). */
export function readForm(raw: Buffer, now: Date): { form: ApigForm; leaf: X509Certificate } {
    let body: unknown;
    try {
        body = JSON.parse(raw.toString("utf8"));
    } catch {
        throw new HuaweiError("APIG.2000", "Parameter error: the request body is not valid JSON", 400);
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new HuaweiError("APIG.2000", "Parameter error: the request body must be a JSON object", 400);
    const b = body as Record<string, unknown>;
    for (const key of Object.keys(b)) if (!FORM_FIELDS.has(key)) throw invalid(`parameterName:${key} (unknown parameter)`);
    const name = optionalString(b, "name");
    if (name === undefined) throw new HuaweiError("APIG.2001", "The request parameters must be specified,parameterName:name", 400);
    if (!NAME.test(name)) throw invalid("parameterName:name");
    const cert = optionalString(b, "cert_content");
    const key = optionalString(b, "private_key");
    if (cert === undefined) throw new HuaweiError("APIG.2001", "The request parameters must be specified,parameterName:cert_content", 400);
    if (key === undefined) throw new HuaweiError("APIG.2001", "The request parameters must be specified,parameterName:private_key", 400);
    const type = optionalString(b, "type") ?? "global";
    if (type !== "global" && type !== "instance") throw invalid("parameterName:type");
    const instanceId = optionalString(b, "instance_id");
    if (type === "instance" && instanceId === undefined) throw new HuaweiError("APIG.2001", "The request parameters must be specified,parameterName:instance_id", 400);
    const algorithm = optionalString(b, "algorithm_type") ?? "RSA";
    if (!(ALGORITHMS as readonly string[]).includes(algorithm)) throw invalid("parameterName:algorithm_type");
    const certSign = optionalString(b, "cert_content_sign");
    const keySign = optionalString(b, "private_key_sign");
    for (const [field, value] of [["cert_content_sign", certSign], ["private_key_sign", keySign]] as const) {
        if (value !== undefined && algorithm !== "SM2") throw invalid(`parameterName:${field} (only for algorithm_type SM2)`);
        if (value !== undefined && value.length > SM2_FIELD_MAX) throw invalid(`parameterName:${field} (at most ${SM2_FIELD_MAX} characters)`);
        if (value === undefined && algorithm === "SM2") throw new HuaweiError("APIG.2001", `The request parameters must be specified,parameterName:${field}`, 400);
    }
    const alg = algorithm as Algorithm;
    const leaf = checkPair(cert, key, "cert_content", "private_key", alg, now);
    if (certSign !== undefined && keySign !== undefined) checkPair(certSign, keySign, "cert_content_sign", "private_key_sign", alg, now);
    const trusted = optionalString(b, "trusted_root_ca");
    if (trusted !== undefined) parseChain(trusted, "trusted_root_ca");
    return {
        form: {
            name,
            cert_content: cert,
            private_key: key,
            type,
            instance_id: type === "global" ? "common" : instanceId!,
            trusted_root_ca: trusted,
            algorithm_type: alg,
            cert_content_sign: certSign,
            private_key_sign: keySign,
        },
        leaf,
    };
}

function subjectField(subject: string, prefix: string): string[] {
    return subject
        .split("\n")
        .filter((line) => line.startsWith(`${prefix}=`))
        .map((line) => line.slice(prefix.length + 1));
}

/** "SHA256withRSA" -> "SHA256-RSA", as APIG spells it; node:crypto does not expose the field. */
function signatureAlgorithm(leaf: X509Certificate): string {
    try {
        const x = new X509();
        x.readCertPEM(leaf.toString());
        return x.getSignatureAlgorithmField().replace(/with/i, "-").replace(/ECDSA$/, "ECDSA").toUpperCase();
    } catch {
        // jsrsasign cannot read SM2 certificates; they are signed SM3 with SM2.
        return "SM2-SM3";
    }
}

/** The metadata APIG derives from the server certificate (never the PEM itself). */
export function metadataOf(leaf: X509Certificate): Pick<
    ApigCertificateRecord,
    "common_name" | "san" | "not_before" | "not_after" | "serial_number" | "issuer" | "signature_algorithm" | "organization" | "organizational_unit" | "locality" | "state" | "country" | "version"
> {
    return {
        common_name: commonName(leaf) ?? "",
        san: subjectAltNames(leaf),
        not_before: apigTime(new Date(leaf.validFrom)),
        not_after: apigTime(new Date(leaf.validTo)),
        // Decimal, as in the API's example ("13010").
        serial_number: BigInt(`0x${leaf.serialNumber}`).toString(10),
        issuer: subjectField(leaf.issuer, "CN").concat(subjectField(leaf.issuer, "O")),
        signature_algorithm: signatureAlgorithm(leaf),
        organization: subjectField(leaf.subject, "O"),
        organizational_unit: subjectField(leaf.subject, "OU"),
        locality: subjectField(leaf.subject, "L"),
        state: subjectField(leaf.subject, "ST"),
        country: subjectField(leaf.subject, "C"),
        version: 3,
    };
}

/** ShowDetailsOfCertificateV2 (and create/update replies). */
export function detailView(record: ApigCertificateRecord): Record<string, unknown> {
    const { seq: _seq, bound_domains: _bound, visible_from: _visible, ...view } = record;
    return view;
}

/** A ListCertificatesV2 item (CertBase). */
function summaryView(r: ApigCertificateRecord): Record<string, unknown> {
    const { id, name, type, instance_id, project_id, common_name, san, not_after, signature_algorithm, create_time, update_time, is_has_trusted_root_ca } = r;
    return { id, name, type, instance_id, project_id, common_name, san, not_after, signature_algorithm, create_time, update_time, is_has_trusted_root_ca };
}

/** Inventory: metadata plus the bound domains; nothing secret is stored at all. */
export function inventoryView(record: ApigCertificateRecord): Record<string, unknown> {
    return { ...detailView(record), bound_domains: record.bound_domains };
}

export function findCertificate(state: HuaweiState, projectId: string, id: string, now: Date): ApigCertificateRecord {
    const record = state.certificates.get(id);
    if (!record || record.project_id !== projectId || !isVisible(record, now)) throw notFound();
    return record;
}

export function createCertificate(state: HuaweiState, projectId: string, body: Buffer, now: Date): Record<string, unknown> {
    const { form, leaf } = readForm(body, now);
    const time = apigTime(now);
    const record: ApigCertificateRecord = {
        id: newCertificateId((id) => state.certificates.has(id)),
        seq: state.nextSeq(),
        project_id: projectId,
        name: form.name,
        type: form.type,
        instance_id: form.instance_id,
        algorithm_type: form.algorithm_type,
        ...metadataOf(leaf),
        is_has_trusted_root_ca: form.trusted_root_ca !== undefined,
        create_time: time,
        update_time: time,
        bound_domains: [],
        ...(state.visibilityLagMs > 0 ? { visible_from: new Date(now.getTime() + state.visibilityLagMs).toISOString() } : {}),
    };
    state.certificates.put(record.id, record);
    return detailView(record);
}

export function updateCertificate(state: HuaweiState, projectId: string, id: string, body: Buffer, now: Date): Record<string, unknown> {
    const current = findCertificate(state, projectId, id, now);
    const { form, leaf } = readForm(body, now);
    // Visibility is fixed at creation (reference §1.3): a PUT may not move a certificate.
    if (form.type !== current.type) throw invalid("parameterName:type (the type of a certificate cannot be changed)");
    if (form.instance_id !== current.instance_id) throw invalid("parameterName:instance_id (the instance of a certificate cannot be changed)");
    const record: ApigCertificateRecord = {
        ...current,
        name: form.name,
        algorithm_type: form.algorithm_type,
        ...metadataOf(leaf),
        is_has_trusted_root_ca: form.trusted_root_ca !== undefined,
        update_time: apigTime(now),
    };
    state.certificates.put(id, record);
    return detailView(record);
}

export function deleteCertificate(state: HuaweiState, projectId: string, id: string, now: Date): Record<string, unknown> {
    const record = findCertificate(state, projectId, id, now);
    if (record.bound_domains.length > 0) {
        // The docs say only unbound certificates can be deleted, without a code; APIG.2000 is the emulator's choice.
        throw new HuaweiError("APIG.2000", `Parameter error: the certificate is bound to ${record.bound_domains.length} domain name(s) and cannot be deleted`, 400);
    }
    state.certificates.delete(id);
    return {};
}

function pageOf(query: URLSearchParams): { offset: number; limit: number } {
    const offset = Math.max(0, Number.parseInt(query.get("offset") ?? "0", 10) || 0);
    const rawLimit = Number.parseInt(query.get("limit") ?? "20", 10) || 20;
    return { offset, limit: rawLimit <= 0 ? 20 : Math.min(rawLimit, 500) };
}

export function listCertificates(state: HuaweiState, projectId: string, rawQuery: string, now: Date): Record<string, unknown> {
    const query = new URLSearchParams(rawQuery);
    const { offset, limit } = pageOf(query);
    const name = query.get("name");
    const commonNameFilter = query.get("common_name");
    const type = query.get("type");
    const instanceId = query.get("instance_id");
    const algorithm = query.get("algorithm_type");
    const all = state.certificates
        .list()
        .filter((r) => r.project_id === projectId && isVisible(r, now))
        .filter((r) => !name || r.name.includes(name))
        .filter((r) => !commonNameFilter || r.common_name.includes(commonNameFilter))
        .filter((r) => !type || r.type === type)
        .filter((r) => !instanceId || r.instance_id === instanceId)
        .filter((r) => !algorithm || r.algorithm_type === algorithm)
        .sort((a, b) => a.seq - b.seq);
    const page = all.slice(offset, offset + limit).map(summaryView);
    return { size: page.length, total: all.length, certs: page };
}

export function attachedDomains(state: HuaweiState, projectId: string, id: string, rawQuery: string, now: Date): Record<string, unknown> {
    const record = findCertificate(state, projectId, id, now);
    const { offset, limit } = pageOf(new URLSearchParams(rawQuery));
    const page = record.bound_domains.slice(offset, offset + limit).map((d) => ({
        url_domain: d.url_domain,
        id: d.id,
        status: 3,
        min_ssl_version: "TLSv1.2",
        is_http_redirect_to_https: false,
        verified_client_certificate_enabled: false,
        ssl_id: record.id,
        ssl_name: record.name,
        api_group_id: "emulator-group",
        api_group_name: "emulator_group",
        instance_id: record.instance_id,
    }));
    return { size: page.length, total: record.bound_domains.length, bound_domains: page };
}
