import { textReply } from "../core/reply";
import { headerValue } from "../core/request";
import type { VendorContext } from "../core/types";
import type { ActionCall, ActionResult, ApiAction, VendorService } from "../core/vendorService";
import type { TencentCredentials } from "../credentials";
import { TENCENT_ACTIONS, type TencentAction } from "./actions";
import { handleBindings } from "./bindings";
import { certificateInventoryView } from "./certificates";
import { csrInventoryView } from "./csr";
import { TencentError, tencentEnvelopes } from "./envelope";
import { authenticateTencent } from "./gateway";
import { Params } from "./params";
import { openTencentState, type TencentState } from "./state";

/** Tencent Cloud API 3.0 (SSL 2019-12-05 and Tag 2018-08-13) on one endpoint, `/tencent`. */

const PREFIX = "/tencent";

/** Body checks come after the rate limit, as on the real gateway: a throttled caller learns nothing about its parameters. */
function readParams(call: ActionCall, action: TencentAction): Params {
    const contentType = headerValue(call.request, "content-type") ?? "";
    if (!/^application\/json\b/i.test(contentType)) {
        throw new TencentError("InvalidParameter", "cloudcerts-emulator accepts `Content-Type: application/json` request bodies only.");
    }
    let body: unknown;
    try {
        body = JSON.parse(call.request.body.toString("utf8"));
    } catch {
        throw new TencentError("InvalidParameter", "The request body is not valid JSON.");
    }
    return new Params(body, action.params);
}

function toApiAction(action: TencentAction, state: TencentState): ApiAction {
    return {
        perSecond: action.perSecond,
        write: action.write,
        run: (call): ActionResult | Promise<ActionResult> => action.run(readParams(call, action), { now: call.now, state }),
    };
}

export function createTencentService(context: VendorContext, credentials: TencentCredentials): VendorService {
    const state = openTencentState(context.store);
    const actions = new Map([...TENCENT_ACTIONS].map(([name, action]) => [name, toApiAction(action, state)]));

    return {
        name: "tencent",
        prefix: PREFIX,
        route(request) {
            // API 3.0 has a single path per host; anything below /tencent/ is not an API.
            if (request.path !== PREFIX && request.path !== `${PREFIX}/`) {
                return { kind: "reply", reply: textReply(404, `no Tencent API at ${request.path}; POST to ${PREFIX}/\n`) };
            }
            return { kind: "call", action: headerValue(request, "x-tc-action") };
        },
        authenticate: (request, now) => authenticateTencent(request, credentials, now),
        actions,
        envelopes: tencentEnvelopes,
        inventory() {
            const now = context.now();
            return {
                certificates: state.certificates.list().map((c) => certificateInventoryView(c, now)),
                csrs: state.csrs.list().map(csrInventoryView),
            };
        },
        async handleAdmin(subpath, request) {
            return subpath === "bindings" ? handleBindings(request, state) : undefined;
        },
    };
}
