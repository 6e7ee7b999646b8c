import { expect } from "chai";
import { readSetting, resolveServiceUrl, useStackConfig } from "../../../provider/core/settings";

describe("core/settings", () => {
    afterEach(() => {
        useStackConfig(undefined);
        delete process.env.CLOUDCERTS_TEST_A;
        delete process.env.CLOUDCERTS_TEST_B;
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
});
