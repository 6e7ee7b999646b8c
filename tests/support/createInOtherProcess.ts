/**
 * Runs one provider call in a fresh process (a later `pulumi up` runs in a new host process, so
 * nothing held in memory by an earlier run, such as createOnce's claims, survives). Usage:
 *   node -r tsx/cjs tests/support/createInOtherProcess.ts <TencentCertificate|TencentCsr> '<checked inputs JSON>'
 *   node -r tsx/cjs tests/support/createInOtherProcess.ts <TencentCertificate|TencentCsr> <method> '<JSON array of arguments>'
 * Prints the result as JSON.
 */
import { tencentCertificateProvider } from "../../provider/tencent/certificate";
import { tencentCsrProvider } from "../../provider/tencent/csr";

async function main(): Promise<void> {
    const [kind, ...rest] = process.argv.slice(2);
    const provider = (kind === "TencentCsr" ? tencentCsrProvider : tencentCertificateProvider) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const [method, args] = rest.length === 1 ? ["create", [JSON.parse(rest[0]!)]] : [rest[0]!, JSON.parse(rest[1]!) as unknown[]];
    const result = await provider[method]!(...args);
    process.stdout.write(JSON.stringify(result ?? null));
}

main().catch((error: Error) => {
    process.stderr.write(String(error.message));
    process.exit(1);
});
