import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin, type AdminDependencies } from "./admin";
import { runPipeline, type PipelineDependencies } from "./pipeline";
import { adminError } from "./reply";
import type { EmulatorRequest, Reply } from "./types";
import type { VendorService } from "./vendorService";

/**
 * The HTTP front: reads each request whole, routes `/_emulator/...` to the admin endpoints and a
 * vendor's prefix to the request pipeline (pipeline.ts), and sends what comes back.
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

function vendorFor(path: string, vendors: Iterable<VendorService>): VendorService | undefined {
    for (const vendor of vendors) {
        if (path === vendor.prefix || path.startsWith(`${vendor.prefix}/`)) return vendor;
    }
    return undefined;
}

export async function startServer(host: string, port: number, deps: AdminDependencies): Promise<RunningServer> {
    const inFlight = new Set<Promise<void>>();
    const pipeline: PipelineDependencies = { faults: deps.faults, rateLimiter: deps.rateLimiter, store: deps.store, now: deps.now, requests: deps.requests };

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
        const vendor = vendorFor(path, deps.vendors.values());
        if (!vendor) {
            const served = [...deps.vendors.values()].map((service) => service.prefix).join(", ");
            return send(res, adminError(404, `no vendor API at ${path}; this emulator serves ${served} and /_emulator/`));
        }
        const outcome = await runPipeline(vendor, request, pipeline);
        if (outcome.kind === "reset") return resetConnection(res);
        return send(res, outcome.reply);
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
