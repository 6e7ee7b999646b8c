import * as fs from "node:fs";
import * as path from "node:path";
import { makeCertificateChain } from "pulumi-cloudcerts/emulator";

export interface TestCertificate {
    certificatePem: string;
    privateKeyPem: string;
}

/**
 * A test certificate for `commonName`, generated once and kept in .certs/ so that every
 * `pulumi up` sees the same PEM (a new one each run would replace the certificate each time).
 * Test material only: never use it for anything real.
 */
export function testCertificate(commonName: string): TestCertificate {
    const dir = path.join(__dirname, ".certs");
    const file = path.join(dir, `${commonName}.json`);
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as TestCertificate;
    const chain = makeCertificateChain({ commonName, sans: [commonName, `www.${commonName}`] });
    const cert = { certificatePem: chain.chainPem, privateKeyPem: chain.leaf.privateKeyPem };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(cert), { mode: 0o600 });
    return cert;
}
