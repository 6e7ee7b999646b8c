import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { expect } from "chai";
import { generateKey } from "../../../../emulator/pki";
import { formatKeyAlgorithm, keyAlgorithmOf } from "../../../../provider/core/pem";

describe("core/pem keyAlgorithmOf", () => {
    it("should report RSA with its modulus size, private or public", () => {
        const { privateKeyPem, publicKeyPem } = generateKey({ algorithm: "RSA", bits: 2048 });
        expect(keyAlgorithmOf(createPrivateKey(privateKeyPem))).to.deep.equal({ algorithm: "RSA", bits: 2048 });
        expect(keyAlgorithmOf(createPublicKey(publicKeyPem))).to.deep.equal({ algorithm: "RSA", bits: 2048 });
    });

    it("should report EC keys with NIST curve names", () => {
        expect(keyAlgorithmOf(createPrivateKey(generateKey({ algorithm: "EC", curve: "P-256" }).privateKeyPem))).to.deep.equal({ algorithm: "EC", curve: "P-256", bits: 256 });
        expect(keyAlgorithmOf(createPrivateKey(generateKey({ algorithm: "EC", curve: "P-384" }).privateKeyPem))).to.deep.equal({ algorithm: "EC", curve: "P-384", bits: 384 });
        const k1 = generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey;
        expect(keyAlgorithmOf(k1)).to.deep.equal({ algorithm: "EC", curve: "secp256k1", bits: 256 });
    });

    it("should recognise SM2 both as node generates it and as node loads it from PEM", () => {
        const generated = generateKeyPairSync("ec", { namedCurve: "SM2" });
        expect(generated.privateKey.asymmetricKeyType).to.equal("ec");
        expect(keyAlgorithmOf(generated.privateKey)).to.deep.equal({ algorithm: "SM2", bits: 256, curve: "SM2" });
        const loaded = createPrivateKey(generated.privateKey.export({ type: "pkcs8", format: "pem" }));
        // node 20 does not name the SM2 key type; the curve OID in the SPKI does.
        expect(["sm2", undefined]).to.include(loaded.asymmetricKeyType);
        expect(keyAlgorithmOf(loaded)).to.deep.equal({ algorithm: "SM2", bits: 256, curve: "SM2" });
        expect(keyAlgorithmOf(createPublicKey(loaded))).to.deep.equal({ algorithm: "SM2", bits: 256, curve: "SM2" });
    });

    it("should report Ed25519 and Ed448", () => {
        expect(keyAlgorithmOf(generateKeyPairSync("ed25519").privateKey)).to.deep.equal({ algorithm: "Ed25519" });
        expect(keyAlgorithmOf(generateKeyPairSync("ed448").publicKey)).to.deep.equal({ algorithm: "Ed448" });
    });

    it("should name X25519 and X448 keys, which no TLS certificate can use, so messages can say so", () => {
        expect(keyAlgorithmOf(generateKeyPairSync("x25519").privateKey)).to.deep.equal({ algorithm: "X25519" });
        expect(keyAlgorithmOf(generateKeyPairSync("x448").publicKey)).to.deep.equal({ algorithm: "X448" });
    });

    it("should report keys it has no name for as unknown", () => {
        // @types/node lists no "dh" overload, though node generates such keys.
        const generate = generateKeyPairSync as unknown as (type: string, options: object) => { privateKey: KeyObject };
        expect(keyAlgorithmOf(generate("dh", { group: "modp14" }).privateKey)).to.deep.equal({ algorithm: "unknown" });
    });
});

describe("core/pem formatKeyAlgorithm", () => {
    it("should format algorithms for messages", () => {
        expect(formatKeyAlgorithm({ algorithm: "RSA", bits: 4096 })).to.equal("RSA-4096");
        expect(formatKeyAlgorithm({ algorithm: "EC", curve: "P-384", bits: 384 })).to.equal("EC P-384");
        expect(formatKeyAlgorithm({ algorithm: "SM2", curve: "SM2", bits: 256 })).to.equal("SM2");
        expect(formatKeyAlgorithm({ algorithm: "Ed25519" })).to.equal("Ed25519");
        expect(formatKeyAlgorithm({ algorithm: "RSA" })).to.equal("RSA");
        expect(formatKeyAlgorithm({ algorithm: "unknown" })).to.equal("an unrecognised key type");
    });
});
