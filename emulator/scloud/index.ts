import { textReply } from "../core/reply";
import type { VendorContext } from "../core/types";
import type { ApiAction, VendorService } from "../core/vendorService";
import type { ScloudCredentials } from "../credentials";
import { handleScloudAdmin, type ScloudSettings } from "./admin";
import { authenticateScloud } from "./auth";
import { scloudEnvelopes } from "./envelope";
import { claimedAction, Params, readParams } from "./params";
import { SCLOUD_ACTIONS, SCLOUD_PER_SECOND, sslInventoryView } from "./ssl";
import { openScloudState } from "./state";

/** SCloud's UCloud-style API (ULB SSL actions) on one endpoint, `/scloud`: every action is a POST of signed parameters. */

const PREFIX = "/scloud";

export interface ScloudServiceOptions {
    /** How long DescribeSSL leaves a new certificate out (default 0); also settable through `/_emulator/scloud/settings`. */
    readonly describeLagMs?: number;
}

export function createScloudService(context: VendorContext, credentials: ScloudCredentials, options: ScloudServiceOptions = {}): VendorService {
    const state = openScloudState(context.store);
    const settings: ScloudSettings = { describeLagMs: options.describeLagMs ?? 0 };
    const actions = new Map<string, ApiAction>(
        [...SCLOUD_ACTIONS].map(([name, action]) => [
            name,
            {
                perSecond: SCLOUD_PER_SECOND,
                write: action.write,
                // Parsed again (authenticate parsed it too): the pipeline hands actions the request, and parsing is cheap.
                run: (call) => action.run(new Params(readParams(call.request)), { now: call.now, state, describeLagMs: settings.describeLagMs }),
            },
        ]),
    );

    return {
        name: "scloud",
        prefix: PREFIX,
        route(request) {
            // UAPI has a single path per host; anything below /scloud/ is not an API.
            if (request.path !== PREFIX && request.path !== `${PREFIX}/`) {
                return { kind: "reply", reply: textReply(404, `no SCloud API at ${request.path}; POST to ${PREFIX}/\n`) };
            }
            return { kind: "call", action: claimedAction(request) };
        },
        authenticate: (request) => authenticateScloud(readParams(request), credentials),
        actions,
        envelopes: scloudEnvelopes,
        inventory: () => ({
            ssls: state.ssls.list().map(sslInventoryView),
            ussl: state.ussl.list().map(({ PrivateKey: _key, ...rest }) => rest),
        }),
        handleAdmin: (subpath, request) => handleScloudAdmin(subpath, request, state, settings),
    };
}
