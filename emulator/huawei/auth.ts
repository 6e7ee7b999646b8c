import { createHash, timingSafeEqual } from "node:crypto";
import { parseAkSkAuthorization, signAkSk } from "../../provider/huawei/sign";
import { headerValue } from "../core/request";
import type { EmulatorRequest } from "../core/types";
import type { HuaweiCredentials } from "../credentials";
import { HuaweiError } from "./envelope";

/**
 * The APIG gateway's authentication: an SDK-HMAC-SHA256 signature recomputed from what was
 * received (method, path as sent, query, the headers named in SignedHeaders, exact body bytes)
 * with the provider's signer, which is proved separately against Huawei's published example and
 * the official SDK; or an X-Auth-Token this emulator issued (POST /_emulator/huawei/tokens), as
 * the seed page authenticates. What is checked independently here: the access key, which
 * headers are signed, X-Sdk-Date's format and 15-minute window (reference/huawei-apig.md §2.1),
 * and that X-Project-Id, when sent, names the project of the path.
 */

/** X-Sdk-Date must be within 15 minutes of the server's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** The gateway's message starts like this for every AK/SK refusal (APIGW.0301, HTTP 401). */
const IAM_FAILURE = "Incorrect IAM authentication information";

function refuse(detail: string): HuaweiError {
    return new HuaweiError("APIGW.0301", `${IAM_FAILURE}: ${detail}`, 401);
}

/** `yyyyMMddTHHmmssZ` to a Date; undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
    if (!m) return undefined;
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    return Number.isNaN(date.getTime()) ? undefined : date;
}

function queryPairs(query: string): Array<[string, string]> {
    if (query === "") return [];
    return query.split("&").map((part) => {
        const eq = part.indexOf("=");
        const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, "%20"));
        return eq < 0 ? [decode(part), ""] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    });
}

/** Tokens are compared by hash: the store never holds one in the clear. */
export function tokenDigest(token: string): string {
    return createHash("sha256").update(token).digest("hex");
}

export interface HuaweiIdentity {
    /** The access key, or `token:<digest prefix>` for token callers: rate limits count per caller. */
    readonly id: string;
}

/** Throws the APIG error the real gateway answers with. `projectId` is the project of the path. */
export function authenticateHuawei(
    request: EmulatorRequest,
    credentials: HuaweiCredentials,
    projectId: string,
    now: Date,
    isIssuedToken: (digest: string) => boolean,
): HuaweiIdentity {
    const token = headerValue(request, "x-auth-token");
    const authorization = headerValue(request, "authorization");
    if (token !== undefined && authorization === undefined) {
        const digest = tokenDigest(token);
        if (!isIssuedToken(digest)) throw new HuaweiError("APIG.1002", "Incorrect token or token resolution failed", 401);
        return { id: `token:${digest.slice(0, 16)}` };
    }
    if (authorization === undefined) throw new HuaweiError("APIG.1000", "Incorrect IAM authentication information: the request carries neither X-Auth-Token nor an Authorization header", 401);
    const parsed = parseAkSkAuthorization(authorization);
    if (!parsed) throw refuse("the Authorization header is not `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>`");
    if (parsed.accessKey !== credentials.accessKey) throw refuse(`ak ${parsed.accessKey} not exist`);
    const rawDate = headerValue(request, "x-sdk-date");
    const date = rawDate === undefined ? undefined : parseSdkDate(rawDate);
    if (date === undefined) throw refuse("X-Sdk-Date is missing or not yyyyMMddTHHmmssZ");
    if (!parsed.signedHeaders.includes("x-sdk-date")) throw refuse("X-Sdk-Date is not signed");
    if (Math.abs(now.getTime() - date.getTime()) > MAX_CLOCK_SKEW_MS) throw refuse("x-sdk-date expired: the request time differs from the server time by more than 15 minutes");

    const signed: Record<string, string> = {};
    let host: string | undefined;
    let signedProject: string | undefined;
    let securityToken: string | undefined;
    for (const name of parsed.signedHeaders) {
        const value = headerValue(request, name);
        if (value === undefined) throw refuse(`signed header ${name} is missing`);
        if (name === "host") host = value;
        else if (name === "x-project-id") signedProject = value;
        else if (name === "x-security-token") securityToken = value;
        else if (name !== "x-sdk-date") signed[name] = value;
    }
    const sentProject = headerValue(request, "x-project-id");
    if (sentProject !== undefined && sentProject !== projectId) throw new HuaweiError("APIG.1005", "No permissions to request this method: X-Project-Id is not the project of the URL", 403);
    // The emulator issues no temporary credentials, so an X-Security-Token cannot be one of its own.
    if (securityToken !== undefined) throw refuse("the security token is invalid or expired");
    const expected = signAkSk(
        { method: request.method, host, path: request.path, query: queryPairs(request.query), headers: signed, body: request.body },
        { accessKey: credentials.accessKey, secretKey: credentials.secretKey, projectId: signedProject },
        { now: date },
    );
    const same =
        expected.signedHeaders === parsed.signedHeaders.join(";") && timingSafeEqual(Buffer.from(expected.signature, "hex"), Buffer.from(parsed.signature, "hex"));
    if (!same) {
        // The real message embeds the server's canonical request, with "|" for newlines: a client can debug from it.
        throw refuse(`verify aksk signature fail, canonicalRequest: ${expected.canonicalRequest.replace(/\n/g, "|")}`);
    }
    return { id: parsed.accessKey };
}
