import { expect } from "chai";
import { ConfigurationError } from "../../../provider/core/errors";
import { alibabaCredentials, alibabaRegion, alibabaServiceUrl } from "../../../provider/alibaba/config";
import { alibabaScope } from "../../../provider/alibaba/client";
import { isolateAlibabaEnv, stackConfig } from "./env";

function thrown(fn: () => unknown): Error {
    try {
        fn();
    } catch (error) {
        return error as Error;
    }
    throw new Error("expected a throw");
}

describe("alibaba/config", () => {
    isolateAlibabaEnv();

    describe("credentials", () => {
        it("are refused when missing, naming the stack config keys and the environment variables", () => {
            const err = thrown(alibabaCredentials);
            expect(err).to.be.instanceOf(ConfigurationError);
            for (const name of ["alicloud:accessKey", "alicloud:secretKey", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"]) {
                expect(err.message).to.contain(name);
            }
        });

        it("are refused when only half is set", () => {
            process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "id-only";
            expect(thrown(alibabaCredentials)).to.be.instanceOf(ConfigurationError);
        });

        it("come from ALIBABA_CLOUD_*, before ALICLOUD_*", () => {
            process.env.ALICLOUD_ACCESS_KEY = "old-id";
            process.env.ALICLOUD_SECRET_KEY = "old-secret";
            expect(alibabaCredentials()).to.deep.equal({ accessKeyId: "old-id", accessKeySecret: "old-secret", securityToken: undefined });
            process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "new-id";
            process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "new-secret";
            process.env.ALIBABA_CLOUD_SECURITY_TOKEN = "env-token";
            expect(alibabaCredentials()).to.deep.equal({ accessKeyId: "new-id", accessKeySecret: "new-secret", securityToken: "env-token" });
        });

        it("come from stack config before the environment, key by key", () => {
            process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "env-id";
            process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "env-secret";
            process.env.ALIBABA_CLOUD_SECURITY_TOKEN = "env-token";
            stackConfig({ "alicloud:accessKey": "cfg-id", "alicloud:secretKey": "cfg-secret" });
            expect(alibabaCredentials()).to.deep.equal({ accessKeyId: "cfg-id", accessKeySecret: "cfg-secret", securityToken: "env-token" });
            stackConfig({ "alicloud:accessKey": "cfg-id", "alicloud:secretKey": "cfg-secret", "alicloud:securityToken": "cfg-token" });
            expect(alibabaCredentials().securityToken).to.equal("cfg-token");
        });

        it("are read at call time, never cached", () => {
            process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "first";
            process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "s";
            expect(alibabaCredentials().accessKeyId).to.equal("first");
            process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "second";
            expect(alibabaCredentials().accessKeyId).to.equal("second");
        });

        it("ignore blank values and trim the rest", () => {
            process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "   ";
            process.env.ALICLOUD_ACCESS_KEY = " fallback-id \n";
            process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "s";
            expect(alibabaCredentials().accessKeyId).to.equal("fallback-id");
        });
    });

    describe("region and service URL", () => {
        it("reach the regional public endpoint kms.<region>.aliyuncs.com", () => {
            process.env.ALIBABA_CLOUD_REGION_ID = "cn-hangzhou";
            expect(alibabaServiceUrl().href).to.equal("https://kms.cn-hangzhou.aliyuncs.com/");
            process.env.ALIBABA_CLOUD_REGION_ID = "cn-beijing-finance-1";
            expect(alibabaServiceUrl().href).to.equal("https://kms.cn-beijing-finance-1.aliyuncs.com/");
        });

        it("take the region from alicloud:region, then ALIBABA_CLOUD_REGION_ID, then ALICLOUD_REGION", () => {
            process.env.ALICLOUD_REGION = "ap-southeast-1";
            expect(alibabaRegion()).to.equal("ap-southeast-1");
            process.env.ALIBABA_CLOUD_REGION_ID = "eu-central-1";
            expect(alibabaRegion()).to.equal("eu-central-1");
            stackConfig({ "alicloud:region": "cn-shanghai" });
            expect(alibabaServiceUrl().href).to.equal("https://kms.cn-shanghai.aliyuncs.com/");
        });

        it("take a resource's own region (KmsCertificate.region) over alicloud:region, and need no stack region then", () => {
            expect(alibabaServiceUrl("eu-central-1").href).to.equal("https://kms.eu-central-1.aliyuncs.com/");
            stackConfig({ "alicloud:region": "cn-shanghai" });
            expect(alibabaServiceUrl("eu-central-1").href).to.equal("https://kms.eu-central-1.aliyuncs.com/");
            expect(alibabaServiceUrl().href).to.equal("https://kms.cn-shanghai.aliyuncs.com/");
        });

        it("refuse a missing region, naming the keys, unless an endpoint override makes it unnecessary", () => {
            const err = thrown(alibabaServiceUrl);
            expect(err).to.be.instanceOf(ConfigurationError);
            expect(err.message).to.contain("alicloud:region").and.to.contain("ALIBABA_CLOUD_REGION_ID").and.to.contain("ALICLOUD_REGION");
            process.env.CLOUDCERTS_ALIBABA_ENDPOINT = "http://127.0.0.1:4567/alibaba";
            expect(alibabaServiceUrl().href).to.equal("http://127.0.0.1:4567/alibaba/");
        });

        it("refuse a region that is not a region id, since it would change the host", () => {
            for (const bad of ["evil.com/", "cn_hangzhou", "CN-HANGZHOU", "a..b", "-x"]) {
                process.env.ALIBABA_CLOUD_REGION_ID = bad;
                expect(thrown(alibabaServiceUrl), bad).to.be.instanceOf(ConfigurationError);
            }
        });
    });

    describe("endpoint override", () => {
        it("replaces scheme, host and port and prefixes the path, config before environment", () => {
            process.env.ALIBABA_CLOUD_REGION_ID = "cn-hangzhou";
            process.env.CLOUDCERTS_ALIBABA_ENDPOINT = "http://127.0.0.1:4567/alibaba";
            expect(alibabaServiceUrl().href).to.equal("http://127.0.0.1:4567/alibaba/");
            stackConfig({ "cloudcerts:alibabaEndpoint": "https://kms-vpc.cn-hangzhou.aliyuncs.com" });
            expect(alibabaServiceUrl().href).to.equal("https://kms-vpc.cn-hangzhou.aliyuncs.com/");
        });

        it("refuses a value that is not an http(s) URL, naming the setting", () => {
            process.env.CLOUDCERTS_ALIBABA_ENDPOINT = "127.0.0.1:4567";
            const err = thrown(alibabaServiceUrl);
            expect(err).to.be.instanceOf(ConfigurationError);
            expect(err.message).to.contain("cloudcerts:alibabaEndpoint");
        });
    });

    it("scopes ids by endpoint, region and account", () => {
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "acct-a";
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "the-secret-value";
        process.env.ALIBABA_CLOUD_REGION_ID = "cn-hangzhou";
        const a = alibabaScope();
        process.env.ALIBABA_CLOUD_REGION_ID = "cn-shanghai";
        const b = alibabaScope();
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "acct-b";
        const c = alibabaScope();
        expect(new Set([a, b, c]).size).to.equal(3);
        expect(a).to.contain("acct-a").and.not.to.contain("the-secret-value");
    });
});
