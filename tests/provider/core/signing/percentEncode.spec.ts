import { expect } from "chai";
import { percentEncode } from "../../../../provider/core/signing/percentEncode";

describe("core/signing/percentEncode (RFC 3986)", () => {
    it("keeps exactly the unreserved set A-Z a-z 0-9 - _ . ~", () => {
        const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        expect(percentEncode(unreserved)).to.equal(unreserved);
    });
    it("encodes every other printable ASCII character with uppercase hex", () => {
        const expected: Record<string, string> = {
            " ": "%20", "!": "%21", '"': "%22", "#": "%23", $: "%24", "%": "%25", "&": "%26", "'": "%27", "(": "%28", ")": "%29",
            "*": "%2A", "+": "%2B", ",": "%2C", "/": "%2F", ":": "%3A", ";": "%3B", "<": "%3C", "=": "%3D", ">": "%3E", "?": "%3F",
            "@": "%40", "[": "%5B", "\\": "%5C", "]": "%5D", "^": "%5E", "`": "%60", "{": "%7B", "|": "%7C", "}": "%7D",
        };
        for (const [c, enc] of Object.entries(expected)) expect(percentEncode(c), JSON.stringify(c)).to.equal(enc);
        for (let code = 0x20; code < 0x7f; code++) {
            const c = String.fromCharCode(code);
            const out = percentEncode(c);
            if (/[A-Za-z0-9\-_.~]/.test(c)) expect(out).to.equal(c);
            else expect(out).to.equal(`%${code.toString(16).toUpperCase().padStart(2, "0")}`);
        }
    });
    it("encodes a space as %20 (never +), * as %2A, and keeps ~", () => {
        expect(percentEncode("a b*c~d")).to.equal("a%20b%2Ac~d");
    });
    it("encodes control characters and newlines", () => {
        expect(percentEncode("-----BEGIN\nX\r\n")).to.equal("-----BEGIN%0AX%0D%0A");
    });
    it("encodes UTF-8 multibyte sequences byte by byte (2, 3 and 4 bytes)", () => {
        expect(percentEncode("é")).to.equal("%C3%A9");
        expect(percentEncode("一")).to.equal("%E4%B8%80");
        expect(percentEncode("证书")).to.equal("%E8%AF%81%E4%B9%A6");
        expect(percentEncode("😀")).to.equal("%F0%9F%98%80");
    });
    it("matches the encodings in Alibaba's published StringToSign (alibaba-kms.md §2.3 A)", () => {
        expect(percentEncode("2016-02-23T12:46:24Z")).to.equal("2016-02-23T12%3A46%3A24Z");
        expect(percentEncode("/")).to.equal("%2F");
    });
});
