import { isJsonObject } from "../core/json";
import { adminError, jsonReply } from "../core/reply";
import type { EmulatorRequest, Reply } from "../core/types";
import { ScloudError } from "./envelope";
import { readContent } from "./content";
import { bind } from "./ssl";
import type { ScloudState } from "./state";

/** The emulator's adjustable behaviour (not stored: a restart goes back to the options). */
export interface ScloudSettings {
    describeLagMs: number;
}

function readBody(request: EmulatorRequest): unknown {
    try {
        return JSON.parse(request.body.toString("utf8"));
    } catch {
        return undefined;
    }
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * `/_emulator/scloud/bindings`: pretend a certificate serves a load-balancer listener, so that
 * DeleteSSL refuses it as the real API refuses a bound certificate.
 *   POST   {SSLId, ULBId, VServerId, ULBName?, VServerName?}  bind
 *   DELETE {SSLId, ULBId?, VServerId?}                        unbind one listener, or all
 *   GET                                                       list bindings
 */
function handleBindings(request: EmulatorRequest, state: ScloudState): Reply {
    const method = request.method.toUpperCase();
    if (method === "GET") {
        const bindings = state.ssls
            .list()
            .filter((r) => r.BindedTargetSet.length > 0)
            .map((r) => ({ SSLId: r.SSLId, BindedTargetSet: r.BindedTargetSet }));
        return jsonReply(200, { bindings });
    }
    if (method !== "POST" && method !== "DELETE") return jsonReply(405, { error: "method not allowed; use GET, POST or DELETE" }, { allow: "GET, POST, DELETE" });
    const body = readBody(request);
    if (!isJsonObject(body) || str(body.SSLId) === undefined) return adminError(400, 'the body must be {"SSLId": "...", "ULBId": "...", "VServerId": "..."}');
    const record = state.ssls.get(body.SSLId as string);
    if (!record) return adminError(404, `no SCloud SSL ${String(body.SSLId)}`);
    const ulbId = str(body.ULBId);
    const vserverId = str(body.VServerId);
    if (method === "POST") {
        if (ulbId === undefined || vserverId === undefined) return adminError(400, "ULBId and VServerId are required to bind a certificate");
        try {
            bind(state, record, { ULBId: ulbId, ULBName: str(body.ULBName) ?? ulbId, VServerId: vserverId, VServerName: str(body.VServerName) ?? vserverId });
        } catch (error) {
            if (error instanceof ScloudError) return adminError(409, error.message);
            throw error;
        }
    } else {
        const rest = record.BindedTargetSet.filter((b) => !((ulbId === undefined || b.ULBId === ulbId) && (vserverId === undefined || b.VServerId === vserverId)));
        state.ssls.put(record.SSLId, { ...record, BindedTargetSet: rest });
    }
    return jsonReply(200, { SSLId: record.SSLId, BindedTargetSet: state.ssls.get(record.SSLId)!.BindedTargetSet });
}

/**
 * `/_emulator/scloud/ussl`: certificates hosted in USSL, which CreateSSL imports by USSLId.
 *   POST {UserCert, PrivateKey, CaCert?}  register one; answers {USSLId}
 *   GET                                   list them (no keys)
 */
function handleUssl(request: EmulatorRequest, state: ScloudState): Reply {
    const method = request.method.toUpperCase();
    if (method === "GET") return jsonReply(200, { ussl: state.ussl.list().map(({ PrivateKey: _key, ...rest }) => rest) });
    if (method !== "POST") return jsonReply(405, { error: "method not allowed; use GET or POST" }, { allow: "GET, POST" });
    const body = readBody(request);
    const userCert = isJsonObject(body) ? str(body.UserCert) : undefined;
    const privateKey = isJsonObject(body) ? str(body.PrivateKey) : undefined;
    if (!isJsonObject(body) || userCert === undefined || privateKey === undefined) return adminError(400, 'the body must be {"UserCert": "...", "PrivateKey": "...", "CaCert": "..."}');
    const caCert = str(body.CaCert) ?? "";
    try {
        readContent(userCert, privateKey, caCert);
    } catch (error) {
        if (error instanceof ScloudError) return adminError(400, error.message);
        throw error;
    }
    const id = `usecure_ussl-${state.nextUsslNumber()}`;
    state.ussl.put(id, { USSLId: id, UserCert: userCert, PrivateKey: privateKey, CaCert: caCert });
    return jsonReply(200, { USSLId: id });
}

/** `/_emulator/scloud/settings`: GET, or POST {DescribeLagMs} to change how long DescribeSSL hides a new certificate. */
function handleSettings(request: EmulatorRequest, settings: ScloudSettings): Reply {
    const method = request.method.toUpperCase();
    if (method === "POST") {
        const body = readBody(request);
        const lag = isJsonObject(body) ? body.DescribeLagMs : undefined;
        if (typeof lag !== "number" || !Number.isInteger(lag) || lag < 0) return adminError(400, 'the body must be {"DescribeLagMs": <whole milliseconds, 0 or more>}');
        settings.describeLagMs = lag;
    } else if (method !== "GET") {
        return jsonReply(405, { error: "method not allowed; use GET or POST" }, { allow: "GET, POST" });
    }
    return jsonReply(200, { DescribeLagMs: settings.describeLagMs });
}

export async function handleScloudAdmin(subpath: string, request: EmulatorRequest, state: ScloudState, settings: ScloudSettings): Promise<Reply | undefined> {
    switch (subpath) {
        case "bindings":
            return handleBindings(request, state);
        case "ussl":
            return handleUssl(request, state);
        case "settings":
            return handleSettings(request, settings);
        default:
            return undefined;
    }
}
