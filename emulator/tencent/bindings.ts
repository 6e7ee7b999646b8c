import { isJsonObject } from "../core/json";
import { adminError, jsonReply } from "../core/reply";
import type { EmulatorRequest, Reply } from "../core/types";
import type { TencentState } from "./state";

/**
 * Admin route `/_emulator/tencent/bindings`: pretend a certificate is deployed on a cloud resource
 * (a CLB listener, a CDN domain) so that DeleteCertificate fails the way it does for a bound certificate.
 *   POST   {CertificateId, Resource}  bind
 *   DELETE {CertificateId, Resource?} unbind one resource, or all of the certificate's
 *   GET                               list bindings
 */
export function handleBindings(request: EmulatorRequest, state: TencentState): Reply {
    const method = request.method.toUpperCase();
    if (method === "GET") {
        const bindings = state.certificates
            .list()
            .filter((c) => c.BoundResources.length > 0)
            .map((c) => ({ CertificateId: c.CertificateId, Resources: c.BoundResources }));
        return jsonReply(200, { bindings });
    }
    if (method !== "POST" && method !== "DELETE") return jsonReply(405, { error: "method not allowed; use GET, POST or DELETE" }, { allow: "GET, POST, DELETE" });

    let body: unknown;
    try {
        body = JSON.parse(request.body.toString("utf8"));
    } catch {
        body = undefined;
    }
    if (!isJsonObject(body) || typeof body.CertificateId !== "string" || (body.Resource !== undefined && typeof body.Resource !== "string")) {
        return adminError(400, 'the body must be {"CertificateId": "...", "Resource": "..."}');
    }
    const resource = body.Resource;
    if (method === "POST" && (resource === undefined || resource === "")) return adminError(400, "Resource is required to bind a certificate");
    const record = state.certificates.get(body.CertificateId);
    if (!record) return adminError(404, `no Tencent certificate ${body.CertificateId}`);

    const resources =
        method === "POST"
            ? [...new Set([...record.BoundResources, resource as string])]
            : resource === undefined
              ? []
              : record.BoundResources.filter((r) => r !== resource);
    state.certificates.put(record.CertificateId, { ...record, BoundResources: resources });
    return jsonReply(200, { CertificateId: record.CertificateId, Resources: resources });
}
