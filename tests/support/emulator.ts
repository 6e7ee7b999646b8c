import { startEmulator, type Fault, type FaultStats } from "../../emulator";
import { resetRateLimits } from "../../provider/core/rateLimit";
import { resetSnapshots } from "../../provider/core/resource/createOnce";

export type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

const ENV_KEYS = [
    "CLOUDCERTS_TENCENT_ENDPOINT",
    "TENCENTCLOUD_SECRET_ID",
    "TENCENTCLOUD_SECRET_KEY",
    "TENCENTCLOUD_SECURITY_TOKEN",
    "CLOUDCERTS_HUAWEI_ENDPOINT",
    "HW_ACCESS_KEY",
    "HW_SECRET_KEY",
    "HW_SECURITY_TOKEN",
    "HW_AUTH_TOKEN",
    "HW_PROJECT_ID",
    "HW_REGION_NAME",
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "CLOUDCERTS_ALIBABA_ENDPOINT",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_REGION_ID",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "CLOUDCERTS_SCLOUD_ENDPOINT",
    "SCLOUD_PUBLIC_KEY",
    "SCLOUD_PRIVATE_KEY",
    "SCLOUD_PROJECT_ID",
    "SCLOUD_REGION",
    "SCLOUD_BASE_URL",
];

/** The project the Huawei specs use: the emulator accepts any project id and keeps projects apart. */
export const EMULATOR_HUAWEI_PROJECT_ID = "0123456789abcdef0123456789abcdef";

/** The SCloud region and project the emulator-backed specs use (any values work: the emulator scopes by them). */
export const SCLOUD_TEST_REGION = "sg";
export const SCLOUD_TEST_PROJECT = "org-cloudcerts-test";

/**
 * Starts one emulator for a describe block and points the providers at it through the
 * environment, exactly as a user's stack would (endpoint override plus credentials).
 */
export interface EmulatorHandle {
    readonly emulator: RunningEmulator;
    admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
    faultsFired(action?: string): Promise<number>;
    /** The faults with their fired counts, and the emulator's request and fault counts since they were set. */
    faultReport(): Promise<{ readonly faults: Fault[]; readonly stats: FaultStats }>;
}

export function useEmulator(options: { resetBeforeEach?: boolean } = {}): EmulatorHandle {
    let running: RunningEmulator | undefined;
    const saved: Record<string, string | undefined> = {};
    before(async () => {
        for (const k of ENV_KEYS) saved[k] = process.env[k];
        running = await startEmulator({ port: 0 });
        process.env.CLOUDCERTS_TENCENT_ENDPOINT = running.endpoints.tencent;
        process.env.TENCENTCLOUD_SECRET_ID = running.credentials.tencent.secretId;
        process.env.TENCENTCLOUD_SECRET_KEY = running.credentials.tencent.secretKey;
        delete process.env.TENCENTCLOUD_SECURITY_TOKEN;
        process.env.CLOUDCERTS_HUAWEI_ENDPOINT = running.endpoints.huawei;
        process.env.HW_ACCESS_KEY = running.credentials.huawei.accessKey;
        process.env.HW_SECRET_KEY = running.credentials.huawei.secretKey;
        process.env.HW_PROJECT_ID = EMULATOR_HUAWEI_PROJECT_ID;
        process.env.HW_REGION_NAME = "cn-north-4";
        for (const k of ["HW_SECURITY_TOKEN", "HW_AUTH_TOKEN", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"]) delete process.env[k];
        process.env.CLOUDCERTS_ALIBABA_ENDPOINT = running.endpoints.alibaba;
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = running.credentials.alibaba.accessKeyId;
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = running.credentials.alibaba.accessKeySecret;
        process.env.ALIBABA_CLOUD_REGION_ID = "cn-hangzhou";
        delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
        process.env.CLOUDCERTS_SCLOUD_ENDPOINT = running.endpoints.scloud;
        process.env.SCLOUD_PUBLIC_KEY = running.credentials.scloud.publicKey;
        process.env.SCLOUD_PRIVATE_KEY = running.credentials.scloud.privateKey;
        process.env.SCLOUD_REGION = SCLOUD_TEST_REGION;
        process.env.SCLOUD_PROJECT_ID = SCLOUD_TEST_PROJECT;
        delete process.env.SCLOUD_BASE_URL;
    });
    beforeEach(async () => {
        resetRateLimits();
        resetSnapshots();
        if (options.resetBeforeEach ?? true) await handle.admin("POST", "/_emulator/reset");
    });
    after(async () => {
        await running?.close();
        for (const k of ENV_KEYS) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
    });
    const handle = {
        get emulator(): RunningEmulator {
            if (!running) throw new Error("emulator not started");
            return running;
        },
        /** How many times the injected faults fired (for one action, or all): a fault test proves its fault happened. */
        async faultsFired(action?: string): Promise<number> {
            const { faults } = await handle.admin<{ faults: Array<{ action?: string; fired: number }> }>("GET", "/_emulator/faults");
            return faults.filter((f) => action === undefined || f.action === action).reduce((sum, f) => sum + f.fired, 0);
        },
        faultReport: () => handle.admin<{ faults: Fault[]; stats: FaultStats }>("GET", "/_emulator/faults"),
        async admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
            const res = await fetch(`${handle.emulator.url}${path}`, {
                method,
                headers: body === undefined ? {} : { "content-type": "application/json" },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
            const text = await res.text();
            if (!res.ok) throw new Error(`emulator admin ${method} ${path}: HTTP ${res.status} ${text}`);
            return (text ? JSON.parse(text) : undefined) as T;
        },
    };
    return handle;
}

/** Sets environment variables until `restore()` is called (undefined deletes one). */
export function withEnv(values: Readonly<Record<string, string | undefined>>): { readonly secret: string; restore(): void } {
    const saved: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(values)) {
        saved[key] = process.env[key];
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
    return {
        secret: Object.values(values).find((v): v is string => typeof v === "string") ?? "",
        restore() {
            for (const [key, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            }
        },
    };
}
