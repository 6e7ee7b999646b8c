import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import { signAcs3 } from "../../provider/alibaba/sign";
import { parseCsr } from "../../provider/core/pem";
import { canonicalQueryString } from "../../provider/core/signing/canonicalQuery";
import type { Emulator } from "../../emulator";
import { signKmsCsr } from "../support/kms";
import { testChain } from "../support/pki";
import { startTestEmulator, type TestClock } from "./support";

/** The Alibaba KMS emulator, driven with raw ACS3-signed requests. */

interface KmsReply {
    readonly status: number;
    readonly body: Record<string, unknown> & { Code?: string; Message?: string; RequestId?: string };
}

let nonceCounter = 0;

interface CallOptions {
    readonly nonce?: string;
    readonly signAt?: Date;
    readonly secret?: string;
    /** Send the parameters in the query instead of a form body (as the current SDKs do). */
    readonly inQuery?: boolean;
}

async function kms(emulator: Emulator, clock: TestClock, action: string, params: Record<string, string>, options: CallOptions = {}): Promise<KmsReply> {
    const url = new URL(`${emulator.endpoints.alibaba}/`);
    const encoded = canonicalQueryString(params);
    const body = options.inQuery ? "" : encoded;
    const query = options.inQuery ? params : {};
    const headers: Record<string, string> = options.inQuery ? {} : { "content-type": "application/x-www-form-urlencoded" };
    const signature = signAcs3(
        { method: "POST", host: url.host, path: url.pathname, query, headers, body },
        { accessKeyId: emulator.credentials.alibaba.accessKeyId, accessKeySecret: options.secret ?? emulator.credentials.alibaba.accessKeySecret },
        { action, version: "2016-01-20", now: options.signAt ?? clock.now(), nonce: options.nonce ?? `nonce-${++nonceCounter}-${Math.random()}` },
    );
    const target = options.inQuery ? `${url.href}?${encoded}` : url.href;
    const res = await fetch(target, { method: "POST", headers: { ...signature.signedHeaderValues, authorization: signature.authorization }, body: body === "" ? undefined : body });
    return { status: res.status, body: (await res.json()) as KmsReply["body"] };
}

const SUBJECT = "CN=kms.example.com,OU=kms,O=Example Ltd,C=CN";

