import { expect } from "chai";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OutcomeUnknownError, VendorApiError } from "../../../provider/core/errors";
import type { CallOptions } from "../../../provider/core/http";
import { resetRateLimits } from "../../../provider/core/rateLimit";
import { callHuawei, huaweiScope, isHuaweiNotFound } from "../../../provider/huawei/client";
import type { HuaweiRequest } from "../../../provider/huawei/protocol";
import { isolateHuaweiEnv } from "./env";
import { sdkSign, type SdkQuery } from "./sdkOracle";

// Huawei's documentation example keys, not real credentials.
const AK = "QTWAOYTTINDUT2QVKYUC";
const SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
const PROJECT = "0123456789abcdef0123456789abcdef";
const CERT_ID = "a27be832f2e9441c8127fe48e3b5ac67";
const SECURITY_TOKEN = "gQpjbi1ub3J0aC00temporarySecurityToken0001";
const AUTH_TOKEN = "MIIatAYJKoZIhvcNAQcCoIIapTCCGqECAQExDTALBglghkgBZQMEAgEwghjGBgkqhkiG";
const PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n";
const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000 };

interface Received {
    readonly method: string;
    readonly url: string;
    readonly headers: IncomingHttpHeaders;
    readonly body: string;
    /** Whether the official SDK, given what arrived, computes the same Authorization. */
    readonly signatureValid: boolean | undefined;
}

interface Scripted {
    readonly status: number;
    readonly body?: string;
    readonly headers?: Record<string, string>;
}

const apigError = (status: number, code: string, message: string): Scripted => ({
    status,
    body: JSON.stringify({ error_code: code, error_msg: message, request_id: `rid-${code}` }),
    headers: { "content-type": "application/json" },
});
const ok = (value: object): Scripted => ({ status: 200, body: JSON.stringify(value), headers: { "content-type": "application/json" } });

/** Recomputes the signature of what arrived with the official SDK, independently of our signer. */
function verifyWithSdk(method: string, url: string, headers: IncomingHttpHeaders, body: string): boolean | undefined {
    const authorization = headers.authorization;
    if (authorization === undefined) return undefined;
    const parsed = new URL(url, `http://${headers.host}`);
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(parsed.searchParams.keys())) {
        const values = parsed.searchParams.getAll(key);
        query[key] = values.length > 1 ? values : values[0];
    }
    const header = (name: string): string | undefined => {
        const v = headers[name];
        return Array.isArray(v) ? v[0] : v;
    };
    const expected = sdkSign({
        endpoint: `http://${headers.host}${parsed.pathname.split("/").map(decodeURIComponent).join("/")}`,
        method,
        headers: { "content-type": header("content-type") ?? "" },
        sdkDate: header("x-sdk-date") ?? "",
        projectId: header("x-project-id"),
        securityToken: header("x-security-token"),
        query: Object.keys(query).length > 0 ? (query as SdkQuery) : undefined,
        data: body === "" ? undefined : (JSON.parse(body) as object),
        accessKey: AK,
        secretKey: SK,
    });
    return authorization === expected;
}

