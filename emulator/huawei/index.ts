import { randomBytes, randomUUID } from "node:crypto";
import { jsonReply, adminError } from "../core/reply";
import type { EmulatorRequest, Reply, VendorContext } from "../core/types";
import type { ActionCall, ApiAction, VendorService } from "../core/vendorService";
import type { HuaweiCredentials } from "../credentials";
import { authenticateHuawei, tokenDigest } from "./auth";
import { attachedDomains, createCertificate, detailView, deleteCertificate, findCertificate, inventoryView, listCertificates, updateCertificate } from "./certificates";
import { errorReply, huaweiEnvelopes } from "./envelope";
import { HUAWEI_PREFIX, matchRoute, type HuaweiActionName, type HuaweiRoute } from "./routes";
import { apigTime, openHuaweiState, type HuaweiState } from "./state";

/** Huawei Cloud APIG v2 (dedicated gateway) SSL certificates, under `/huawei`. */

/**
 * Huawei documents no request rate for the APIG management API (reference/huawei-apig.md §5: only
 * a third-party "200 req/s per API"); the gateway answers 429 APIGW.0308 when throttling. 20/s per
 * AK and action is the emulator's choice: above the provider's 5/s pacing, low enough for a test
 * to reach.
 */
const PER_SECOND = 20;

function routeOf(call: ActionCall): HuaweiRoute {
    const route = matchRoute(call.request.method, call.request.path);
    // authenticate already matched it; a miss here would be an emulator bug.
    if (!route) throw new Error(`unrouted Huawei request ${call.request.method} ${call.request.path}`);
    return route;
}

function actionTable(state: HuaweiState): Map<HuaweiActionName, ApiAction> {
    const action = (write: boolean, run: (call: ActionCall, route: HuaweiRoute) => Record<string, unknown>): ApiAction => ({
        perSecond: PER_SECOND,
        write,
        run: (call) => run(call, routeOf(call)),
    });
    return new Map<HuaweiActionName, ApiAction>([
        ["CreateCertificateV2", action(true, (c, r) => createCertificate(state, r.projectId, c.request.body, c.now))],
        ["ListCertificatesV2", action(false, (c, r) => listCertificates(state, r.projectId, c.request.query, c.now))],
        ["ShowDetailsOfCertificateV2", action(false, (c, r) => detailView(findCertificate(state, r.projectId, r.certificateId!, c.now)))],
        ["UpdateCertificateV2", action(true, (c, r) => updateCertificate(state, r.projectId, r.certificateId!, c.request.body, c.now))],
        ["DeleteCertificateV2", action(true, (c, r) => deleteCertificate(state, r.projectId, r.certificateId!, c.now))],
        ["ListAttachedDomainsV2", action(false, (c, r) => attachedDomains(state, r.projectId, r.certificateId!, c.request.query, c.now))],
    ]);
}

function readJson(request: EmulatorRequest): Record<string, unknown> | undefined {
    try {
        const value: unknown = JSON.parse(request.body.toString("utf8") || "{}");
        return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

/**
 * POST /_emulator/huawei/tokens: issues an X-Auth-Token (what IAM's POST /v3/auth/tokens returns in
 * X-Subject-Token), so that the token path can be tested without an IAM emulator. Only a digest is kept.
 */
function issueToken(state: HuaweiState, now: Date): Reply {
    const token = `MIIemulator${randomBytes(48).toString("base64url")}`;
    state.tokens.put(tokenDigest(token), { digest: tokenDigest(token), issued: apigTime(now) });
    return jsonReply(201, { token }, { "x-subject-token": token });
}

/** POST/DELETE /_emulator/huawei/bindings `{certificateId, domain}`: bind or unbind a domain (DELETE without domain unbinds all). */
function handleBindings(request: EmulatorRequest, state: HuaweiState): Reply {
    const body = readJson(request);
    const id = body?.certificateId;
    if (typeof id !== "string") return adminError(400, "body must be {certificateId, domain}");
    const record = state.certificates.get(id);
    if (!record) return adminError(404, `no Huawei certificate ${id}`);
    const domain = body?.domain;
    if (request.method === "POST") {
        if (typeof domain !== "string" || domain === "") return adminError(400, "domain must be a non-empty string");
        if (!record.bound_domains.some((d) => d.url_domain === domain)) record.bound_domains.push({ id: randomUUID().replace(/-/g, ""), url_domain: domain });
    } else if (request.method === "DELETE") {
        record.bound_domains = typeof domain === "string" ? record.bound_domains.filter((d) => d.url_domain !== domain) : [];
    } else {
        return adminError(405, "use POST or DELETE");
    }
    state.certificates.put(id, record);
    return jsonReply(200, { certificateId: id, bound_domains: record.bound_domains.map((d) => d.url_domain) });
}

export interface HuaweiServiceOptions {
    /** How long a new certificate stays invisible to reads and lists (APIG's 5–10 s); default 0. */
    readonly visibilityLagMs?: number;
}

export function createHuaweiService(context: VendorContext, credentials: HuaweiCredentials, options: HuaweiServiceOptions = {}): VendorService {
    const state = openHuaweiState(context.store, options.visibilityLagMs ?? 0);
    return {
        name: "huawei",
        prefix: HUAWEI_PREFIX,
        route(request) {
            const route = matchRoute(request.method, request.path);
            // The gateway's answer for a URL with no API behind it: not a certificate's 404 (APIG.3021).
            if (!route) return { kind: "reply", reply: errorReply(404, "APIGW.0101", `The API does not exist or has not been published in the environment: ${request.method} ${request.path}`) };
            return { kind: "call", action: route.action };
        },
        authenticate(request, now) {
            const route = matchRoute(request.method, request.path)!;
            const identity = authenticateHuawei(request, credentials, route.projectId, now, (digest) => state.tokens.has(digest));
            return { id: identity.id, action: route.action };
        },
        actions: actionTable(state),
        envelopes: huaweiEnvelopes,
        inventory: () => ({ certificates: state.certificates.list().sort((a, b) => a.seq - b.seq).map(inventoryView) }),
        async handleAdmin(subpath, request) {
            // The admin layer writes the state file after these.
            if (subpath === "tokens" && request.method === "POST") return issueToken(state, context.now());
            if (subpath === "bindings") return handleBindings(request, state);
            return undefined;
        },
    };
}
