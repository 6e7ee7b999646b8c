/**
 * APIG v2 certificate routes below `/huawei` (reference/huawei-apig.md §1.2). APIG knows calls by
 * method and path only; the action names are the SDK's, used for rate limits and faults.
 */

export const HUAWEI_PREFIX = "/huawei";

export type HuaweiActionName =
    | "CreateCertificateV2"
    | "ListCertificatesV2"
    | "ShowDetailsOfCertificateV2"
    | "UpdateCertificateV2"
    | "DeleteCertificateV2"
    | "ListAttachedDomainsV2";

export interface HuaweiRoute {
    readonly action: HuaweiActionName;
    readonly projectId: string;
    readonly certificateId?: string;
}

function decode(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined;
    }
}

/** The action a method and path name, or undefined for a path APIG does not serve. */
export function matchRoute(method: string, path: string): HuaweiRoute | undefined {
    if (!path.startsWith(`${HUAWEI_PREFIX}/`)) return undefined;
    const parts = path.slice(HUAWEI_PREFIX.length + 1).replace(/\/$/, "").split("/").map(decode);
    if (parts.some((p) => p === undefined || p === "")) return undefined;
    const [version, projectId, service, collection, id, sub, ...rest] = parts as string[];
    if (version !== "v2" || service !== "apigw" || collection !== "certificates" || rest.length > 0 || projectId === undefined) return undefined;
    const m = method.toUpperCase();
    if (id === undefined) {
        if (m === "POST") return { action: "CreateCertificateV2", projectId };
        if (m === "GET") return { action: "ListCertificatesV2", projectId };
        return undefined;
    }
    if (sub === "attached-domains") return m === "GET" ? { action: "ListAttachedDomainsV2", projectId, certificateId: id } : undefined;
    if (sub !== undefined) return undefined;
    if (m === "GET") return { action: "ShowDetailsOfCertificateV2", projectId, certificateId: id };
    if (m === "PUT") return { action: "UpdateCertificateV2", projectId, certificateId: id };
    if (m === "DELETE") return { action: "DeleteCertificateV2", projectId, certificateId: id };
    return undefined;
}
