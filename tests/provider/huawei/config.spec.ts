import { expect } from "chai";
import { ConfigurationError } from "../../../provider/core/errors";
import { apigEndpoint, huaweiCredentials, huaweiServiceUrl } from "../../../provider/huawei/config";
import { isolateHuaweiEnv, stackConfig } from "./env";

// Huawei's documentation example keys, not real credentials.
const AK = "QTWAOYTTINDUT2QVKYUC";
const SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
const PROJECT = "0123456789abcdef0123456789abcdef";

function configError(fn: () => unknown): ConfigurationError {
    try {
        fn();
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigurationError);
        return error as ConfigurationError;
    }
    throw new Error("expected a ConfigurationError");
}

describe("huawei/config", () => {
    isolateHuaweiEnv();

    const minimalEnv = () => {
        process.env.HW_REGION_NAME = "cn-north-4";
        process.env.HW_PROJECT_ID = PROJECT;
    };

    describe("huaweiCredentials", () => {
        it("reads AK/SK, security token, region and project from the HW_* environment", () => {
            minimalEnv();
            process.env.HW_ACCESS_KEY = AK;
            process.env.HW_SECRET_KEY = SK;
            process.env.HW_SECURITY_TOKEN = "env-token";
            expect(huaweiCredentials()).to.deep.equal({
                auth: { kind: "aksk", accessKey: AK, secretKey: SK, securityToken: "env-token" },
                projectId: PROJECT,
                region: "cn-north-4",
            });
        });

        it("takes HUAWEICLOUD_SDK_AK/SK when HW_ACCESS_KEY/HW_SECRET_KEY are not set, and HW_* over them", () => {
            minimalEnv();
            process.env.HUAWEICLOUD_SDK_AK = "SDKAK";
            process.env.HUAWEICLOUD_SDK_SK = "sdk-sk";
            expect(huaweiCredentials().auth).to.deep.equal({ kind: "aksk", accessKey: "SDKAK", secretKey: "sdk-sk", securityToken: undefined });
            process.env.HW_ACCESS_KEY = "HWAK";
            process.env.HW_SECRET_KEY = "hw-sk";
            expect(huaweiCredentials().auth).to.deep.include({ accessKey: "HWAK", secretKey: "hw-sk" });
        });

        it("takes stack config (huaweicloud:*) before any environment variable", () => {
            process.env.HW_ACCESS_KEY = "HWAK";
            process.env.HW_SECRET_KEY = "hw-sk";
            process.env.HW_SECURITY_TOKEN = "env-token";
            process.env.HW_REGION_NAME = "cn-north-4";
            process.env.HW_PROJECT_ID = "ffffffffffffffffffffffffffffffff";
            stackConfig({
                "huaweicloud:accessKey": AK,
                "huaweicloud:secretKey": SK,
                "huaweicloud:securityToken": "cfg-token",
                "huaweicloud:region": "ap-southeast-1",
                "huaweicloud:projectId": PROJECT,
            });
            expect(huaweiCredentials()).to.deep.equal({
                auth: { kind: "aksk", accessKey: AK, secretKey: SK, securityToken: "cfg-token" },
                projectId: PROJECT,
                region: "ap-southeast-1",
            });
        });

        it("reads at call time, so a changed setting is seen by the next call", () => {
            minimalEnv();
            process.env.HW_ACCESS_KEY = AK;
            process.env.HW_SECRET_KEY = SK;
            expect(huaweiCredentials().auth).to.deep.include({ secretKey: SK });
            process.env.HW_SECRET_KEY = "rotated-secret";
            expect(huaweiCredentials().auth).to.deep.include({ secretKey: "rotated-secret" });
        });

        it("uses an IAM token (huaweicloud:authToken, HW_AUTH_TOKEN) when no AK/SK is set, and AK/SK when both are", () => {
            minimalEnv();
            process.env.HW_AUTH_TOKEN = "MIIatAYJ-env";
            expect(huaweiCredentials().auth).to.deep.equal({ kind: "token", authToken: "MIIatAYJ-env" });
            stackConfig({ "huaweicloud:authToken": "MIIatAYJ-cfg" });
            expect(huaweiCredentials().auth).to.deep.equal({ kind: "token", authToken: "MIIatAYJ-cfg" });
            process.env.HW_ACCESS_KEY = AK;
            process.env.HW_SECRET_KEY = SK;
            expect(huaweiCredentials().auth.kind).to.equal("aksk");
        });

        it("names every key that would supply credentials when none is set", () => {
            minimalEnv();
            const err = configError(huaweiCredentials);
            for (const key of ["huaweicloud:accessKey", "huaweicloud:secretKey", "HW_ACCESS_KEY", "HW_SECRET_KEY", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "huaweicloud:authToken", "HW_AUTH_TOKEN"]) {
                expect(err.message).to.contain(key);
            }
        });

        it("refuses half an AK/SK pair, naming the missing half, even when a token is set", () => {
            minimalEnv();
            process.env.HW_AUTH_TOKEN = "MIIatAYJ-env";
            process.env.HW_ACCESS_KEY = AK;
            expect(configError(huaweiCredentials).message).to.match(/huaweicloud:secretKey \(or HW_SECRET_KEY \/ HUAWEICLOUD_SDK_SK\) is not set/);
            delete process.env.HW_ACCESS_KEY;
            process.env.HW_SECRET_KEY = SK;
            const err = configError(huaweiCredentials);
            expect(err.message).to.match(/huaweicloud:accessKey \(or HW_ACCESS_KEY \/ HUAWEICLOUD_SDK_AK\) is not set/);
            expect(err.message).not.to.contain(SK);
        });

        it("requires the project id and the region, naming their keys", () => {
            process.env.HW_ACCESS_KEY = AK;
            process.env.HW_SECRET_KEY = SK;
            process.env.HW_REGION_NAME = "cn-north-4";
            expect(configError(huaweiCredentials).message).to.match(/huaweicloud:projectId.*HW_PROJECT_ID/);
            delete process.env.HW_REGION_NAME;
            process.env.HW_PROJECT_ID = PROJECT;
            expect(configError(huaweiCredentials).message).to.match(/huaweicloud:region.*HW_REGION_NAME/);
        });

        it("needs no region when the endpoint override says where to go", () => {
            process.env.HW_ACCESS_KEY = AK;
            process.env.HW_SECRET_KEY = SK;
            process.env.HW_PROJECT_ID = PROJECT;
            process.env.CLOUDCERTS_HUAWEI_ENDPOINT = "http://127.0.0.1:4567/huawei";
            expect(huaweiCredentials().region).to.equal(undefined);
            expect(huaweiServiceUrl(undefined).href).to.equal("http://127.0.0.1:4567/huawei/");
        });

        it("refuses a region or project id that would change the URL, and a project name given as the id", () => {
            process.env.HW_ACCESS_KEY = AK;
            process.env.HW_SECRET_KEY = SK;
            process.env.HW_PROJECT_ID = PROJECT;
            for (const region of ["evil.example.com/", "cn-north-4.attacker", "CN-NORTH-4", "cn north 4"]) {
                process.env.HW_REGION_NAME = region;
                expect(configError(huaweiCredentials).message, region).to.contain("not a region name");
            }
            process.env.HW_REGION_NAME = "cn-north-4";
            for (const projectId of ["../other", "abc/def", "a?b=c", "x y"]) {
                process.env.HW_PROJECT_ID = projectId;
                expect(configError(huaweiCredentials).message, projectId).to.contain("not a project id");
            }
            process.env.HW_PROJECT_ID = "cn-north-4";
            expect(configError(huaweiCredentials).message).to.contain("project name");
        });
    });

    describe("huaweiServiceUrl", () => {
        it("is apig.{region}.myhuaweicloud.com, and the .eu domain for eu-west-101 (reference §1.1)", () => {
            expect(huaweiServiceUrl("cn-north-4").href).to.equal("https://apig.cn-north-4.myhuaweicloud.com/");
            expect(huaweiServiceUrl("ap-southeast-1").href).to.equal("https://apig.ap-southeast-1.myhuaweicloud.com/");
            expect(huaweiServiceUrl("eu-west-101").href).to.equal("https://apig.eu-west-101.myhuaweicloud.eu/");
            expect(apigEndpoint("tr-west-1")).to.equal("https://apig.tr-west-1.myhuaweicloud.com/");
        });

        it("takes the override from cloudcerts:huaweiEndpoint before CLOUDCERTS_HUAWEI_ENDPOINT", () => {
            process.env.CLOUDCERTS_HUAWEI_ENDPOINT = "http://127.0.0.1:4567/huawei";
            expect(huaweiServiceUrl("cn-north-4").href).to.equal("http://127.0.0.1:4567/huawei/");
            stackConfig({ "cloudcerts:huaweiEndpoint": "https://apig.internal.example:8443/" });
            expect(huaweiServiceUrl("cn-north-4").href).to.equal("https://apig.internal.example:8443/");
        });

        it("refuses an override that is not an http(s) URL, naming the setting", () => {
            process.env.CLOUDCERTS_HUAWEI_ENDPOINT = "not a url";
            expect(configError(() => huaweiServiceUrl("cn-north-4")).message).to.contain("cloudcerts:huaweiEndpoint");
            process.env.CLOUDCERTS_HUAWEI_ENDPOINT = "ftp://127.0.0.1/";
            expect(configError(() => huaweiServiceUrl("cn-north-4")).message).to.contain("cloudcerts:huaweiEndpoint");
        });
    });
});
