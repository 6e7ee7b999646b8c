import { expect } from "chai";
import { isPemError, PemError } from "../../../../provider/core/pem";

describe("core/pem PemError", () => {
    it("should carry a code and be recognisable", () => {
        const error = new PemError("WRONG_PASSWORD", "the private key could not be decrypted");
        expect(error).to.be.instanceOf(Error);
        expect(error.name).to.equal("PemError");
        expect(error.code).to.equal("WRONG_PASSWORD");
        expect(isPemError(error)).to.equal(true);
        expect(isPemError(new Error("x"))).to.equal(false);
        expect(error.cause).to.equal(undefined);
    });
});
