import { expect } from "chai";
import { hmacSha1Base64, hmacSha256, hmacSha256Hex, sha1Hex, sha256Hex } from "../../../../provider/core/signing/hash";

describe("core/signing/hash", () => {
    describe("sha256Hex (FIPS 180-2 / NIST example vectors)", () => {
        it("hashes the empty string", () => {
            expect(sha256Hex("")).to.equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        });
        it("hashes 'abc'", () => {
            expect(sha256Hex("abc")).to.equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        });
        it("hashes the two-block message", () => {
            expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).to.equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        });
        it("hashes a string as its UTF-8 bytes, the same as the bytes themselves", () => {
            const text = "证书 ✓";
            expect(sha256Hex(text)).to.equal(sha256Hex(Buffer.from(text, "utf8")));
            // Huawei's published body hash (huawei-apig.md §2.5 vector 4): a UTF-8 JSON body.
            const body = '{"name":"证书_cert1","cert_content":"C","private_key":"K","type":"instance","instance_id":"f0fa1789-3b76-433b-a787-9892951c620e","algorithm_type":"RSA"}';
            expect(sha256Hex(body)).to.equal("2b4bb8cd0b63d12fb072a85a4fe2e51a13b3ce64730342b03b866eafd3b5f0fd");
        });
    });

    describe("hmacSha256 (RFC 4231 test cases)", () => {
        it("case 1: 20-byte key, 'Hi There'", () => {
            expect(hmacSha256Hex(Buffer.alloc(20, 0x0b), "Hi There")).to.equal("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        });
        it("case 2: key 'Jefe'", () => {
            expect(hmacSha256Hex("Jefe", "what do ya want for nothing?")).to.equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        });
        it("case 6: a key longer than the block size is hashed first", () => {
            expect(hmacSha256Hex(Buffer.alloc(131, 0xaa), "Test Using Larger Than Block-Size Key - Hash Key First")).to.equal(
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            );
        });
        it("returns raw bytes that chain as the next key (case 2 again, as bytes)", () => {
            const raw = hmacSha256("Jefe", "what do ya want for nothing?");
            expect(raw).to.be.instanceOf(Buffer);
            expect(raw.toString("hex")).to.equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
            expect(hmacSha256Hex(raw, "x")).to.equal(hmacSha256Hex(Buffer.from(raw), "x"));
        });
    });

    describe("sha1Hex and hmacSha1Base64 (FIPS 180 / RFC 2202, and the vendors' published signatures)", () => {
        it("hashes 'abc'", () => {
            expect(sha1Hex("abc")).to.equal("a9993e364706816aba3e25717850c26c9cd0d89d");
        });
        it("RFC 2202 HMAC-SHA1 case 2, in base64", () => {
            expect(hmacSha1Base64("Jefe", "what do ya want for nothing?")).to.equal(Buffer.from("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", "hex").toString("base64"));
        });
        it("reproduces SCloud/UCloud's published signature V1 (scloud.md §2.4)", () => {
            const signingString =
                "ActionDescribeUHostInstanceLimit10PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj246f09bb9fab4f12dfc160dae12273d5332b5debe";
            expect(sha1Hex(signingString)).to.equal("cba5cf5ec4d4233d206b1b54951e3787350a642f");
        });
    });
});
