import { expect } from "chai";
import { OutcomeUnknownError } from "../../../provider/core/errors";
import type { CallOptions, HttpReply, HttpRequest, Transport } from "../../../provider/core/http";
import { resetRateLimits } from "../../../provider/core/rateLimit";
import {
    createApigCertificate,
    deleteApigCertificate,
    listApigAttachedDomains,
    listApigCertificates,
    showApigCertificate,
    updateApigCertificate,
    type ApigCertificateForm,
} from "../../../provider/huawei/certificates";
import { isolateHuaweiEnv } from "./env";

// Huawei's documentation example keys, not real credentials.
const PROJECT = "0123456789abcdef0123456789abcdef";
const CERT_ID = "a27be832f2e9441c8127fe48e3b5ac67";
const BASE = `https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/certificates`;
const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000 };

const reply = (status: number, body: unknown = undefined): HttpReply => ({ status, headers: {}, body: body === undefined ? "" : JSON.stringify(body) });

function scripted(script: HttpReply[]): { options: CallOptions; sent: HttpRequest[] } {
    const sent: HttpRequest[] = [];
    let i = 0;
    const transport: Transport = async (request) => {
        sent.push(request);
        return script[Math.min(i++, script.length - 1)];
    };
    return { sent, options: { transport, policy: fast, sleep: async () => {}, timeoutMs: 1000 } };
}

const form: ApigCertificateForm = {
    name: "cert_demo",
    cert_content: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    private_key: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
    type: "global",
};

describe("huawei/certificates: the APIG v2 certificate calls (reference/huawei-apig.md §1.2)", () => {
    isolateHuaweiEnv();
    beforeEach(() => {
        resetRateLimits();
        process.env.HW_ACCESS_KEY = "QTWAOYTTINDUT2QVKYUC";
        process.env.HW_SECRET_KEY = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
        process.env.HW_REGION_NAME = "cn-north-4";
        process.env.HW_PROJECT_ID = PROJECT;
    });

    it("creates with POST …/apigw/certificates and the form as the body", async () => {
        const { options, sent } = scripted([reply(200, { id: CERT_ID, name: "cert_demo" })]);
        expect((await createApigCertificate(form, options)).id).to.equal(CERT_ID);
        expect(sent.map((r) => [r.method, r.url, r.body])).to.deep.equal([["POST", BASE, JSON.stringify(form)]]);
    });

    it("never repeats a create whose outcome is unknown", async () => {
        const { options, sent } = scripted([reply(500, { error_code: "APIG.9999", error_msg: "System error" })]);
        expect(await createApigCertificate(form, options).catch((e: unknown) => e)).to.be.instanceOf(OutcomeUnknownError);
        expect(sent).to.have.length(1);
    });

    it("shows with GET …/{id}, and retries it", async () => {
        const { options, sent } = scripted([reply(503), reply(200, { id: CERT_ID, name: "n", not_after: "2031-08-16T06:36:13Z" })]);
        expect((await showApigCertificate(CERT_ID, options)).not_after).to.equal("2031-08-16T06:36:13Z");
        expect(sent.map((r) => [r.method, r.url])).to.deep.equal([["GET", `${BASE}/${CERT_ID}`], ["GET", `${BASE}/${CERT_ID}`]]);
    });

    it("updates with PUT …/{id} and the full form, retrying it as a full replace is idempotent", async () => {
        const { options, sent } = scripted([reply(500, { error_code: "APIG.9999", error_msg: "System error" }), reply(200, { id: CERT_ID, name: "cert_demo" })]);
        await updateApigCertificate(CERT_ID, form, options);
        expect(sent.map((r) => [r.method, r.url, r.body])).to.deep.equal([
            ["PUT", `${BASE}/${CERT_ID}`, JSON.stringify(form)],
            ["PUT", `${BASE}/${CERT_ID}`, JSON.stringify(form)],
        ]);
    });

    it("deletes with DELETE …/{id}, taking the 204", async () => {
        const { options, sent } = scripted([reply(204)]);
        expect(await deleteApigCertificate(CERT_ID, options)).to.equal(undefined);
        expect(sent.map((r) => [r.method, r.url, r.body])).to.deep.equal([["DELETE", `${BASE}/${CERT_ID}`, undefined]]);
    });

    it("lists certificates and a certificate's bound domains with their queries", async () => {
        const { options, sent } = scripted([reply(200, { size: 0, total: 0, certs: [] }), reply(200, { size: 0, total: 0, bound_domains: [] })]);
        expect((await listApigCertificates({ instance_id: "common", limit: 500, name: "cert_demo" }, options)).certs).to.deep.equal([]);
        expect((await listApigAttachedDomains(CERT_ID, { limit: 500 }, options)).bound_domains).to.deep.equal([]);
        expect(sent.map((r) => r.url)).to.deep.equal([`${BASE}?instance_id=common&limit=500&name=cert_demo`, `${BASE}/${CERT_ID}/attached-domains?limit=500`]);
    });
});
