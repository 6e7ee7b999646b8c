#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator } from "./index";

/**
 * `cloudcerts-emulator [--port 0] [--host 127.0.0.1] [--state file.json] [--no-rate-limits]`
 * Prints one JSON line with the endpoints and every vendor's (fake) credentials on stdout (scripts
 * read it to find the port; a user pastes the credentials into their stack's config), then serves
 * until SIGINT or SIGTERM, when it finishes requests in progress, writes the state file and exits 0.
 */

const USAGE = `Usage: cloudcerts-emulator [--port <n>] [--host <addr>] [--state <file.json>] [--no-rate-limits]

  --port <n>          port to listen on (default 0: any free port)
  --host <addr>       address to listen on (default 127.0.0.1; admin endpoints are unauthenticated)
  --state <file>      load state from this JSON file and keep it up to date
  --no-rate-limits    do not enforce the vendors' per-action rate limits

Credentials (fake defaults unless set; printed on the JSON line):
  CLOUDCERTS_EMULATOR_TENCENT_SECRET_ID, _TENCENT_SECRET_KEY, _TENCENT_TOKEN
  CLOUDCERTS_EMULATOR_HUAWEI_ACCESS_KEY, _HUAWEI_SECRET_KEY
  CLOUDCERTS_EMULATOR_ALIBABA_ACCESS_KEY_ID, _ALIBABA_ACCESS_KEY_SECRET
  CLOUDCERTS_EMULATOR_SCLOUD_PUBLIC_KEY, _SCLOUD_PRIVATE_KEY
`;

async function main(): Promise<void> {
    let values: { port?: string; host?: string; state?: string; "no-rate-limits"?: boolean; help?: boolean };
    try {
        ({ values } = parseArgs({
            options: {
                port: { type: "string" },
                host: { type: "string" },
                state: { type: "string" },
                "no-rate-limits": { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (error) {
        process.stderr.write(`cloudcerts-emulator: ${(error as Error).message}\n\n${USAGE}`);
        process.exit(2);
    }
    if (values.help) {
        process.stdout.write(USAGE);
        return;
    }
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`cloudcerts-emulator: --port must be an integer between 0 and 65535\n`);
        process.exit(2);
    }

    const emulator = await startEmulator({
        port,
        ...(values.host !== undefined ? { host: values.host } : {}),
        ...(values.state !== undefined ? { stateFile: values.state } : {}),
        rateLimits: !values["no-rate-limits"],
    });

    let stopping = false;
    const stop = (): void => {
        if (stopping) return;
        stopping = true;
        emulator.close().then(
            () => process.exit(0),
            (error: unknown) => {
                process.stderr.write(`cloudcerts-emulator: error while stopping: ${(error as Error).message}\n`);
                process.exit(1);
            },
        );
    };
    // Before the line is printed: a script may signal as soon as it has read it.
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);

    process.stdout.write(
        `${JSON.stringify({
            url: emulator.url,
            endpoints: emulator.endpoints,
            credentials: emulator.credentials,
            inventory: `${emulator.url}/_emulator/inventory`,
            faults: `${emulator.url}/_emulator/faults`,
        })}\n`,
    );
}

main().catch((error: unknown) => {
    process.stderr.write(`cloudcerts-emulator: ${(error as Error).message}\n`);
    process.exit(1);
});
