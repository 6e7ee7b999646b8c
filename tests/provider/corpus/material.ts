import { generateKeyPairSync } from "node:crypto";
import { encryptPrivateKey, exportPrivateKey, generateKey, makeCertificate, makeCertificateChain, makeCsr, type CertificateChain, type KeyPairPem } from "../../../emulator/pki";
import { issueForAnyKey } from "../../support/anyKeyCertificate";
import { pemFragments, testKeys } from "../../support/pki";

/**
 * Every certificate, key and CSR the corpus uses, made here and nowhere else (nothing real):
 * built once per process, the first time a case asks for it. Each private key passes through
 * `secret()`, so the spec can prove that none of them ever shows in a message.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A leaf with its key and CA certificates, in the shapes the five resources take. */
export interface Bundle {
    /** The leaf alone. */
    readonly leaf: string;
    /** Its private key, unencrypted PKCS#8. */
    readonly key: string;
    /** The leaf then its intermediate: what TLS servers present and most vendors take. */
    readonly chain: string;
    /** The intermediate alone ("" for a self-signed leaf). */
    readonly intermediate: string;
    /** Intermediate then root. */
    readonly caChain: string;
    /** Leaf, intermediate and root. */
    readonly fullChain: string;
    readonly root: string;
}

export interface Material {
    readonly rsa: Bundle;
    readonly rsa3072: Bundle;
    readonly rsa4096: Bundle;
    readonly p256: Bundle;
    readonly p384: Bundle;
    /** Keys and curves the vendors refuse, with certificates issued for them. */
    readonly p521: Bundle;
    readonly rsa1024: Bundle;
    readonly ed25519: Bundle;
    readonly dsa: Bundle;
    readonly ed448Key: string;
    readonly x25519Key: string;
    /** SM2 leaves (the encryption and the signing pair APIG takes), issued by the RSA intermediate. */
    readonly sm2: Bundle;
    readonly sm2Sign: Bundle;
    readonly expired: Bundle;
    /** Ten expired leaves, each of its own self-signed chain: a bundle with many problems. */
    readonly expiredLeaves: readonly string[];
    readonly notYetValid: Bundle;
    /** A valid leaf issued by an intermediate that has expired. */
    readonly expiredIntermediate: Bundle;
    /** An intermediate of another PKI, which did not issue `rsa.leaf`. */
    readonly unrelatedIntermediate: string;
    /** A CA certificate with the same name as `rsa.intermediate` and another key. */
    readonly impostorIntermediate: string;
    readonly selfSigned: Bundle;
    /** A leaf without subjectAltName (APIG refuses it). */
    readonly noSan: Bundle;
    /** A leaf that expires after 2038-01-19 (APIG refuses it). */
    readonly after2038: Bundle;
    readonly csr: string;
    readonly publicKey: string;
    /** The other shared test key, which certifies nothing here. */
    readonly otherKey: string;
    /** A P-256 key that certifies nothing here. */
    readonly otherP256Key: string;
    /** The key of `rsa.intermediate`. */
    readonly intermediateKey: string;
    readonly password: string;
    readonly wrongPassword: string;
    /** `rsa.key` encrypted with `password`: PKCS#8 (PBES2) and OpenSSL's traditional form. */
    readonly encryptedKey: string;
    readonly traditionalEncryptedKey: string;
    /** Key bodies and passwords: none may appear in any message. */
    readonly secrets: readonly string[];
}

let built: Material | undefined;

export function material(): Material {
    built ??= build();
    return built;
}

