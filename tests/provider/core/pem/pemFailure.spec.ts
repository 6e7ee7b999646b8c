import { expect } from "chai";
import { PemError } from "../../../../provider/core/pem";
import { pemFailure } from "../../../../provider/core/pem/pemFailure";

describe("core/pem pemFailure", () => {
    it("should report certificate problems on the certificate property, with advice", () => {
        expect(pemFailure(new PemError("BAD_BASE64", "PEM block 2 is not valid base64"), { property: "cert", content: "certificate" })).to.deep.equal({
            property: "cert",
            reason: "cert: PEM block 2 is not valid base64. The PEM was cut off or altered when it was copied; copy it again from the original file.",
        });
    });

    it("should report private key problems with property \"\", naming the property in the reason", () => {
        const failure = pemFailure(new PemError("BAD_KEY", "the PKCS#8 private key could not be decoded"), { property: "privateKey", content: "privateKey" });
        expect(failure.property).to.equal("");
        expect(failure.reason).to.match(/^privateKey: the PKCS#8 private key could not be decoded\. Copy the key again/);
    });

    it("should treat a key found in a certificate input as secret", () => {
        const failure = pemFailure(new PemError("UNEXPECTED_PRIVATE_KEY", "PEM block 1 is a private key, not a certificate"), { property: "cert", content: "certificate", keyProperty: "key" });
        expect(failure).to.deep.equal({ property: "", reason: "cert: PEM block 1 is a private key, not a certificate. Move the private key to key and keep only certificates in cert." });
    });

    it("should name the password property for a wrong password", () => {
        expect(pemFailure(new PemError("WRONG_PASSWORD", "x"), { property: "key", content: "privateKey", passwordProperty: "keyPassword" })).to.deep.equal({
            property: "",
            reason: "key could not be decrypted with keyPassword: the password is wrong or the key is damaged. Check keyPassword.",
        });
    });

    it("should never pass on the message of an error that is not a PemError", () => {
        const leaky = new Error('PBKDF2 error: {"enc":"MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI"}');
        const failure = pemFailure(leaky, { property: "key", content: "privateKey" });
        expect(failure.reason).to.equal("key could not be read as a private key. The PEM was cut off or altered when it was copied; copy it again from the original file.");
        expect(failure.property).to.equal("");
    });
});
