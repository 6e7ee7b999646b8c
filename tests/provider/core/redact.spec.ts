import { expect } from "chai";
import { REDACTED, redact } from "../../../provider/core/redact";

const KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";

describe("core/redact", () => {
    it("removes known secret values, also JSON-escaped and URL-encoded", () => {
        const secret = "s3cr3t/value+with=chars";
        const text = `a ${secret} b ${JSON.stringify({ k: `${secret}\n` })} c ${encodeURIComponent(secret)}`;
        const out = redact(text, [secret]);
        expect(out).not.to.contain(secret);
        expect(out).not.to.contain(encodeURIComponent(secret));
        expect(out).to.contain(REDACTED);
    });
    it("removes PEM private key blocks of any label, even truncated ones", () => {
        for (const label of ["", "RSA ", "EC ", "ENCRYPTED "]) {
            const block = KEY.replace(/BEGIN PRIVATE/, `BEGIN ${label}PRIVATE`).replace(/END PRIVATE/, `END ${label}PRIVATE`);
            expect(redact(`x ${block} y`)).not.to.contain("MIIEvQ");
        }
        expect(redact(`cut ${KEY.slice(0, 60)}`)).not.to.contain("MIIEvQ");
    });
    it("removes TC3 signatures, Authorization headers and signature/password parameters", () => {
        const auth = "TC3-HMAC-SHA256 Credential=AKID/2023-11-14/ssl/tc3_request, SignedHeaders=content-type;host, Signature=" + "ab".repeat(32);
        expect(redact(auth)).not.to.contain("abab");
        expect(redact(`{"authorization":"Bearer xyz123456"}`)).not.to.contain("xyz123456");
        expect(redact("GET /?Action=X&Signature=abcDEF123%3D&AccessKeyId=k")).not.to.contain("abcDEF123");
        expect(redact(`{"KeyPassword":"hunter2hunter2"}`)).not.to.contain("hunter2");
    });
    it("removes lines of a known key quoted without its BEGIN line", () => {
        const quoted = `could not parse: ${KEY.split("\n")[1]}`;
        expect(redact(quoted, [KEY])).to.equal(`could not parse: ${REDACTED}`);
    });
    it("does not shred text over very short secrets", () => {
        expect(redact("a plain message", ["a"])).to.equal("a plain message");
    });
});