describe("emulator: Alibaba KMS certificates", function () {
    this.timeout(60_000);
    let emulator: Emulator;
    let clock: TestClock;

    before(async () => {
        ({ emulator, clock } = await startTestEmulator());
    });
    after(() => emulator.close());
    beforeEach(() => emulator.reset());

    async function create(keySpec = "RSA_2048", extra: Record<string, string> = {}): Promise<{ id: string; csr: string }> {
        const res = await kms(emulator, clock, "CreateCertificate", { KeySpec: keySpec, Subject: SUBJECT, SubjectAlternativeNames: '["a.example.com","b.example.com"]', ...extra });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return { id: res.body.CertificateId as string, csr: res.body.Csr as string };
    }

    for (const keySpec of ["RSA_2048", "EC_P256", "EC_SM2"]) {
        it(`CreateCertificate (${keySpec}) makes a real key pair and a CSR for the subject and SANs; the inventory never holds the key`, async () => {
            const { id, csr } = await create(keySpec);
            const parsed = parseCsr(csr);
            expect(parsed.subject.CN).to.equal("kms.example.com");
            expect(parsed.subject.OU).to.equal("kms");
            expect(parsed.subject.C).to.equal("CN");
            expect(parsed.subjectAltNames).to.deep.equal(["a.example.com", "b.example.com"]);
            // node cannot verify SM2-with-SM3 consistently, so the parser leaves SM2 signatures unchecked.
            expect(parsed.signatureValid).to.equal(keySpec === "EC_SM2" ? undefined : true);
            expect(parsed.keyAlgorithm.algorithm).to.equal({ RSA_2048: "RSA", EC_P256: "EC", EC_SM2: "SM2" }[keySpec]);
            const described = await kms(emulator, clock, "DescribeCertificate", { CertificateId: id });
            expect(described.body).to.include({ Status: "PENDING", KeySpec: keySpec, Subject: SUBJECT, ExportablePrivateKey: true });
            expect(described.body.Arn).to.match(new RegExp(`^acs:kms:cn-hangzhou:\\d+:certificate/${id}$`));
            const inventory = JSON.stringify(emulator.inventory().alibaba);
            expect(inventory).to.contain(id);
            expect(inventory).not.to.contain("PRIVATE KEY");
        });
    }

    it("EC_SM2: the CSR carries an SM2 key, SignatureAlgorithm is SM2-SM3, and a certificate for that key uploads", async () => {
        const { id, csr } = await create("EC_SM2");
        expect((await kms(emulator, clock, "DescribeCertificate", { CertificateId: id })).body.SignatureAlgorithm).to.equal("SM2-SM3");
        const signed = signKmsCsr(csr);
        const up = await kms(emulator, clock, "UploadCertificate", { CertificateId: id, Certificate: signed.certificate, CertificateChain: signed.chain });
        expect(up.status, JSON.stringify(up.body)).to.equal(200);
        expect((await kms(emulator, clock, "DescribeCertificate", { CertificateId: id })).body.Status).to.equal("ACTIVE");
    });

    it("refuses a subject without CN, C, O and OU, and more than 10 SANs", async () => {
        expect((await kms(emulator, clock, "CreateCertificate", { KeySpec: "EC_P256", Subject: "CN=a,O=b,C=CN" })).body.Code).to.equal("InvalidParameter");
        const sans = JSON.stringify(Array.from({ length: 11 }, (_, i) => `h${i}.example.com`));
        expect((await kms(emulator, clock, "CreateCertificate", { KeySpec: "EC_P256", Subject: SUBJECT, SubjectAlternativeNames: sans })).body.Code).to.equal("InvalidParameter");
    });

    it("reads parameters from the query as well as from a form body", async () => {
        const res = await kms(emulator, clock, "CreateCertificate", { KeySpec: "EC_P256", Subject: SUBJECT }, { inQuery: true });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect((await kms(emulator, clock, "GetCertificate", { CertificateId: res.body.CertificateId as string }, { inQuery: true })).body.Csr).to.contain("BEGIN CERTIFICATE REQUEST");
    });

    it("upload -> ACTIVE with serial, issuer and validity; status changes; REVOKED is terminal; tags; delete; then Certificate.NotFound", async () => {
        const { id, csr } = await create("EC_P256");
        const signed = signKmsCsr(csr);
        const up = await kms(emulator, clock, "UploadCertificate", { CertificateId: id, Certificate: signed.certificate, CertificateChain: signed.chain });
        expect(up.status, JSON.stringify(up.body)).to.equal(200);
        const leaf = new X509Certificate(signed.certificate);
        let d = (await kms(emulator, clock, "DescribeCertificate", { CertificateId: id })).body;
        expect(d).to.include({ Status: "ACTIVE", Serial: leaf.serialNumber.toLowerCase() });
        expect(d.Issuer).to.match(/^CN=/);
        expect(Date.parse(d.NotAfter as string)).to.equal(Date.parse(leaf.validTo));
        const got = (await kms(emulator, clock, "GetCertificate", { CertificateId: id })).body;
        expect(got).to.include({ Certificate: signed.certificate, CertificateChain: signed.chain });

        expect((await kms(emulator, clock, "UpdateCertificateStatus", { CertificateId: id, Status: "INACTIVE" })).status).to.equal(200);
        expect((await kms(emulator, clock, "DescribeCertificate", { CertificateId: id })).body.Status).to.equal("INACTIVE");

        expect((await kms(emulator, clock, "TagResource", { CertificateId: id, Tags: '[{"TagKey":"env","TagValue":"test"},{"TagKey":"team","TagValue":"pki"}]' })).status).to.equal(200);
        expect((await kms(emulator, clock, "UntagResource", { CertificateId: id, TagKeys: '["team"]' })).status).to.equal(200);
        d = (await kms(emulator, clock, "DescribeCertificate", { CertificateId: id })).body;
        expect(JSON.parse(d.Tags as string)).to.deep.equal([{ TagKey: "env", TagValue: "test" }]);
        expect((await kms(emulator, clock, "TagResource", { CertificateId: id, Tags: '[{"TagKey":"acs:x","TagValue":"v"}]' })).body.Code).to.equal("InvalidParameter");

        expect((await kms(emulator, clock, "UpdateCertificateStatus", { CertificateId: id, Status: "REVOKED" })).status).to.equal(200);
        expect((await kms(emulator, clock, "UpdateCertificateStatus", { CertificateId: id, Status: "ACTIVE" })).body.Code).to.equal("Rejected.InvalidStatus");

        expect((await kms(emulator, clock, "DeleteCertificate", { CertificateId: id })).status).to.equal(200);
        const gone = await kms(emulator, clock, "DescribeCertificate", { CertificateId: id });
        expect(gone.status).to.equal(404);
        expect(gone.body.Code).to.equal("Certificate.NotFound");
        expect((await kms(emulator, clock, "DeleteCertificate", { CertificateId: id })).body.Code).to.equal("Certificate.NotFound");
    });

    it("a status change before upload is refused: the certificate is pending import", async () => {
        const { id } = await create("EC_P256");
        expect((await kms(emulator, clock, "UpdateCertificateStatus", { CertificateId: id, Status: "ACTIVE" })).body.Code).to.equal("Rejected.InvalidStatus");
    });

    it("UploadCertificate refuses a certificate for another key and a chain out of order", async () => {
        const { id, csr } = await create("EC_P256");
        const other = testChain("other.example.com");
        const wrongKey = await kms(emulator, clock, "UploadCertificate", { CertificateId: id, Certificate: other.leaf.certificatePem });
        expect(wrongKey.body.Code).to.equal("InvalidParameter");
        expect(wrongKey.body.Message).to.match(/public key/);
        const signed = signKmsCsr(csr);
        const reversed = await kms(emulator, clock, "UploadCertificate", { CertificateId: id, Certificate: signed.certificate, CertificateChain: `${signed.root}\n${signed.intermediate}\n` });
        expect(reversed.body.Code).to.equal("InvalidParameter");
        expect(reversed.body.Message).to.match(/CertificateChain/);
        expect((await kms(emulator, clock, "DescribeCertificate", { CertificateId: id })).body.Status).to.equal("PENDING");
    });

    it("verifies signatures: wrong secret, reused nonce and clock skew are refused", async () => {
        const bad = await kms(emulator, clock, "DescribeCertificate", { CertificateId: "x" }, { secret: "not-the-secret" });
        expect(bad.body.Code).to.equal("SignatureDoesNotMatch");
        const first = await kms(emulator, clock, "DescribeCertificate", { CertificateId: "x" }, { nonce: "fixed-nonce-1" });
        expect(first.body.Code).to.equal("Certificate.NotFound");
        const replay = await kms(emulator, clock, "DescribeCertificate", { CertificateId: "x" }, { nonce: "fixed-nonce-1" });
        expect(replay.body.Code).to.equal("SignatureNonceUsed");
        const skewed = await kms(emulator, clock, "DescribeCertificate", { CertificateId: "x" }, { signAt: new Date(clock.now().getTime() + 16 * 60_000) });
        expect(skewed.body.Code).to.equal("InvalidTimeStamp.Expired");
        const within = await kms(emulator, clock, "DescribeCertificate", { CertificateId: "x" }, { signAt: new Date(clock.now().getTime() - 14 * 60_000) });
        expect(within.body.Code).to.equal("Certificate.NotFound");
    });

    it("answers Rejected.Throttling with HTTP 429 past the documented rate", async () => {
        const frozen = await startTestEmulator({ rateLimits: true, rateLimitClock: () => 0 });
        try {
            const codes: Array<string | undefined> = [];
            for (let i = 0; i < 25; i++) {
                const res = await kms(frozen.emulator, frozen.clock, "DescribeCertificate", { CertificateId: "x" });
                codes.push(res.status === 429 ? `429 ${res.body.Code}` : res.body.Code);
            }
            expect(codes.filter((c) => c === "Certificate.NotFound")).to.have.length(20);
            expect(codes.slice(20)).to.deep.equal(Array(5).fill("429 Rejected.Throttling"));
        } finally {
            await frozen.emulator.close();
        }
    });
});