function build(): Material {
    const now = Date.now();
    const keys = testKeys();
    const privateKeys: string[] = [];
    const secret = (pem: string): string => {
        privateKeys.push(pem);
        return pem;
    };
    const fromChain = (chain: CertificateChain): Bundle => ({
        leaf: chain.leaf.certificatePem,
        key: secret(chain.leaf.privateKeyPem),
        chain: chain.chainPem,
        intermediate: chain.intermediate?.certificatePem ?? "",
        caChain: chain.caChainPem,
        fullChain: chain.fullChainPem,
        root: chain.root?.certificatePem ?? "",
    });
    const shared = { root: keys.root, intermediate: keys.intermediate };
    const chainFor = (commonName: string, leaf: KeyPairPem, options: Parameters<typeof makeCertificateChain>[0] = {}): Bundle =>
        fromChain(makeCertificateChain({ commonName, ...options, keys: { ...shared, leaf, ...options.keys } }));

    const rsa = chainFor("corpus.example.com", keys.leaf);
    const issuer = { certificatePem: rsa.intermediate, privateKeyPem: keys.intermediate.privateKeyPem };
    // A leaf for a key the test PKI cannot encode, issued by the shared intermediate.
    const foreign = (commonName: string, privateKey: string, publicKeyPem: string): Bundle => {
        const leaf = issueForAnyKey({ commonName, publicKeyPem, sans: [commonName], notBefore: new Date(now - HOUR_MS), notAfter: new Date(now + 90 * DAY_MS), issuer });
        return { ...rsa, leaf, key: secret(privateKey), chain: `${leaf}\n${rsa.intermediate}`, fullChain: `${leaf}\n${rsa.caChain}` };
    };
    const pkcs8 = (pair: { privateKey: { export(o: { type: "pkcs8"; format: "pem" }): string | Buffer }; publicKey: { export(o: { type: "spki"; format: "pem" }): string | Buffer } }) => ({
        privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString().trim(),
        publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString().trim(),
    });

    const ed25519 = pkcs8(generateKeyPairSync("ed25519"));
    // 1024/160 keeps parameter generation fast; any DSA key is refused.
    const dsa = pkcs8(generateKeyPairSync("dsa", { modulusLength: 1024, divisorLength: 160 }));
    const sm2 = generateKey({ algorithm: "SM2" });
    const sm2Sign = generateKey({ algorithm: "SM2" });

    const expiredIntermediateKey = generateKey({ algorithm: "EC", curve: "P-256" });
    const expiredIntermediate = makeCertificate({
        subject: { O: "Cloudcerts Test PKI", CN: "Corpus Expired Intermediate CA" },
        subjectKey: expiredIntermediateKey,
        issuer: { certificatePem: rsa.root, privateKeyPem: keys.root.privateKeyPem },
        ca: true,
        notBefore: new Date(now - 400 * DAY_MS),
        notAfter: new Date(now - 10 * DAY_MS),
    });
    const leafOfExpired = makeCertificate({
        subject: { CN: "expired-ca.example.com" },
        subjectKey: keys.leaf,
        issuer: { certificatePem: expiredIntermediate, privateKeyPem: expiredIntermediateKey.privateKeyPem },
        sans: ["expired-ca.example.com"],
        notBefore: new Date(now - HOUR_MS),
        notAfter: new Date(now + 30 * DAY_MS),
    });
    const ecCa = { root: generateKey({ algorithm: "EC" }), intermediate: generateKey({ algorithm: "EC" }) };
    const unrelated = makeCertificateChain({ commonName: "other.example.com", rootCommonName: "Other Root CA", intermediateCommonName: "Other Intermediate CA", keys: { ...ecCa, leaf: keys.leaf } });
    // Same names as the shared PKI's, another intermediate key: names match, signatures do not.
    const impostor = makeCertificateChain({ commonName: "impostor.example.com", keys: { root: keys.root, intermediate: ecCa.intermediate, leaf: keys.leaf } });

    const password = "corpus-key-password-7f3a9c";
    const csr = makeCsr({ subject: { CN: "csr.example.com", O: "Example Ltd" }, sans: ["csr.example.com"], key: keys.leaf });
    const material: Omit<Material, "secrets"> = {
        rsa,
        rsa3072: chainFor("rsa3072.example.com", generateKey({ algorithm: "RSA", bits: 3072 })),
        rsa4096: chainFor("rsa4096.example.com", generateKey({ algorithm: "RSA", bits: 4096 })),
        p256: chainFor("p256.example.com", generateKey({ algorithm: "EC", curve: "P-256" })),
        p384: chainFor("p384.example.com", generateKey({ algorithm: "EC", curve: "P-384" })),
        p521: chainFor("p521.example.com", generateKey({ algorithm: "EC", curve: "P-521" })),
        rsa1024: chainFor("rsa1024.example.com", generateKey({ algorithm: "RSA", bits: 1024 })),
        ed25519: foreign("ed25519.example.com", ed25519.privateKeyPem, ed25519.publicKeyPem),
        dsa: foreign("dsa.example.com", dsa.privateKeyPem, dsa.publicKeyPem),
        ed448Key: secret(pkcs8(generateKeyPairSync("ed448")).privateKeyPem),
        x25519Key: secret(pkcs8(generateKeyPairSync("x25519")).privateKeyPem),
        sm2: foreign("sm2.example.com", sm2.privateKeyPem, sm2.publicKeyPem),
        sm2Sign: foreign("sm2.example.com", sm2Sign.privateKeyPem, sm2Sign.publicKeyPem),
        expired: chainFor("expired.example.com", keys.leaf, { validity: "expired" }),
        expiredLeaves: Array.from({ length: 10 }, (_, i) => chainFor(`expired${i}.example.com`, keys.leaf, { selfSigned: true, validity: "expired" }).leaf),
        notYetValid: chainFor("future.example.com", keys.leaf, { validity: "notYetValid" }),
        expiredIntermediate: { ...rsa, leaf: leafOfExpired, chain: `${leafOfExpired}\n${expiredIntermediate}`, intermediate: expiredIntermediate, caChain: `${expiredIntermediate}\n${rsa.root}`, fullChain: `${leafOfExpired}\n${expiredIntermediate}\n${rsa.root}` },
        unrelatedIntermediate: unrelated.intermediate!.certificatePem,
        impostorIntermediate: impostor.intermediate!.certificatePem,
        selfSigned: chainFor("self-signed.example.com", keys.leaf, { selfSigned: true }),
        noSan: chainFor("nosan.example.com", keys.leaf, { sans: [] }),
        after2038: chainFor("y2038.example.com", keys.leaf, { notAfter: new Date("2040-01-01T00:00:00Z") }),
        csr: csr.csrPem,
        publicKey: keys.leaf.publicKeyPem,
        otherKey: secret(keys.other.privateKeyPem),
        otherP256Key: secret(generateKey({ algorithm: "EC", curve: "P-256" }).privateKeyPem),
        intermediateKey: secret(keys.intermediate.privateKeyPem),
        password,
        wrongPassword: "corpus-wrong-password-41d2e8",
        encryptedKey: secret(encryptPrivateKey(rsa.key, password)),
        traditionalEncryptedKey: secret(encryptPrivateKey(rsa.key, password, { format: "traditional" })),
    };
    // The other encodings of the keys the cases use: their bodies differ from PKCS#8's.
    for (const pem of [rsa.key, material.rsa3072.key]) secret(exportPrivateKey(pem, "pkcs1"));
    for (const pem of [material.p256.key, material.p384.key, sm2.privateKeyPem, sm2Sign.privateKeyPem]) secret(exportPrivateKey(pem, "sec1"));
    for (const pem of [keys.root.privateKeyPem, expiredIntermediateKey.privateKeyPem, ecCa.root.privateKeyPem, ecCa.intermediate.privateKeyPem]) secret(pem);
    return { ...material, secrets: [...privateKeys.flatMap(pemFragments), password, material.wrongPassword] };
}

