import { headerValue } from "../core/request";
import type { EmulatorRequest } from "../core/types";
import type { Caller } from "../core/vendorService";
import type { TencentCredentials } from "../credentials";
import { PRODUCT_VERSIONS, TENCENT_ACTIONS, type TencentProduct } from "./actions";
import { verifyTc3 } from "./auth";
import { TencentError } from "./envelope";

/**
 * The API 3.0 gateway's checks before an action runs, in the order the real gateway reports them:
 * protocol, signature and timestamp (auth.ts), product, version, action. Real Tencent has one host
 * per product; on the emulator's single endpoint the product is the credential-scope service of
 * the signature (`ssl` or `tag`), which a client derives from the host it would have called.
 */
export function authenticateTencent(request: EmulatorRequest, credentials: TencentCredentials, now: Date): Caller {
    if (request.method.toUpperCase() !== "POST") {
        throw new TencentError("UnsupportedProtocol", "cloudcerts-emulator serves Tencent Cloud API 3.0 as JSON POST requests only.");
    }
    const identity = verifyTc3(request, credentials, now);
    const product = identity.service as TencentProduct;
    if (!Object.hasOwn(PRODUCT_VERSIONS, product)) {
        throw new TencentError("NoSuchProduct", `The product \`${identity.service}\` is not emulated (the emulator serves ssl and tag).`);
    }
    const expectedVersion = PRODUCT_VERSIONS[product];
    const version = headerValue(request, "x-tc-version");
    if (!version) throw new TencentError("MissingParameter", "The request is missing a required parameter `Version` (header X-TC-Version).");
    if (version !== expectedVersion) {
        throw new TencentError("NoSuchVersion", `The requested version \`${version}\` of service \`${product}\` does not exist (use ${expectedVersion}).`);
    }
    const action = headerValue(request, "x-tc-action");
    if (!action) throw new TencentError("MissingParameter", "The request is missing a required parameter `Action` (header X-TC-Action).");
    if (TENCENT_ACTIONS.get(action)?.product !== product) {
        throw new TencentError("InvalidAction", `The requested action \`${action}\` does not exist for service \`${product}\` (or is not emulated).`);
    }
    return { id: identity.secretId, action };
}
