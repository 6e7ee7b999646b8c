import { expect } from "chai";
import { createHash } from "node:crypto";
import {
    flattenScloudParams,
    renderScloudValue,
    scloudSignature,
    scloudSigningString,
    signScloudParams,
    type ScloudParams,
    type ScloudValue,
} from "../../../provider/scloud/sign";
import { derivedVectors, docBugs, EXAMPLE_PRIVATE_KEY, EXAMPLE_PUBLIC_KEY, flatteningVectors, goTypeRendering, vectors } from "./sign.fixture";

const sign = (params: ScloudParams, privateKey: string): string => scloudSignature(flattenScloudParams(params), privateKey);
const rendered = (params: ScloudParams): Record<string, string> =>
    Object.fromEntries(Object.entries(flattenScloudParams(params)).map(([k, v]) => [k, renderScloudValue(v)]));

describe("scloud/sign: sha1 over sorted key+value pairs and the private key", () => {
    describe("published vectors (reference/scloud.md §2.4)", () => {
        for (const v of vectors) {
            it(`should calculate the correct signature for ${v.name}`, () => {
                expect(sign(v.params, v.privateKey)).to.equal(v.signature);
                if (v.signingString) expect(scloudSigningString(flattenScloudParams(v.params))).to.equal(v.signingString);
            });
        }
    });

    describe("derived vectors (computed with the upstream JS and Python SDK code, not published)", () => {
        for (const v of derivedVectors) {
            it(`should calculate the correct signature for ${v.name}`, () => {
                expect(sign(v.params, v.privateKey)).to.equal(v.signature);
                if (v.signingString) expect(scloudSigningString(flattenScloudParams(v.params))).to.equal(v.signingString);
            });
        }
        it("sorts D1's keys in code-unit order: Action, CaCert, PrivateKey, ProjectId, PublicKey, Region, SSLName, SSLType, UserCert", () => {
            const s = scloudSigningString(flattenScloudParams(derivedVectors[0].params));
            const pairs = ["ActionCreateSSL", "CaCert-----BEGIN", "PrivateKey-----BEGIN RSA", "ProjectIdorg-", "PublicKeyucloud", "Regionsg", "SSLName证书", "SSLTypePem", "UserCert-----BEGIN"];
            const positions = pairs.map((p) => s.indexOf(p));
            expect(positions.every((p) => p >= 0), JSON.stringify(positions)).to.equal(true);
            expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
        });
    });

    describe("documentation bugs (reference/scloud.md §1): printed values a correct signer does not reproduce", () => {
        for (const bug of docBugs) {
            it(bug.name, () => {
                const ours = sign(bug.params, bug.privateKey);
                expect(ours, bug.explanation).not.to.equal(bug.printed);
                expect(ours).to.equal(bug.actual);
            });
        }
    });

    describe("flattening and rendering (the SDKs' published tables)", () => {
        for (const v of flatteningVectors) {
            it(`should flatten ${v.name}`, () => {
                expect(rendered(v.params)).to.deep.equal(v.rendered);
                if (v.typed) expect(flattenScloudParams(v.params)).to.deep.equal(v.typed);
            });
        }

        it("renders every scalar of Go's V9 as its published signing string has it", () => {
            for (const [key, value] of Object.entries(goTypeRendering.scalars)) {
                expect(goTypeRendering.signingString, key).to.contain(`${key}${renderScloudValue(value)}`);
            }
            expect(renderScloudValue(Math.fround(42.1))).to.equal("42.099998474121094");
            // And the published string is what is hashed, the private key appended without a separator.
            expect(createHash("sha1").update(goTypeRendering.signingString + goTypeRendering.privateKey).digest("hex")).to.equal(goTypeRendering.signature);
        });

        it("never uses exponents and drops a zero fraction", () => {
            expect(renderScloudValue(42.0)).to.equal("42");
            expect(renderScloudValue(1e21)).to.equal("1000000000000000000000");
            expect(renderScloudValue(1.2345e22)).to.equal("12345000000000000000000");
            expect(renderScloudValue(-2.5e21)).to.equal("-2500000000000000000000");
            expect(renderScloudValue(1.5e-7)).to.equal("0.00000015");
            expect(renderScloudValue(-1e-7)).to.equal("-0.0000001");
            expect(renderScloudValue(0.000001)).to.equal("0.000001");
            expect(renderScloudValue(-0)).to.equal("0");
        });

        it("drops null, undefined and empty strings at any depth, keeping array indices", () => {
            expect(flattenScloudParams({ A: "", B: null, C: undefined, D: [], E: {}, F: ["x", "", null, "y"], G: { H: "", I: 0, J: false } })).to.deep.equal({
                "F.0": "x",
                "F.3": "y",
                "G.I": 0,
                "G.J": false,
            });
        });

        it("flattens arrays of arrays and objects in arrays in objects", () => {
            expect(rendered({ M: [["a", "b"], [{ K: [1, 2] }]] })).to.deep.equal({ "M.0.0": "a", "M.0.1": "b", "M.1.0.K.0": "1", "M.1.0.K.1": "2" });
        });

        it("refuses values the server would sign differently or that cannot be sent", () => {
            expect(() => flattenScloudParams({ Limit: Number.NaN })).to.throw(TypeError, /Limit is NaN/);
            expect(() => flattenScloudParams({ A: [Infinity] })).to.throw(TypeError, /A\.0 is Infinity/);
            expect(() => flattenScloudParams({ When: new Date(0) as unknown as ScloudValue })).to.throw(TypeError, /When is a Date/);
            expect(() => flattenScloudParams({ Big: 1n as unknown as ScloudValue })).to.throw(TypeError, /Big is bigint/);
        });
    });

    describe("ordering", () => {
        it("sorts by code unit, not locale: USSLId before UserCert, SSLName before Sa, uppercase before lowercase", () => {
            const s = scloudSigningString({ UserCert: "u", USSLId: "i", Sa: "1", SSLName: "n", a: "x", B: "y" });
            expect(s).to.equal("BySSLNamenSa1USSLIdiUserCertuax");
        });
        it("sorts numeric suffixes as strings: Backends.1 < Backends.10 < Backends.11 < Backends.2", () => {
            const flat = flattenScloudParams({ Backends: Array.from({ length: 12 }, (_, i) => String(i)) });
            expect(scloudSigningString(flat).startsWith("Backends.00Backends.11Backends.1010Backends.1111Backends.22Backends.33")).to.equal(true);
        });
        it("never covers a Signature parameter, so a received request verifies as sent", () => {
            const flat = flattenScloudParams(vectors[0].params);
            expect(scloudSignature({ ...flat, Signature: "anything" }, EXAMPLE_PRIVATE_KEY)).to.equal(vectors[0].signature);
        });
    });

    describe("signScloudParams", () => {
        it("adds PublicKey and Signature to the flattened params and reproduces V1", () => {
            const input = { Action: "DescribeUHostInstance", Region: "cn-bj2", Limit: 10, Foo: null };
            const before = JSON.stringify(input);
            const out = signScloudParams(input, { publicKey: EXAMPLE_PUBLIC_KEY, privateKey: EXAMPLE_PRIVATE_KEY });
            expect(out.signature).to.equal("cba5cf5ec4d4233d206b1b54951e3787350a642f");
            expect(out.params).to.deep.equal({ Action: "DescribeUHostInstance", Region: "cn-bj2", Limit: 10, PublicKey: EXAMPLE_PUBLIC_KEY, Signature: out.signature });
            expect(JSON.stringify(input)).to.equal(before);
        });
        it("signs an STS SecurityToken as a parameter and reproduces V5", () => {
            const { PublicKey: _pk, ...rest } = vectors[3].params;
            const out = signScloudParams(rest, { publicKey: EXAMPLE_PUBLIC_KEY, privateKey: EXAMPLE_PRIVATE_KEY, securityToken: "some_stoken" });
            expect(out.signature).to.equal("170c480ad176a247b324eb92a2cfe536aacfbd04");
            expect(out.params.SecurityToken).to.equal("some_stoken");
        });
        it("uses the credentials' PublicKey over one in the params, and ignores a stale Signature", () => {
            const out = signScloudParams({ ...vectors[0].params, PublicKey: "someone-else", Signature: "stale" }, { publicKey: EXAMPLE_PUBLIC_KEY, privateKey: EXAMPLE_PRIVATE_KEY });
            expect(out.signature).to.equal(vectors[0].signature);
            expect(out.params.Signature).to.equal(vectors[0].signature);
        });
        it("sends exactly what it signed: the signature verifies over the params it returns", () => {
            const out = signScloudParams(derivedVectors[1].params, { publicKey: EXAMPLE_PUBLIC_KEY, privateKey: EXAMPLE_PRIVATE_KEY });
            const received = JSON.parse(JSON.stringify(out.params)) as Record<string, string | number | boolean>;
            expect(scloudSignature(received, EXAMPLE_PRIVATE_KEY)).to.equal(received.Signature);
            expect(out.signature).to.equal(derivedVectors[1].signature);
        });
    });

    describe("agrees with the JS SDK's logic (reference/scloud.md §4.1: Request.encode + Credential.verifyAc)", () => {
        // An independent transcription of the SDK's documented steps, using node:crypto directly.
        // The SDK keeps "" (we drop it) and prints exponents for huge numbers: the generator avoids both.
        function sdkEncode(args: Record<string, unknown>): Record<string, unknown> {
            const result: Record<string, unknown> = {};
            for (const k of Object.keys(args)) {
                const v = args[k];
                if (v === null || v === undefined) continue;
                if (Array.isArray(v)) {
                    v.forEach((item: unknown, index) => {
                        if (item instanceof Object) for (const [key, value] of Object.entries(sdkEncode(item as Record<string, unknown>))) result[`${k}.${index}.${key}`] = value;
                        else result[`${k}.${index}`] = item;
                    });
                } else if (Object.prototype.toString.call(v) === "[object Object]") {
                    for (const [key, value] of Object.entries(sdkEncode(v as Record<string, unknown>))) result[`${k}.${key}`] = value;
                } else result[k] = v;
            }
            return result;
        }
        function sdkVerifyAc(args: Record<string, unknown>, publicKey: string, privateKey: string): string {
            const obj: Record<string, unknown> = { ...args, PublicKey: publicKey };
            let s = "";
            for (const key of Object.keys(obj).sort()) {
                const value = obj[key];
                if (value === null || value === undefined) continue;
                s += key + String(value);
            }
            return createHash("sha1").update(s + privateKey).digest("hex");
        }

        let seed = 20260601;
        const random = (): number => {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            return seed / 2147483648;
        };
        const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
        const keys = ["Action", "Region", "ProjectId", "SSLName", "SSLId", "USSLId", "UserCert", "Limit", "Offset", "a", "Zz", "SSLIds", "Backends", "Obj", "证书"];
        const scalar = (): ScloudValue =>
            pick<() => ScloudValue>([
                () => pick(["ssl-abc", "证书-1 ✓", "-----BEGIN CERTIFICATE-----\nMIIB+/=\n-----END CERTIFICATE-----\n", "a&b=c d%", "0"]),
                () => Math.floor(random() * 100000) - 50,
                () => Math.round(random() * 10000) / 100,
                () => random() < 0.5,
                () => null,
            ])();
        const value = (depth: number): ScloudValue => {
            if (depth > 1 || random() < 0.6) return scalar();
            if (random() < 0.5) return Array.from({ length: 1 + Math.floor(random() * 12) }, () => value(depth + 1));
            return Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 3) }, () => [pick(keys), value(depth + 1)]));
        };

        for (let n = 1; n <= 40; n++) {
            const params: Record<string, ScloudValue> = { Action: "DescribeSSL" };
            for (let i = 0; i < 1 + Math.floor(random() * 8); i++) params[pick(keys)] = value(0);
            it(`case ${n}: ${Object.keys(params).join(", ")}`, () => {
                const expected = sdkVerifyAc(sdkEncode(params), EXAMPLE_PUBLIC_KEY, EXAMPLE_PRIVATE_KEY);
                expect(signScloudParams(params, { publicKey: EXAMPLE_PUBLIC_KEY, privateKey: EXAMPLE_PRIVATE_KEY }).signature).to.equal(expected);
            });
        }
    });
});
