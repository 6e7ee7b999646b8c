import { textReply } from "../core/reply";
import { headerValue } from "../core/request";
import type { EmulatorRequest, Reply, VendorContext, VendorService } from "../core/types";
import { DEFAULT_RATE_LIMIT, type ServiceDefinition } from "./api";
import { verifyTc3, type TencentCredentials } from "./auth";
import { handleBindings } from "./bindings";
import { certificateActions, certificateInventoryView } from "./certificates";
import { csrActions, csrInventoryView } from "./csr";
import { TencentError, errorReply, successReply, throttledReply } from "./envelope";
import { Params } from "./params";
import { openTencentState } from "./state";
import { tagService } from "./tags";

/**
 * Tencent Cloud API 3.0 on one endpoint (`/tencent`). The real API has one host per product; here
 * the product is chosen by the credential-scope service of the signature (`ssl` or `tag`), which a
 * client derives from the host it would have called.
 */

const SERVICES: Readonly<Record<string, ServiceDefinition>> = {
    ssl: { version: "2019-12-05", actions: { ...certificateActions, ...csrActions } },
    tag: tagService,
};

export function createTencentService(context: VendorContext, credentials: TencentCredentials): VendorService {
    const state = openTencentState(context.store);

    /** Gateway checks in the order the real gateway reports them, then the action itself. */
    const call = async (request: EmulatorRequest): Promise<Reply> => {
        if (request.method.toUpperCase() !== "POST") {
            throw new TencentError("UnsupportedProtocol", "cloudcerts-emulator serves Tencent Cloud API 3.0 as JSON POST requests only.");
        }
        const now = context.now();
        const identity = verifyTc3(request, credentials, now);
        const service = SERVICES[identity.service];
        if (!service) throw new TencentError("NoSuchProduct", `The product \`${identity.service}\` is not emulated (the emulator serves ssl and tag).`);
        const version = headerValue(request, "x-tc-version");
        if (!version) throw new TencentError("MissingParameter", "The request is missing a required parameter `Version` (header X-TC-Version).");
        if (version !== service.version) {
            throw new TencentError("NoSuchVersion", `The requested version \`${version}\` of service \`${identity.service}\` does not exist (use ${service.version}).`);
        }
        const actionName = headerValue(request, "x-tc-action");
        if (!actionName) throw new TencentError("MissingParameter", "The request is missing a required parameter `Action` (header X-TC-Action).");
        const action = Object.hasOwn(service.actions, actionName) ? service.actions[actionName] : undefined;
        if (!action) throw new TencentError("InvalidAction", `The requested action \`${actionName}\` does not exist for service \`${identity.service}\` (or is not emulated).`);

        const perSecond = action.perSecond ?? DEFAULT_RATE_LIMIT;
        if (context.rateLimiter && !context.rateLimiter.take(`${identity.secretId}/${identity.service}/${actionName}`, perSecond)) {
            return throttledReply(perSecond);
        }
        const contentType = headerValue(request, "content-type") ?? "";
        if (!/^application\/json\b/i.test(contentType)) {
            throw new TencentError("InvalidParameter", "cloudcerts-emulator accepts `Content-Type: application/json` request bodies only.");
        }
        let body: unknown;
        try {
            body = JSON.parse(request.body.toString("utf8"));
        } catch {
            throw new TencentError("InvalidParameter", "The request body is not valid JSON.");
        }
        const result = await action.run(new Params(body, action.params), { now, state });
        return successReply(result);
    };

    return {
        name: "tencent",
        actionOf: (request) => headerValue(request, "x-tc-action"),
        throttleReply: () => throttledReply(),
        async handle(request) {
            // API 3.0 has a single path per host; anything below /tencent/ is not an API.
            if (request.path !== "/tencent" && request.path !== "/tencent/") {
                return textReply(404, `no Tencent API at ${request.path}; POST to /tencent/\n`);
            }
            try {
                return await call(request);
            } catch (error) {
                if (error instanceof TencentError) return errorReply(error.code, error.message);
                throw error;
            }
        },
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