describe("huawei/client: callHuawei against a local HTTP server", () => {
    isolateHuaweiEnv();

    let server: Server;
    let base: string;
    let script: Scripted[] = [];
    let received: Received[] = [];

    before(async () => {
        server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", () => {
                const body = Buffer.concat(chunks).toString("utf8");
                const method = req.method ?? "";
                const url = req.url ?? "/";
                received.push({ method, url, headers: req.headers, body, signatureValid: verifyWithSdk(method, url, req.headers, body) });
                const next = script[Math.min(received.length - 1, script.length - 1)];
                res.writeHead(next.status, next.headers ?? {});
                res.end(next.body ?? "");
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    beforeEach(() => {
        script = [];
        received = [];
        resetRateLimits();
        process.env.HW_ACCESS_KEY = AK;
        process.env.HW_SECRET_KEY = SK;
        process.env.HW_REGION_NAME = "cn-north-4";
        process.env.HW_PROJECT_ID = PROJECT;
        process.env.CLOUDCERTS_HUAWEI_ENDPOINT = `${base}/huawei`;
    });

    const opts: CallOptions = { policy: fast, sleep: async () => {}, timeoutMs: 5000 };
    const show: HuaweiRequest = { method: "GET", path: ["apigw", "certificates", CERT_ID] };
    const create: HuaweiRequest = {
        method: "POST",
        path: ["apigw", "certificates"],
        body: { name: "cert_证书_1", cert_content: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", private_key: PRIVATE_KEY, type: "global" },
    };
    const del: HuaweiRequest = { method: "DELETE", path: ["apigw", "certificates", CERT_ID] };

    it("sends a request the official SDK verifies for the overridden host, and returns the reply", async () => {
        script = [ok({ id: CERT_ID, name: "cert_demo" })];
        const out = await callHuawei<{ id: string; name: string }>("ShowDetailsOfCertificateV2", { ...show, query: { instance_id: "common" } }, { idempotent: true }, opts);
        expect(out).to.deep.equal({ id: CERT_ID, name: "cert_demo" });
        expect(received).to.have.length(1);
        expect(received[0].url).to.equal(`/huawei/v2/${PROJECT}/apigw/certificates/${CERT_ID}?instance_id=common`);
        expect(received[0].headers.host).to.equal(new URL(base).host);
        expect(received[0].signatureValid).to.equal(true);
    });

    it("signs the JSON body byte for byte as sent, UTF-8 and PEM newlines included", async () => {
        script = [ok({ id: CERT_ID })];
        await callHuawei("CreateCertificateV2", create, { idempotent: false }, opts);
        expect(received[0].body).to.equal(JSON.stringify(create.body));
        expect(received[0].signatureValid).to.equal(true);
    });

    it("turns a 404 with APIG.3021 into a notFound error after one attempt", async () => {
        script = [apigError(404, "APIG.3021", "SSL certificate does not exist")];
        const err = await callHuawei("ShowDetailsOfCertificateV2", show, { idempotent: true }, opts).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(VendorApiError);
        expect((err as VendorApiError).category).to.equal("notFound");
        expect((err as VendorApiError).httpStatus).to.equal(404);
        expect((err as Error).message).to.equal("Huawei ShowDetailsOfCertificateV2 failed: APIG.3021: SSL certificate does not exist (request id rid-APIG.3021)");
        expect(isHuaweiNotFound(err)).to.equal(true);
        expect(isHuaweiNotFound(new VendorApiError({ vendor: "Tencent", action: "x", code: "y", message: "", category: "notFound" }))).to.equal(false);
        expect(received).to.have.length(1);
    });

    it("does not take a 404 that is not APIG's certificate or instance code for a deleted certificate", async () => {
        script = [{ status: 404, body: "<html>Not Found</html>", headers: { "content-type": "text/html" } }];
        const err = await callHuawei("ShowDetailsOfCertificateV2", show, { idempotent: true }, opts).catch((e: unknown) => e);
        expect(isHuaweiNotFound(err)).to.equal(false);
        expect((err as Error).message).to.match(/HTTP 404.*check the endpoint/);
    });

    it("retries a 429 APIGW.0308 even for a create, signing each attempt afresh", async () => {
        script = [apigError(429, "APIGW.0308", "The throttling threshold has been reached"), ok({ id: CERT_ID })];
        const out = await callHuawei<{ id: string }>("CreateCertificateV2", create, { idempotent: false }, opts);
        expect(out.id).to.equal(CERT_ID);
        expect(received).to.have.length(2);
        expect(received.map((r) => r.signatureValid)).to.deep.equal([true, true]);
    });

    it("waits as long as a 429's Retry-After says", async () => {
        script = [{ ...apigError(429, "APIGW.0308", "throttled"), headers: { "content-type": "application/json", "retry-after": "2" } }, ok({ id: CERT_ID })];
        const waits: number[] = [];
        await callHuawei("ShowDetailsOfCertificateV2", show, { idempotent: true }, { ...opts, sleep: async (ms) => void waits.push(ms) });
        expect(waits).to.include(2000);
    });

    it("reports a 5xx to a write as OutcomeUnknownError after one attempt, never repeating the create", async () => {
        script = [apigError(500, "APIG.9999", "System error")];
        const err = await callHuawei("CreateCertificateV2", create, { idempotent: false }, opts).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(OutcomeUnknownError);
        expect((err as Error).message).to.match(/^Huawei CreateCertificateV2: the outcome is unknown/);
        expect(received).to.have.length(1);

        received = [];
        script = [{ status: 502, body: "<html>Bad Gateway</html>", headers: { "content-type": "text/html" } }];
        expect(await callHuawei("UpdateCertificateV2", { ...create, method: "PUT", path: ["apigw", "certificates", CERT_ID] }, { idempotent: false }, opts).catch((e: unknown) => e)).to.be.instanceOf(OutcomeUnknownError);
        expect(received).to.have.length(1);
    });

    it("retries a 5xx to a read", async () => {
        script = [apigError(503, "APIG.9999", "System error"), ok({ id: CERT_ID })];
        const out = await callHuawei<{ id: string }>("ShowDetailsOfCertificateV2", show, { idempotent: true }, opts);
        expect(out.id).to.equal(CERT_ID);
        expect(received).to.have.length(2);
    });

    it("returns undefined for DELETE's 204, and tells a refused DELETE to detach the domains", async () => {
        script = [{ status: 204 }];
        expect(await callHuawei<void>("DeleteCertificateV2", del, { idempotent: true }, opts)).to.equal(undefined);
        expect(received[0].signatureValid).to.equal(true);
        expect(received[0].body).to.equal("");

        script = [apigError(400, "APIG.2000", "The certificate is in use")];
        received = [];
        const err = (await callHuawei("DeleteCertificateV2", del, { idempotent: true }, opts).catch((e: unknown) => e)) as VendorApiError;
        expect(err.category).to.equal("invalid");
        expect(err.message).to.match(/APIG\.2000: The certificate is in use \(request id rid-APIG\.2000\) - a certificate bound to domain names cannot be deleted: detach the domains/);
    });

    describe("keeps secrets out of errors and debug logs", () => {
        let logged: string[];
        let originalWrite: typeof process.stderr.write;
        beforeEach(() => {
            logged = [];
            process.env.CLOUDCERTS_LOG = "debug";
            originalWrite = process.stderr.write;
            process.stderr.write = ((chunk: string | Uint8Array) => {
                logged.push(String(chunk));
                return true;
            }) as typeof process.stderr.write;
        });
        afterEach(() => {
            process.stderr.write = originalWrite;
        });

        const assertClean = (text: string, secrets: string[]) => {
            for (const s of secrets) expect(text, s).not.to.contain(s);
            expect(text).not.to.contain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7");
        };

        it("an AK/SK refusal that echoes the canonical request, the SK and the private key", async () => {
            process.env.HW_SECURITY_TOKEN = SECURITY_TOKEN;
            // APIGW.0301 quotes the server's canonical request with | for newlines (reference §1.5).
            const echoed = `verify aksk signature fail, canonicalRequest: POST|/v2/${PROJECT}/apigw/certificates/||content-type:application/json|x-security-token:${SECURITY_TOKEN}| sk=${SK} body ${JSON.stringify(PRIVATE_KEY)}`;
            script = [apigError(401, "APIGW.0301", `Incorrect IAM authentication information: ${echoed}`)];
            const err = (await callHuawei("CreateCertificateV2", create, { idempotent: false }, opts).catch((e: unknown) => e)) as VendorApiError;
            expect(err.category).to.equal("auth");
            expect(err.message).to.match(/APIGW\.0301.*huaweicloud:secretKey.*clock/);
            expect(received[0].headers["x-security-token"]).to.equal(SECURITY_TOKEN);
            assertClean(err.message, [SK, SECURITY_TOKEN]);
            expect(logged.join("")).to.contain("Huawei CreateCertificateV2 attempt 1: HTTP 401 -> failed");
            assertClean(logged.join(""), [SK, SECURITY_TOKEN]);
        });

        it("a private key in a body field the caller did not list as secret", async () => {
            script = [apigError(400, "APIG.2106", `invalid private key ${PRIVATE_KEY.replace(/-----[A-Z ]+-----/g, "").trim()}`)];
            const err = (await callHuawei("CreateCertificateV2", create, { idempotent: false }, opts).catch((e: unknown) => e)) as VendorApiError;
            expect(err.category).to.equal("invalid");
            assertClean(err.message, []);
            assertClean(logged.join(""), []);
        });

        it("an IAM token echoed by a token refusal", async () => {
            delete process.env.HW_ACCESS_KEY;
            delete process.env.HW_SECRET_KEY;
            process.env.HW_AUTH_TOKEN = AUTH_TOKEN;
            script = [apigError(401, "APIG.1002", `Incorrect token or token resolution failed: ${AUTH_TOKEN}`)];
            const err = (await callHuawei("ShowDetailsOfCertificateV2", show, { idempotent: true }, opts).catch((e: unknown) => e)) as VendorApiError;
            expect(received[0].headers["x-auth-token"]).to.equal(AUTH_TOKEN);
            expect(received[0].headers.authorization).to.equal(undefined);
            expect(err.message).to.match(/APIG\.1002.*huaweicloud:authToken/);
            assertClean(err.message, [AUTH_TOKEN]);
            assertClean(logged.join(""), [AUTH_TOKEN]);
        });
    });

    it("scopes ids by endpoint and project", () => {
        expect(huaweiScope()).to.equal(`${base}/huawei/ ${PROJECT}`);
        delete process.env.CLOUDCERTS_HUAWEI_ENDPOINT;
        expect(huaweiScope()).to.equal(`https://apig.cn-north-4.myhuaweicloud.com/ ${PROJECT}`);
    });
});
