import { signTc3 } from "../../provider/tencent/sign";
import { makeCertificateChain, generateKey, type CertificateChain, type KeyPairPem } from "../../emulator/pki";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";

/** Shared helpers for the emulator specs: a controllable clock, signed Tencent calls, cached test PKI. */

export const T0 = new Date("2026-03-01T12:00:00Z");

/** A wall clock the test moves by hand. */
export class TestClock {
    current = T0;
    readonly now = (): Date => this.current;
    set(date: Date): void {
        this.current = date;
    }
    advanceSeconds(seconds: number): void {
        this.current = new Date(this.current.getTime() + seconds * 1000);
    }
}

/**
 * Rate limits are off unless a spec asks for them: Tencent's documented 10/s would otherwise make a
 * spec's outcome depend on how fast the machine runs it. The rate-limit specs turn them on with a
 * frozen `rateLimitClock`, so that they are deterministic.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<{ emulator: Emulator; clock: TestClock }> {
    const clock = new TestClock();
    const emulator = await startEmulator({ now: clock.now, env: {}, rateLimits: false, ...options });
    return { emulator, clock };
}

export interface TencentCallOptions {
    readonly service?: string;
    readonly version?: string;
    /** Signing time; default the emulator's clock. */
    readonly signAt?: Date;
    readonly secretId?: string;
    readonly secretKey?: string;
    readonly token?: string;
    readonly path?: string;
    readonly contentType?: string;
    /** Changes the request after it was signed (tampering tests). */
    readonly tamper?: (request: RawRequest) => RawRequest;
}

export interface RawRequest {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string;
}

export interface TencentResponse {
    readonly Response: Record<string, unknown> & { readonly RequestId: string; readonly Error?: { readonly Code: string; readonly Message: string } };
}

const VERSIONS: Readonly<Record<string, string>> = { ssl: "2019-12-05", tag: "2018-08-13" };

/** Builds a TC3-signed request for the emulator exactly as a client would (Host without port). */
export function signedRequest(emulator: Emulator, clock: TestClock, action: string, params: unknown, options: TencentCallOptions = {}): RawRequest {
    const service = options.service ?? "ssl";
    const url = new URL(emulator.endpoints.tencent + (options.path ?? "/"));
    const body = JSON.stringify(params);
    const contentType = options.contentType ?? "application/json";
    const signed = signTc3(
        { method: "POST", host: url.hostname, path: url.pathname, query: "", headers: { "content-type": contentType }, body },
        { secretId: options.secretId ?? emulator.credentials.tencent.secretId, secretKey: options.secretKey ?? emulator.credentials.tencent.secretKey },
        { service, now: options.signAt ?? clock.now() },
    );
    const headers: Record<string, string> = {
        "content-type": contentType,
        "x-tc-action": action,
        "x-tc-version": options.version ?? VERSIONS[service] ?? "2019-12-05",
        "x-tc-timestamp": String(signed.timestamp),
        authorization: signed.authorization,
    };
    if (options.token !== undefined) headers["x-tc-token"] = options.token;
    const request: RawRequest = { url: url.toString(), method: "POST", headers, body };
    return options.tamper ? options.tamper(request) : request;
}

export async function send(request: RawRequest): Promise<Response> {
    return fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
}

/** Signs, sends and parses a Tencent API call; asserts the HTTP status is 200 like every Tencent answer. */
export async function tc(emulator: Emulator, clock: TestClock, action: string, params: unknown = {}, options: TencentCallOptions = {}): Promise<TencentResponse["Response"]> {
    const response = await send(signedRequest(emulator, clock, action, params, options));
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return ((await response.json()) as TencentResponse).Response;
}

/** Calls and returns the error code ("" on success). */
export async function tcError(emulator: Emulator, clock: TestClock, action: string, params: unknown = {}, options: TencentCallOptions = {}): Promise<string> {
    return (await tc(emulator, clock, action, params, options)).Error?.Code ?? "";
}

/** Calls and fails the test with the vendor error when there is one. */
export async function tcOk(emulator: Emulator, clock: TestClock, action: string, params: unknown = {}, options: TencentCallOptions = {}): Promise<Record<string, unknown>> {
    const response = await tc(emulator, clock, action, params, options);
    if (response.Error) throw new Error(`${action} failed: ${response.Error.Code}: ${response.Error.Message}`);
    return response;
}

// Test PKI, built once per process: key generation is the slow part.
let ecKeys: KeyPairPem[] | undefined;
function ecKey(i: number): KeyPairPem {
    ecKeys ??= [0, 1, 2, 3, 4, 5].map(() => generateKey({ algorithm: "EC", curve: "P-256" }));
    return ecKeys[i];
}

const chains = new Map<string, CertificateChain>();
/** A leaf-first chain valid around T0, cached by name so tests can ask for distinct certificates. */
export function testChain(name = "default", options: { commonName?: string; sans?: string[]; validity?: "valid" | "expired" } = {}): CertificateChain {
    const key = `${name}/${JSON.stringify(options)}`;
    let chain = chains.get(key);
    if (!chain) {
        const commonName = options.commonName ?? `${name}.example.com`;
        chain = makeCertificateChain({
            commonName,
            sans: options.sans ?? [commonName],
            now: T0,
            ...(options.validity ? { validity: options.validity } : {}),
            keys: { root: ecKey(0), intermediate: ecKey(1), leaf: generateKey({ algorithm: "EC", curve: "P-256" }) },
        });
        chains.set(key, chain);
    }
    return chain;
}

export function uploadParams(chain: CertificateChain, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { CertificatePublicKey: chain.chainPem, CertificatePrivateKey: chain.leaf.privateKeyPem, ...extra };
}

export async function adminFetch(emulator: Emulator, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, {
        method: init.method ?? "GET",
        ...(init.body !== undefined ? { body: JSON.stringify(init.body), headers: { "content-type": "application/json" } } : {}),
    });
    return { status: response.status, json: await response.json() };
}
