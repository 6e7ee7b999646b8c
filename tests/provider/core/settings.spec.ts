import { expect } from "chai";
import { ConfigurationError } from "../../../provider/core/errors";
import { readSetting, requestTimeoutMs, resolveServiceUrl, useStackConfig } from "../../../provider/core/settings";

describe("core/settings", () => {
    afterEach(() => {
        useStackConfig(undefined);
        delete process.env.CLOUDCERTS_TEST_A;
        delete process.env.CLOUDCERTS_TEST_B;
        delete process.env.CLOUDCERTS_TIMEOUT_SECONDS;
    });
    it("prefers stack config, then the first environment variable set at call time", () => {
        process.env.CLOUDCERTS_TEST_B = "from-env-b";
        expect(readSetting("ns:key", ["CLOUDCERTS_TEST_A", "CLOUDCERTS_TEST_B"])).to.equal("from-env-b");
        process.env.CLOUDCERTS_TEST_A = "from-env-a";
        expect(readSetting("ns:key", ["CLOUDCERTS_TEST_A", "CLOUDCERTS_TEST_B"])).to.equal("from-env-a");
        useStackConfig({ get: (k) => (k === "ns:key" ? "from-config" : undefined) });
        expect(readSetting("ns:key", ["CLOUDCERTS_TEST_A"])).to.equal("from-config");
        expect(readSetting("ns:other", [])).to.equal(undefined);
    });
    it("replaces scheme, host and port and prefixes the path", () => {
        expect(resolveServiceUrl("https://ssl.tencentcloudapi.com/", "http://127.0.0.1:4567/tencent", "x").href).to.equal("http://127.0.0.1:4567/tencent/");
        expect(resolveServiceUrl("https://ssl.tencentcloudapi.com/", "http://127.0.0.1:4567/tencent/", "x").href).to.equal("http://127.0.0.1:4567/tencent/");
        expect(resolveServiceUrl("https://apig.example.com/v2/p/apigw/certificates", "http://h:1", "x").href).to.equal("http://h:1/v2/p/apigw/certificates");
        expect(resolveServiceUrl("https://ssl.tencentcloudapi.com/", undefined, "x").href).to.equal("https://ssl.tencentcloudapi.com/");
    });
    it("names the setting when an override is not a usable URL", () => {
        expect(() => resolveServiceUrl("https://a/", "127.0.0.1:4567", "cloudcerts:tencentEndpoint")).to.throw(/cloudcerts:tencentEndpoint/);
        expect(() => resolveServiceUrl("https://a/", "not a url", "cloudcerts:tencentEndpoint")).to.throw(/cloudcerts:tencentEndpoint is not a URL/);
    });

    describe("requestTimeoutMs (cloudcerts:timeoutSeconds / CLOUDCERTS_TIMEOUT_SECONDS)", () => {
        it("is 30 s unless set; stack config wins over the environment; fractions are kept", () => {
            expect(requestTimeoutMs()).to.equal(30000);
            process.env.CLOUDCERTS_TIMEOUT_SECONDS = " 90 ";
            expect(requestTimeoutMs()).to.equal(90000);
            useStackConfig({ get: (k) => (k === "cloudcerts:timeoutSeconds" ? "1.5" : undefined) });
            expect(requestTimeoutMs()).to.equal(1500);
        });
        it("accepts the bounds 1 and 3600", () => {
            process.env.CLOUDCERTS_TIMEOUT_SECONDS = "1";
            expect(requestTimeoutMs()).to.equal(1000);
            process.env.CLOUDCERTS_TIMEOUT_SECONDS = "3600";
            expect(requestTimeoutMs()).to.equal(3600000);
        });
        for (const bad of ["0", "-5", "abc", "30s", "1e3", "0.5", "3601", "30000", "Infinity", "NaN", "0x10"]) {
            it(`refuses ${JSON.stringify(bad)}, naming the key and the fix`, () => {
                process.env.CLOUDCERTS_TIMEOUT_SECONDS = bad;
                expect(() => requestTimeoutMs())
                    .to.throw(ConfigurationError)
                    .with.property("message")
                    .that.matches(/^cloudcerts:timeoutSeconds \(or CLOUDCERTS_TIMEOUT_SECONDS\) is ".*": it must be a number of seconds from 1 to 3600; run `pulumi config set cloudcerts:timeoutSeconds 30`/);
            });
        }
    });
});
