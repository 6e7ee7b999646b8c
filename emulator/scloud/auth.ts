import { timingSafeEqual } from "node:crypto";
import { scloudSignature } from "../../provider/scloud/sign";
import type { Caller } from "../core/vendorService";
import type { ScloudCredentials } from "../credentials";
import { RET, ScloudError } from "./envelope";
import type { ReceivedParams } from "./params";

/**
 * Server-side UAPI signature check: sha1 over the received parameters sorted by key, `key + value`
 * concatenated, the account private key appended (reference/scloud.md §2.1). It reuses the
 * provider's signer on the parameters *as received*; what guards the signer itself is its proof
 * against every published vector (tests/provider/scloud/sign.spec.ts). What is checked here is
 * everything around it: the public key, a signature present and equal, the action named.
 * The scheme has no timestamp, so there is no clock window to check.
 */
export function authenticateScloud(params: ReceivedParams, credentials: ScloudCredentials): Caller {
    const signature = params.Signature;
    if (typeof signature !== "string" || signature === "") throw new ScloudError(RET.MISSING_SIGNATURE, "Missing signature");
    if (params.PublicKey !== credentials.publicKey) throw new ScloudError(RET.USER_NOT_FOUND, "User not found: no account has this PublicKey");
    const expected = Buffer.from(scloudSignature(params, credentials.privateKey), "utf8");
    const given = Buffer.from(signature.toLowerCase(), "utf8");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        throw new ScloudError(RET.SIGNATURE_ERROR, "Signature VerifyAC Error");
    }
    const action = params.Action;
    if (typeof action !== "string" || action === "") throw new ScloudError(RET.MISSING_ACTION, "Missing Action");
    return { id: credentials.publicKey, action };
}
