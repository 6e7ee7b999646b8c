import { generateKeyPairSync } from "node:crypto";
import { expect } from "chai";
import { generateKey, makeCertificateChain, type CertificateChain, type KeyPairPem, type MakeCertificateChainOptions } from "../../../../emulator/pki";
import { hasOpenssl, openssl } from "../../../emulator/pki/openssl";

/** The fixed clock the PEM specs build and judge certificates at. */
export const NOW = new Date("2026-06-01T12:00:00Z");

export interface TestKeys {
    readonly root: KeyPairPem;
    readonly intermediate: KeyPairPem;
    readonly leaf: KeyPairPem;
    readonly other: KeyPairPem;
    readonly ec: KeyPairPem;
}

/** RSA-2048 keys (plus one EC P-256), generated once per spec file in `before()`. */
export function generateTestKeys(): TestKeys {
    return { root: generateKey(), intermediate: generateKey(), leaf: generateKey(), other: generateKey(), ec: generateKey({ algorithm: "EC", curve: "P-256" }) };
}

/** A root → intermediate → leaf chain at NOW, with the given keys. */
export function testChain(keys: TestKeys, options: MakeCertificateChainOptions = {}): CertificateChain {
    return makeCertificateChain({ now: NOW, ...options, keys: { root: keys.root, intermediate: keys.intermediate, leaf: keys.leaf, ...options.keys } });
}

/** A certificate and key made with the openssl CLI, or why it could not be made. */
export type OpensslMade = { readonly certificatePem: string; readonly privateKeyPem: string } | { readonly skip: string };

/**
 * A self-signed SM2 certificate: node:crypto generates the SM2 key, the openssl CLI signs the
 * certificate (jsrsasign cannot encode SM2 keys, node cannot build certificates).
 */
export function sm2SelfSigned(commonName = "sm2.example.com"): OpensslMade {
    if (!hasOpenssl()) return { skip: "the openssl CLI is not installed" };
    const key = generateKey({ algorithm: "SM2" });
    const result = openssl(["req", "-new", "-x509", "-key", "key.pem", "-sm3", "-subj", `/CN=${commonName}`, "-days", "3650", "-addext", `subjectAltName=DNS:${commonName}`], { "key.pem": key.privateKeyPem });
    if (!result.ok || !result.stdout.includes("BEGIN CERTIFICATE")) return { skip: "this openssl build cannot sign SM2/SM3 certificates" };
    return { certificatePem: result.stdout.trim(), privateKeyPem: key.privateKeyPem };
}

/** An SM2 root and a leaf it issued, made with the openssl CLI (node generates the keys). */
export function sm2Chain(): { readonly root: string; readonly leaf: string; readonly leafKeyPem: string } | { readonly skip: string } {
    const root = sm2SelfSigned("SM2 Test Root");
    if ("skip" in root) return root;
    const leafKey = generateKey({ algorithm: "SM2" });
    const csr = openssl(["req", "-new", "-key", "key.pem", "-sm3", "-subj", "/CN=sm2-leaf.example.com"], { "key.pem": leafKey.privateKeyPem });
    if (!csr.ok) return { skip: "this openssl build cannot make SM2 CSRs" };
    const leaf = openssl(["x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-sm3", "-days", "3650"], {
        "leaf.csr": csr.stdout,
        "root.pem": root.certificatePem,
        "root.key": root.privateKeyPem,
    });
    if (!leaf.ok || !leaf.stdout.includes("BEGIN CERTIFICATE")) return { skip: "this openssl build cannot issue SM2 certificates" };
    return { root: root.certificatePem, leaf: leaf.stdout.trim(), leafKeyPem: leafKey.privateKeyPem };
}

/** A copy of a certificate whose signature value has its last byte flipped (names and keys intact). */
export function withBrokenSignature(certificatePem: string): string {
    const der = Buffer.from(certificatePem.split("\n").slice(1, -1).join(""), "base64");
    der.writeUInt8(der.readUInt8(der.length - 1) ^ 0x01, der.length - 1);
    const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
    return ["-----BEGIN CERTIFICATE-----", ...lines, "-----END CERTIFICATE-----"].join("\n");
}

