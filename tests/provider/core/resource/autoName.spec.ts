import { expect } from "chai";
import { autoName } from "../../../../provider/core/resource/autoName";

const fixed = (hex: string) => () => Buffer.from(hex, "hex");

describe("core/resource/autoName", () => {
    const cases: Array<[string, string, Parameters<typeof autoName>[1], string]> = [
        ["keeps an allowed name and adds the suffix", "web", { maxLength: 50, allowed: /[A-Za-z0-9-]/ }, "web-0a1b2c3d"],
        ["lowercases where only lowercase is allowed", "Web", { maxLength: 50, allowed: /[a-z0-9-]/ }, "web-0a1b2c3d"],
        ["turns runs of other characters into one separator", "api / prod..cert", { maxLength: 50, allowed: /[a-z0-9]/ }, "api-prod-cert-0a1b2c3d"],
        ["uses the vendor's separator", "api-prod", { maxLength: 50, allowed: /[A-Za-z0-9_]/, separator: "_" }, "api_prod_0a1b2c3d"],
        ["truncates to the length limit, suffix included", "a-very-long-logical-name", { maxLength: 16, allowed: /[a-z-]/ }, "a-very-0a1b2c3d"],
        ["starts with a letter where the vendor requires one", "1st", { maxLength: 50, allowed: /[A-Za-z0-9_]/, startWithLetter: true, separator: "_" }, "r_1st_0a1b2c3d"],
        ["keeps Chinese characters where allowed", "证书", { maxLength: 50, allowed: /[\p{L}\p{N}_]/u, startWithLetter: true, separator: "_" }, "证书_0a1b2c3d"],
    ];
    for (const [what, logical, rule, expected] of cases) {
        it(what, () => {
            const name = autoName(logical, rule, fixed("0a1b2c3d"));
            expect(name).to.equal(expected);
            expect([...name].length).to.be.at.most(rule.maxLength);
        });
    }

    it("is new each time (random suffix), so a replacement never takes the old name", () => {
        const rule = { maxLength: 50, allowed: /[a-z-]/ };
        expect(autoName("web", rule)).not.to.equal(autoName("web", rule));
    });
});
