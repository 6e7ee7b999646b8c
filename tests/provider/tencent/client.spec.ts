import { expect } from "chai";
import { startEmulator, type Emulator } from "../../../emulator";
import { useStackConfig } from "../../../provider/core/settings";
import { callTencent } from "../../../provider/tencent/client";
import { tencentCredentials, tencentServiceUrl } from "../../../provider/tencent/config";

const KEYS = ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_DOMAIN", "CLOUDCERTS_TENCENT_ENDPOINT"];

describe("tencent/config and client", () => {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        for (const k of KEYS) {
            saved[k] = process.env[k];
            delete process.env[k];
        }
    });
    afterEach(() => {
        useStackConfig(undefined);
        for (const k of KEYS) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    });

    it("reaches the mainland host by default and the international one through tencentcloud:domain", () => {
        expect(tencentServiceUrl("ssl").href).to.equal("https://ssl.tencentcloudapi.com/");
        expect(tencentServiceUrl("tag").href).to.equal("https://tag.tencentcloudapi.com/");
        useStackConfig({ get: (k) => (k === "tencentcloud:domain" ? "intl.tencentcloudapi.com" : undefined) });
        expect(tencentServiceUrl("ssl").href).to.equal("https://ssl.intl.tencentcloudapi.com/");
        process.env.CLOUDCERTS_TENCENT_ENDPOINT = "http://127.0.0.1:4567/tencent";
        expect(tencentServiceUrl("ssl").href).to.equal("http://127.0.0.1:4567/tencent/");
    });

    it("takes credentials from stack config before the environment", () => {
        process.env.TENCENTCLOUD_SECRET_ID = "env-id";
        process.env.TENCENTCLOUD_SECRET_KEY = "env-key";
        expect(tencentCredentials()).to.deep.include({ secretId: "env-id", secretKey: "env-key" });
        const config: Record<string, string> = { "tencentcloud:secretId": "cfg-id", "tencentcloud:secretKey": "cfg-key", "tencentcloud:securityToken": "cfg-token" };
        useStackConfig({ get: (k) => config[k] });
        expect(tencentCredentials()).to.deep.equal({ secretId: "cfg-id", secretKey: "cfg-key", securityToken: "cfg-token" });
    });

    describe("with STS temporary credentials", () => {
        let emulator: Emulator;
        before(async () => {
            emulator = await startEmulator({ port: 0, credentials: { tencent: { token: "sts-session-token-for-tests" } } });
        });
        after(() => emulator.close());
        beforeEach(() => {
            process.env.CLOUDCERTS_TENCENT_ENDPOINT = emulator.endpoints.tencent;
            process.env.TENCENTCLOUD_SECRET_ID = emulator.credentials.tencent.secretId;
            process.env.TENCENTCLOUD_SECRET_KEY = emulator.credentials.tencent.secretKey;
        });

        it("sends the security token, and a wrong one is refused with the fix and without the token", async () => {
            process.env.TENCENTCLOUD_SECURITY_TOKEN = "sts-session-token-for-tests";
            const ok = await callTencent<{ Total?: number }>("ssl", "DescribeCSRSet", { Limit: 10 }, { idempotent: true });
            expect(ok.Total).to.equal(0);
            process.env.TENCENTCLOUD_SECURITY_TOKEN = "an-expired-session-token";
            const err = (await callTencent("ssl", "DescribeCSRSet", { Limit: 10 }, { idempotent: true }).catch((e: unknown) => e)) as Error;
            expect(err.message).to.match(/AuthFailure\.TokenFailure.*tencentcloud:securityToken/);
            expect(err.message).not.to.contain("an-expired-session-token");
        });

        it("waits as long as the service's Retry-After says", async () => {
            const res = await fetch(`${emulator.url}/_emulator/faults`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ vendor: "tencent", action: "DescribeCSRSet", kind: "http", status: 429, retryAfter: 3, count: 1 }),
            });
            expect(res.ok).to.equal(true);
            const waits: number[] = [];
            await callTencent("ssl", "DescribeCSRSet", {}, { idempotent: true }, { sleep: async (ms) => { waits.push(ms); } });
            expect(waits).to.deep.equal([3000]);
        });

        it("points at clock skew when the timestamp is refused", async () => {
            const err = (await callTencent("ssl", "DescribeCSRSet", {}, { idempotent: true }, { now: () => new Date(Date.now() - 10 * 60 * 1000) }).catch((e: unknown) => e)) as Error;
            expect(err.message).to.match(/AuthFailure\.SignatureExpire.*clock/);
        });
    });
});