/** Text helpers that damage PEM the ways a copy and paste does. */

/** The text's lines with CRLF endings. */
export const crlf = (pem: string): string => pem.replace(/\r?\n/g, "\r\n");

/** The first block without its -----END----- line (a copy cut short). */
export function withoutEndLine(pem: string): string {
    const lines = pem.trim().split("\n");
    const end = lines.findIndex((line) => line.startsWith("-----END"));
    return lines.slice(0, end).join("\n");
}

/** The first block with two whole base64 lines taken out of its middle: valid base64, broken DER. */
export function withoutMiddleLines(pem: string): string {
    const lines = firstBlock(pem).split("\n");
    const middle = Math.floor(lines.length / 2);
    return [...lines.slice(0, middle), ...lines.slice(middle + 2)].join("\n");
}

/** The first block with one base64 character replaced by one that is not base64. */
export function withBadCharacter(pem: string): string {
    const lines = firstBlock(pem).split("\n");
    const middle = Math.floor(lines.length / 2);
    lines[middle] = `${lines[middle]!.slice(0, 10)}!${lines[middle]!.slice(11)}`;
    return lines.join("\n");
}

/**
 * The first block with one base64 character changed near its end, inside the signature: still a
 * well-formed certificate, but its signature no longer verifies.
 */
export function withTamperedSignature(pem: string): string {
    const lines = firstBlock(pem).split("\n");
    const at = lines.length - 3;
    const line = lines[at]!;
    lines[at] = `${line.slice(0, 20)}${line[20] === "A" ? "B" : "A"}${line.slice(21)}`;
    return lines.join("\n");
}

/** The first PEM block of a text. */
export function firstBlock(pem: string): string {
    const end = pem.indexOf("-----END");
    return pem.slice(0, pem.indexOf("-----", end + 8) + 5);
}

/** A well-formed block of `label` whose body is over 64 KiB. */
export function oversizedBlock(label: string): string {
    const body = "QUJD".repeat(17_000).match(/.{1,64}/g)!.join("\n");
    return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

/** `pem` with a control character (BEL) in the middle of its base64. */
export function withControlCharacter(pem: string, character = "\u0007"): string {
    const lines = firstBlock(pem).split("\n");
    lines[2] = `${lines[2]!.slice(0, 5)}${character}${lines[2]!.slice(5)}`;
    return [lines.join("\n"), pem.slice(firstBlock(pem).length)].join("");
}

/** Blocks joined as users paste them. */
export const join = (...blocks: string[]): string => blocks.map((b) => b.trim()).join("\n");
