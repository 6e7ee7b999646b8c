import { expect } from "chai";
import { ConfigurationError } from "../../../provider/core/errors";
import { useStackConfig } from "../../../provider/core/settings";
import { scloudCredentials, scloudServiceUrl } from "../../../provider/scloud/config";
import { isolateScloudEnvironment } from "./env";

const stack = (config: Record<string, string>): void => useStackConfig({ get: (k) => config[k] });

describe("scloud/config", () => {
    isolateScloudEnvironment();

    describe("scloudCredentials", () => {
        it("reads the environment when stack config has nothing", () => {
            process.env.SCLOUD_PUBLIC_KEY = "env-public";
            process.env.SCLOUD_PRIVATE_KEY = "env-private";
            process.env.SCLOUD_PROJECT_ID = "org-env";
            process.env.SCLOUD_REGION = "sg";
            expect(scloudCredentials()).to.deep.equal({ publicKey: "env-public", privateKey: "env-private", projectId: "org-env", region: "sg" });
        });

        it("prefers stack config, key by key, over the environment", () => {
            process.env.SCLOUD_PUBLIC_KEY = "env-public";
            process.env.SCLOUD_PRIVATE_KEY = "env-private";
            process.env.SCLOUD_PROJECT_ID = "org-env";
            process.env.SCLOUD_REGION = "sg";
            stack({ "scloud:publicKey": "cfg-public", "scloud:privateKey": "cfg-private", "scloud:region": "hk" });
            expect(scloudCredentials()).to.deep.equal({ publicKey: "cfg-public", privateKey: "cfg-private", projectId: "org-env", region: "hk" });
        });

        it("reads at call time, so a change between calls is seen", () => {
            process.env.SCLOUD_PUBLIC_KEY = "first";
            process.env.SCLOUD_PRIVATE_KEY = "private";
            expect(scloudCredentials().publicKey).to.equal("first");
            process.env.SCLOUD_PUBLIC_KEY = "second";
            expect(scloudCredentials().publicKey).to.equal("second");
        });

        it("leaves projectId and region undefined when unset, and ignores blank values", () => {
            process.env.SCLOUD_PUBLIC_KEY = "p";
            process.env.SCLOUD_PRIVATE_KEY = "k";
            process.env.SCLOUD_REGION = "   ";
            expect(scloudCredentials()).to.deep.equal({ publicKey: "p", privateKey: "k", projectId: undefined, region: undefined });
        });

        it("names both keys, in config and in the environment, when both are missing", () => {
            expect(() => scloudCredentials())
                .to.throw(ConfigurationError)
                .with.property("message")
                .that.matches(/scloud:publicKey, scloud:privateKey/)
                .and.matches(/pulumi config set scloud:publicKey <key>.*pulumi config set --secret scloud:privateKey <key>/)
                .and.matches(/SCLOUD_PUBLIC_KEY and SCLOUD_PRIVATE_KEY/);
        });

        it("names only the missing key, without echoing the one that is set", () => {
            process.env.SCLOUD_PUBLIC_KEY = "public-key-value";
            const err = (() => {
                try {
                    scloudCredentials();
                } catch (e) {
                    return e as Error;
                }
                throw new Error("expected a ConfigurationError");
            })();
            expect(err).to.be.instanceOf(ConfigurationError);
            expect(err.message).to.contain("scloud:privateKey").and.contain("SCLOUD_PRIVATE_KEY");
            expect(err.message).not.to.contain("SCLOUD_PUBLIC_KEY");
            expect(err.message).not.to.contain("public-key-value");
        });
    });

    describe("scloudServiceUrl", () => {
        it("defaults to https://api.scloudsg.com/", () => {
            expect(scloudServiceUrl().href).to.equal("https://api.scloudsg.com/");
        });

        it("serves another brand of the same API through scloud:baseUrl or SCLOUD_BASE_URL", () => {
            process.env.SCLOUD_BASE_URL = "https://api.surfercloud.com";
            expect(scloudServiceUrl().href).to.equal("https://api.surfercloud.com/");
            stack({ "scloud:baseUrl": "https://api.ucloud.cn/" });
            expect(scloudServiceUrl().href).to.equal("https://api.ucloud.cn/");
        });

        it("applies the endpoint override from cloudcerts:scloudEndpoint or CLOUDCERTS_SCLOUD_ENDPOINT, config first", () => {
            process.env.CLOUDCERTS_SCLOUD_ENDPOINT = "http://127.0.0.1:4567/scloud";
            expect(scloudServiceUrl().href).to.equal("http://127.0.0.1:4567/scloud/");
            stack({ "cloudcerts:scloudEndpoint": "http://localhost:9/emu/scloud/" });
            expect(scloudServiceUrl().href).to.equal("http://localhost:9/emu/scloud/");
        });

        it("puts the override in front of a base URL's path", () => {
            process.env.SCLOUD_BASE_URL = "https://gateway.example.com/ucloud";
            process.env.CLOUDCERTS_SCLOUD_ENDPOINT = "http://127.0.0.1:4567/scloud";
            expect(scloudServiceUrl().href).to.equal("http://127.0.0.1:4567/scloud/ucloud");
        });

        it("refuses a base URL or override that is not an http(s) URL", () => {
            process.env.SCLOUD_BASE_URL = "api.scloudsg.com";
            expect(() => scloudServiceUrl()).to.throw(ConfigurationError, /scloud:baseUrl .* is not a URL/);
            process.env.SCLOUD_BASE_URL = "ftp://api.scloudsg.com/";
            expect(() => scloudServiceUrl()).to.throw(ConfigurationError, /must be an http/);
            delete process.env.SCLOUD_BASE_URL;
            process.env.CLOUDCERTS_SCLOUD_ENDPOINT = "not a url";
            expect(() => scloudServiceUrl()).to.throw(ConfigurationError, /cloudcerts:scloudEndpoint is not a URL/);
        });
    });
});
