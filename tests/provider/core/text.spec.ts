import { expect } from "chai";
import { describeControlCharacter, findControlCharacter, isControlCharacter, PEM_ALLOWED_CONTROL_CHARACTERS } from "../../../provider/core/text";

describe("core/text findControlCharacter", () => {
    it("should find nothing in printable text, including non-ASCII letters and emoji", () => {
        expect(findControlCharacter("www.example.com")).to.equal(undefined);
        expect(findControlCharacter("北京 Ünïcode 🙂 ~")).to.equal(undefined);
        expect(findControlCharacter("")).to.equal(undefined);
    });

    it("should classify C0, DEL and C1 as control characters, and nothing around them", () => {
        const controls = [];
        for (let c = 0; c <= 0xff; c++) if (isControlCharacter(c)) controls.push(c);
        const expected = [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i)];
        expect(controls).to.deep.equal(expected);
        expect(isControlCharacter(0xa0)).to.equal(false); // no-break space is printable text
    });

    it("should report the first one by index, line, column and U+ notation", () => {
        expect(findControlCharacter("ab\u001b[31m")).to.deep.equal({ index: 2, line: 1, column: 3, codePoint: 0x1b, notation: "U+001B" });
        expect(findControlCharacter("a\nbc\n\u0085x\u0000", "\n")).to.deep.equal({ index: 5, line: 3, column: 1, codePoint: 0x85, notation: "U+0085" });
        expect(findControlCharacter("tab\there")!.notation).to.equal("U+0009");
        expect(findControlCharacter("line\nbreak")!.notation, "a line break counts unless allowed").to.equal("U+000A");
        expect(findControlCharacter("del\u007f")!.notation).to.equal("U+007F");
    });

    it("should allow only the characters given, e.g. tab, CR and LF in PEM", () => {
        expect(findControlCharacter("a\tb\r\nc\n", PEM_ALLOWED_CONTROL_CHARACTERS)).to.equal(undefined);
        expect(findControlCharacter("a\tb\r\n\u000cc", PEM_ALLOWED_CONTROL_CHARACTERS)!.notation).to.equal("U+000C");
        expect(findControlCharacter("a\u0000", PEM_ALLOWED_CONTROL_CHARACTERS)!.notation).to.equal("U+0000");
    });

    it("should describe where it is without quoting the text", () => {
        const text = "secret-name\u0007tail";
        const message = describeControlCharacter("alias", findControlCharacter(text)!);
        expect(message).to.equal("alias contains a control character (U+0007) at position 12");
        expect(message).not.to.contain("secret-name");
        expect(describeControlCharacter("subject", findControlCharacter("x\ny\u009b", "\n")!)).to.equal("subject contains a control character (U+009B) at line 2, column 2");
    });
});
