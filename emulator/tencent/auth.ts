import { timingSafeEqual } from "node:crypto";
import { parseTc3Authorization, signTc3 } from "../../provider/tencent/sign";
import { headerValue } from "../core/request";
import type { EmulatorRequest } from "../core/types";
import type { TencentCredentials } from "../credentials";
import { TencentError } from "./envelope";

/**
 * Server-side TC3-HMAC-SHA256 verification. The signature is recomputed from what was actually
 * received (method, path, the headers named in SignedHeaders, the Host header without its port, the
 * exact body bytes; the query is always empty for JSON POST) with the provider's own signer. Sharing
 * it means a signer bug would pass here too; what guards against that is the signer's proof against
 * Tencent's published vectors and the official SDK (tests/provider/tencent/sign.spec.ts). What the
 * emulator checks independently is everything around it: which headers are signed, the Host and
 * path actually received, the scope date, the timestamp window and the credentials.
 */

export interface Tc3Identity {
    readonly secretId: string;
    /** Credential-scope service (`ssl`, `tag`): this is what selects the API on a single endpoint. */
    readonly service: string;
}

/** Tencent refuses timestamps more than five minutes away from its clock, in either direction. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const SIGNATURE_FAILURE = "The provided credentials could not be validated. Please check your signature is correct.";


/** `Host` minus the port, as clients put it in the signature (`URL.hostname`, brackets kept for IPv6). */
export function hostWithoutPort(host: string): string {
    if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
    const colon = host.indexOf(":");
    return colon < 0 ? host : host.slice(0, colon);
}

/** Throws the Tencent AuthFailure (or parameter) error the real gateway would answer with. */
export function verifyTc3(request: EmulatorRequest, credentials: TencentCredentials, now: Date): Tc3Identity {
    const authorization = headerValue(request, "authorization");
    const parsed = authorization === undefined ? undefined : parseTc3Authorization(authorization);
    if (!parsed) {
        throw new TencentError(
            "AuthFailure.InvalidAuthorization",
            "The `Authorization` header is missing or is not a valid TC3-HMAC-SHA256 authorization (`TC3-HMAC-SHA256 Credential=<SecretId>/<Date>/<service>/tc3_request, SignedHeaders=..., Signature=...`).",
        );
    }
    if (parsed.secretId !== credentials.secretId) {
        throw new TencentError("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");
    }

    const rawTimestamp = headerValue(request, "x-tc-timestamp");
    if (rawTimestamp === undefined || rawTimestamp === "") {
        throw new TencentError("MissingParameter", "The request is missing a required parameter `Timestamp` (header X-TC-Timestamp).");
    }
    if (!/^\d{1,12}$/.test(rawTimestamp)) {
        throw new TencentError("InvalidParameterValue", "The value of parameter `Timestamp` (header X-TC-Timestamp) must be Unix seconds.");
    }
    const timestamp = Number(rawTimestamp);
    const serverSeconds = Math.floor(now.getTime() / 1000);
    if (Math.abs(serverSeconds - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
        throw new TencentError(
            "AuthFailure.SignatureExpire",
            `Signature expired: the request timestamp ${timestamp} differs from the server time ${serverSeconds} by more than ${MAX_CLOCK_SKEW_SECONDS} seconds. Check the client clock.`,
        );
    }

    // The scope date must be the UTC day of X-TC-Timestamp; a local-time date is a classic client bug.
    const utcDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
    if (parsed.date !== utcDate) throw new TencentError("AuthFailure.SignatureFailure", SIGNATURE_FAILURE);

    // Tencent requires at least content-type and host to be signed.
    if (!parsed.signedHeaders.includes("content-type") || !parsed.signedHeaders.includes("host")) {
        throw new TencentError("AuthFailure.SignatureFailure", SIGNATURE_FAILURE);
    }
    const hostHeader = headerValue(request, "host");
    if (hostHeader === undefined) throw new TencentError("AuthFailure.SignatureFailure", SIGNATURE_FAILURE);
    const signedHeaders: Record<string, string> = {};
    for (const name of parsed.signedHeaders) {
        if (name === "host") continue;
        const value = headerValue(request, name);
        if (value === undefined) throw new TencentError("AuthFailure.SignatureFailure", SIGNATURE_FAILURE);
        signedHeaders[name] = value;
    }
    const expected = signTc3(
        { method: request.method, host: hostWithoutPort(hostHeader), path: request.path, query: "", headers: signedHeaders, body: request.body },
        credentials,
        { service: parsed.service, now: new Date(timestamp * 1000) },
    );
    if (!timingSafeEqual(Buffer.from(expected.signature, "hex"), Buffer.from(parsed.signature, "hex"))) {
        throw new TencentError("AuthFailure.SignatureFailure", SIGNATURE_FAILURE);
    }

    const token = headerValue(request, "x-tc-token");
    if (token !== undefined && token !== "" && token !== credentials.token) {
        throw new TencentError("AuthFailure.TokenFailure", "The security token (X-TC-Token) is invalid or does not belong to this SecretId.");
    }
    return { secretId: parsed.secretId, service: parsed.service };
}
