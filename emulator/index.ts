import { buildInventory, resetAll, type AdminDependencies } from "./core/admin";
import { acceptFaultSpec } from "./core/faultRules";
import { FaultInjector, type Fault, type FaultSpec, type FaultStats } from "./core/faults";
import { RateLimiter, type MonotonicClock } from "./core/rateLimiter";
import { RequestCounter, type RequestCounts } from "./core/requestCounter";
import { startServer } from "./core/server";
import { Store } from "./core/store";
import type { Clock, Inventory, VendorContext, VendorName } from "./core/types";
import type { VendorService } from "./core/vendorService";
import { resolveEmulatorCredentials, type EmulatorCredentialOptions, type EmulatorCredentials } from "./credentials";
import { createAlibabaService } from "./alibaba/index";
import { createHuaweiService } from "./huawei/index";
import { createScloudService } from "./scloud/index";
import { createTencentService } from "./tencent/index";

/**
 * Local emulator of the vendor APIs the providers call. One HTTP server on loopback; each vendor
 * lives under its own path prefix, admin endpoints under `/_emulator/`. See emulator/README.md.
 */

export type { Fault, FaultKind, FaultPhase, FaultSpec, FaultStats } from "./core/faults";
export type { Clock, Inventory, VendorName } from "./core/types";
export type { MonotonicClock } from "./core/rateLimiter";
export type { RequestCounts } from "./core/requestCounter";
export type {
    AlibabaCredentials,
    EmulatorCredentialOptions,
    EmulatorCredentials,
    HuaweiCredentials,
    ScloudCredentials,
    TencentCredentialOptions,
    TencentCredentials,
} from "./credentials";
export { DEFAULT_CREDENTIALS, DEFAULT_TENCENT_CREDENTIALS } from "./credentials";

export interface EmulatorOptions {
    /** Port to listen on; default 0 (any free port). */
    readonly port?: number;
    /** Default 127.0.0.1. The admin endpoints are unauthenticated: keep it on loopback. */
    readonly host?: string;
    /** JSON file the state is loaded from at start and written to after every change. */
    readonly stateFile?: string;
    /** Wall clock for timestamp checks and stored times; default the system clock. */
    readonly now?: Clock;
    /** Enforce the vendors' documented per-action rate limits; default true. */
    readonly rateLimits?: boolean;
    /** Monotonic milliseconds for the rate limiter; default `performance.now`. Tests freeze it. */
    readonly rateLimitClock?: MonotonicClock;
    /** Credentials the emulator accepts, per vendor; these win over `CLOUDCERTS_EMULATOR_<VENDOR>_<NAME>`, which wins over the fake defaults. */
    readonly credentials?: EmulatorCredentialOptions;
    /**
     * Huawei APIG: how long a new certificate stays invisible to reads and lists, as APIG takes
     * 5–10 s for a new resource to take effect; default 0 (visible at once).
     */
    readonly huaweiVisibilityLagMs?: number;
    /** Environment to read credential overrides from; default `process.env`. */
    readonly env?: NodeJS.ProcessEnv;
    /** How long SCloud's DescribeSSL leaves a new certificate out (the real API lags several seconds); default 0. */
    readonly scloudDescribeLagMs?: number;
}

/** Base URL of each vendor API; set a provider's endpoint override to it. */
export interface EmulatorEndpoints {
    readonly tencent: string;
    readonly huawei: string;
    readonly alibaba: string;
    readonly scloud: string;
}

export interface Emulator {
    /** `http://host:port`, no trailing slash. */
    readonly url: string;
    readonly endpoints: EmulatorEndpoints;
    /** Every vendor's (fake) credentials, served or not yet, to sign requests with. */
    readonly credentials: EmulatorCredentials;
    /** Every stored object by vendor, without private keys or passwords (same as `GET /_emulator/inventory`). */
    inventory(): Record<VendorName, Inventory>;
    /** Replaces the active faults (same as `POST /_emulator/faults`); throws on an invalid fault. */
    setFaults(faults: readonly FaultSpec[]): Fault[];
    /** The active faults with how often each has fired. */
    faults(): Fault[];
    /** Vendor API requests received since the start or the last reset (same as `GET /_emulator/requests`). */
    requests(): RequestCounts;
    /** Requests, faulted requests and retries since the faults were set (also in `GET /_emulator/faults`). */
    faultStats(): FaultStats;
    /** Requests refused by the rate limits since the start or the last reset, by vendor/caller/action (same as `GET /_emulator/rate-limits`). */
    rateLimitRefusals(): Record<string, number>;
    /** Forgets every object, fault, rate-limit bucket and request count (same as `POST /_emulator/reset`). */
    reset(): Promise<void>;
    /** Stops the server after the requests in progress, then writes the state file. */
    close(): Promise<void>;
}

function formatUrl(host: string, port: number): string {
    return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const env = options.env ?? process.env;
    const host = options.host ?? "127.0.0.1";
    const store = await Store.open(options.stateFile);
    const rateLimiter = options.rateLimits === false ? undefined : new RateLimiter(options.rateLimitClock);
    const context: VendorContext = { store, now: options.now ?? (() => new Date()) };
    const credentials = resolveEmulatorCredentials(options.credentials, env);

    // The vendor plug-in point: each new vendor adds one line here and one field to EmulatorEndpoints.
    const tencent = createTencentService(context, credentials.tencent);
    const huawei = createHuaweiService(context, credentials.huawei, { visibilityLagMs: options.huaweiVisibilityLagMs });
    const alibaba = createAlibabaService(context, credentials.alibaba);
    const scloud = createScloudService(context, credentials.scloud, { describeLagMs: options.scloudDescribeLagMs });
    const vendors = new Map<VendorName, VendorService>([
        [tencent.name, tencent],
        [huawei.name, huawei],
        [alibaba.name, alibaba],
        [scloud.name, scloud],
    ]);

    const deps: AdminDependencies = { vendors, faults: new FaultInjector(), store, rateLimiter, requests: new RequestCounter(), now: context.now };
    const server = await startServer(host, options.port ?? 0, deps);
    const url = formatUrl(host, server.port);

    return {
        url,
        endpoints: { tencent: `${url}${tencent.prefix}`, huawei: `${url}${huawei.prefix}`, alibaba: `${url}${alibaba.prefix}`, scloud: `${url}${scloud.prefix}` },
        credentials,
        inventory: () => buildInventory(vendors),
        setFaults: (faults) => deps.faults.set(faults.map((fault) => acceptFaultSpec(fault, vendors))),
        faults: () => deps.faults.list(),
        requests: () => deps.requests.counts(),
        faultStats: () => deps.faults.counts(),
        rateLimitRefusals: () => rateLimiter?.refusals() ?? {},
        async reset() {
            resetAll(deps);
            await store.flush();
        },
        close: () => server.close(),
    };
}

// Test PKI, for tests and example programs that need certificates to upload.
export * from "./pki";