/** A self-signed Ed25519 certificate from the openssl CLI. */
export function ed25519SelfSigned(): OpensslMade {
    if (!hasOpenssl()) return { skip: "the openssl CLI is not installed" };
    const keyResult = openssl(["genpkey", "-algorithm", "ED25519"]);
    if (!keyResult.ok) return { skip: "this openssl build cannot make Ed25519 keys" };
    const privateKeyPem = keyResult.stdout.trim();
    const result = openssl(["req", "-new", "-x509", "-key", "key.pem", "-subj", "/CN=ed.example.com", "-days", "3650"], { "key.pem": privateKeyPem });
    if (!result.ok) return { skip: "this openssl build cannot sign Ed25519 certificates" };
    return { certificatePem: result.stdout.trim(), privateKeyPem };
}

/** PKCS#8 PEM of a node-generated key of a type the test PKI cannot certify (DSA, Ed448, X25519). */
export function nodeKeyPem(type: "dsa" | "ed448" | "x25519"): KeyPairPem {
    const { privateKey, publicKey } = type === "dsa" ? generateKeyPairSync("dsa", { modulusLength: 2048, divisorLength: 256 }) : type === "ed448" ? generateKeyPairSync("ed448") : generateKeyPairSync("x25519");
    return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString().trim(), publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString().trim() };
}

/** A self-signed certificate for a key that can sign (DSA, Ed448), made by the openssl CLI. */
export function opensslSelfSigned(key: KeyPairPem, commonName: string): OpensslMade {
    if (!hasOpenssl()) return { skip: "the openssl CLI is not installed" };
    const result = openssl(["req", "-new", "-x509", "-key", "key.pem", "-subj", `/CN=${commonName}`, "-days", "3650"], { "key.pem": key.privateKeyPem });
    if (!result.ok || !result.stdout.includes("BEGIN CERTIFICATE")) return { skip: `this openssl build cannot sign a certificate for ${commonName}` };
    return { certificatePem: result.stdout.trim(), privateKeyPem: key.privateKeyPem };
}

/**
 * A certificate for a key that cannot sign (X25519), issued by `ca`: openssl's -force_pubkey puts
 * the key in a certificate made from a CSR that the CA key signed.
 */
export function opensslForcedKeyCertificate(key: KeyPairPem, ca: { readonly certificatePem: string; readonly privateKeyPem: string }, commonName: string): OpensslMade {
    if (!hasOpenssl()) return { skip: "the openssl CLI is not installed" };
    const csr = openssl(["req", "-new", "-key", "ca.key", "-subj", `/CN=${commonName}`], { "ca.key": ca.privateKeyPem });
    if (!csr.ok) return { skip: "this openssl build cannot make CSRs" };
    const cert = openssl(["x509", "-req", "-in", "x.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-force_pubkey", "pub.pem", "-days", "3650"], {
        "x.csr": csr.stdout,
        "ca.pem": ca.certificatePem,
        "ca.key": ca.privateKeyPem,
        "pub.pem": key.publicKeyPem,
    });
    if (!cert.ok || !cert.stdout.includes("BEGIN CERTIFICATE")) return { skip: "this openssl build cannot force a public key into a certificate" };
    return { certificatePem: cert.stdout.trim(), privateKeyPem: key.privateKeyPem };
}

/**
 * Asserts that no text contains secret material: not the password (or any secret without PEM
 * markers) itself, and no 16-character run of base64 (or header value) from a PEM secret's body.
 */
export function expectNoSecretIn(texts: readonly string[], secrets: readonly string[]): void {
    for (const secret of secrets) {
        const isPem = secret.includes("-----BEGIN ");
        const material = isPem
            ? secret
                  .replace(/\r/g, "")
                  .split("\n")
                  .filter((line) => !line.startsWith("-----"))
                  .map((line) => line.replace(/^[A-Za-z-]+:\s*/, "").trim())
                  .filter((line) => line !== "")
            : [secret];
        const joined = material.join("");
        for (const text of texts) {
            if (!isPem) {
                expect(text, "a message quotes the password").not.to.contain(secret);
                continue;
            }
            for (let i = 0; i + 16 <= text.length; i++) {
                const window = text.slice(i, i + 16);
                if (joined.includes(window) || material.some((line) => line.includes(window))) {
                    expect.fail(`a message quotes key material: ${JSON.stringify(window)} in ${JSON.stringify(text.slice(0, 80))}…`);
                }
            }
        }
    }
}
