import { textReply } from "../core/reply";
import { headerValue } from "../core/request";
import type { VendorContext } from "../core/types";
import type { ActionCall, ActionResult, ApiAction, VendorService } from "../core/vendorService";
import type { AlibabaCredentials } from "../credentials";
import { NonceCache, verifyAcs3 } from "./auth";
import {
    certificateInventoryView,
    createCertificate,
    deleteCertificate,
    describeCertificate,
    getCertificate,
    tagResource,
    untagResource,
    updateCertificateStatus,
    uploadCertificate,
    type KmsContext,
} from "./certificates";
import { alibabaEnvelopes } from "./envelope";
import { Params } from "./params";
import { openAlibabaState } from "./state";

/** Alibaba Cloud KMS 2016-01-20 certificate actions (RPC style, ACS3-HMAC-SHA256), under `/alibaba`. */

const PREFIX = "/alibaba";

// No certificate-specific quota is published; KMS documents 10/s for writes and 20/s for
// read-only calls per account and region (reference/alibaba-kms.md §3, "KMS request quotas").
const WRITE_PER_SECOND = 10;
const READ_PER_SECOND = 20;

type Run = (params: Params, context: KmsContext) => ActionResult;

const ACTIONS: ReadonlyArray<[string, boolean, Run]> = [
    ["CreateCertificate", true, createCertificate],
    ["DescribeCertificate", false, describeCertificate],
    ["GetCertificate", false, getCertificate],
    ["UploadCertificate", true, uploadCertificate],
    ["UpdateCertificateStatus", true, updateCertificateStatus],
    ["DeleteCertificate", true, deleteCertificate],
    ["TagResource", true, tagResource],
    ["UntagResource", true, untagResource],
];

export function createAlibabaService(context: VendorContext, credentials: AlibabaCredentials): VendorService {
    const state = openAlibabaState(context.store);
    const nonces = new NonceCache();
    const actions = new Map<string, ApiAction>(
        ACTIONS.map(([name, write, run]) => [
            name,
            {
                perSecond: write ? WRITE_PER_SECOND : READ_PER_SECOND,
                write,
                run: (call: ActionCall) => run(Params.from(call.request.query, headerValue(call.request, "content-type") ?? "", call.request.body), { now: call.now, state }),
            },
        ]),
    );
    return {
        name: "alibaba",
        prefix: PREFIX,
        route(request) {
            // RPC style: one path per host, the action in x-acs-action.
            if (request.path !== PREFIX && request.path !== `${PREFIX}/`) {
                return { kind: "reply", reply: textReply(404, `no Alibaba API at ${request.path}; POST to ${PREFIX}/\n`) };
            }
            return { kind: "call", action: headerValue(request, "x-acs-action") };
        },
        authenticate: (request, now) => verifyAcs3(request, credentials, now, nonces),
        actions,
        envelopes: alibabaEnvelopes,
        inventory: () => ({ certificates: state.certificates.list().map(certificateInventoryView) }),
    };
}
