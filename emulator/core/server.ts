import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { handleAdmin, type AdminDependencies } from "./admin";
import type { Fault, FaultPhase } from "./faults";
import { adminError, textReply } from "./reply";
import type { EmulatorRequest, Reply, VendorName, VendorService } from "./types";

/**
 * The HTTP front: reads each request whole, routes `/_emulator/...` to the admin endpoints and
 * `/<vendor>[/...]` to the vendor, applies faults around the vendor call, and persists the store
 * after every vendor call (before any "after" fault replaces the reply: the action did happen).
 */

/** Vendor APIs take PEM bundles, not uploads; 10 MiB is well above any certificate chain. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RunningServer {
    readonly port: number;
    readonly host: string;
    close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
        chunks.push(buf);
    }
    return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: Reply): void {
    res.writeHead(reply.status, { ...reply.headers, "content-length": String(Buffer.byteLength(reply.body)) });
    res.end(reply.body);
}

/** Tears the connection down without an HTTP answer, as a crashed proxy would (TCP RST where supported). */
function resetConnection(res: ServerResponse): void {
    const socket = res.socket;
    if (socket && typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
    else res.destroy();
}

function faultReply(fault: Fault, vendor: VendorService, request: EmulatorRequest): Reply | "reset" {
    switch (fault.kind) {
        case "reset":
            return "reset";
        case "throttle":
            return vendor.throttleReply(request);
        case "http": {
            const status = fault.status ?? 503;
            const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
            return textReply(status, `cloudcerts-emulator: injected HTTP ${status} fault #${fault.id}\n`, headers);
        }
        case "latency":
            // Latency faults never replace a reply (FaultInjector.take only returns them as a delay).
            throw new Error("latency fault cannot replace a reply");
    }
}

export async function startServer(host: string, port: number, deps: AdminDependencies): Promise<RunningServer> {
    const inFlight = new Set<Promise<void>>();

    /** Applies the faults of one phase; true when a fault answered (or reset) in place of the vendor. */
    const applyFaults = async (vendor: VendorService, action: string | undefined, phase: FaultPhase, request: EmulatorRequest, res: ServerResponse): Promise<boolean> => {
        const fired = deps.faults.take(vendor.name, action, phase);
        if (fired.latencyMs > 0) await delay(fired.latencyMs);
        if (!fired.replace) return false;
        const replaced = faultReply(fired.replace, vendor, request);
        if (replaced === "reset") resetConnection(res);
        else send(res, replaced);
        return true;
    };

    const serveVendor = async (vendor: VendorService, request: EmulatorRequest, res: ServerResponse): Promise<void> => {
        const action = vendor.actionOf(request);
        if (await applyFaults(vendor, action, "before", request, res)) return;
        const reply = await vendor.handle(request);
        await deps.store.flush();
        if (await applyFaults(vendor, action, "after", request, res)) return;
        send(res, reply);
    };

    const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
        const rawUrl = req.url ?? "/";
        const q = rawUrl.indexOf("?");
        const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
        let body: Buffer;
        try {
            body = await readBody(req);
        } catch (error) {
            if (error instanceof BodyTooLarge) return send(res, adminError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`));
            throw error;
        }
        const request: EmulatorRequest = { method: req.method ?? "GET", path, query: q < 0 ? "" : rawUrl.slice(q + 1), headers: req.headers, body };

        if (path === "/_emulator" || path.startsWith("/_emulator/")) {
            const subpath = path.slice("/_emulator/".length).replace(/\/+$/, "");
            return send(res, await handleAdmin(subpath, request, deps));
        }
        const segment = path.split("/")[1] ?? "";
        const vendor = deps.vendors.get(segment as VendorName);
        if (!vendor) {
            const served = [...deps.vendors.keys()].map((name) => `/${name}`).join(", ");
            return send(res, adminError(404, `no vendor API at ${path}; this emulator serves ${served} and /_emulator/`));
        }
        return serveVendor(vendor, request, res);
    };

    const server: Server = createServer((req, res) => {
        const task = route(req, res)
            .catch((error: unknown) => {
                // A bug in the emulator must still answer (and say so) rather than hang the client.
                if (!res.headersSent && !res.destroyed) {
                    send(res, adminError(500, `cloudcerts-emulator internal error: ${(error as Error).message ?? String(error)}`));
                }
            })
            .finally(() => inFlight.delete(task));
        inFlight.add(task);
    });

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const address = server.address() as AddressInfo;

    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
        closing ??= (async () => {
            const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
            server.closeIdleConnections();
            // Let requests already being handled finish, so their effects reach the state file.
            await Promise.allSettled([...inFlight]);
            server.closeAllConnections();
            await stopped;
            await deps.store.flush();
        })();
        return closing;
    };

    return { port: address.port, host, close };
}
