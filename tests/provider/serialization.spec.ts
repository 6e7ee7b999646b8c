import { expect } from "chai";
import * as path from "node:path";
import { useEmulator } from "../support/emulator";
import { installPackedPackage } from "../support/packedPackage";
import { pemFragments, testChain } from "../support/pki";

interface SerializedFunction {
    text: string;
    containsSecrets: boolean;
}

type AnyProvider = {
    configure(req: { config: { get(k: string): string | undefined; require(k: string): string } }): Promise<void>;
    check(olds: object, news: object): Promise<{ inputs?: Record<string, unknown>; failures?: unknown[] }>;
    diff(id: string, olds: object, news: object): Promise<{ changes?: boolean; replaces?: string[] }>;
    create(inputs: object): Promise<{ id: string; outs?: Record<string, unknown> }>;
    read(id: string, props?: object): Promise<{ id?: string; props?: Record<string, unknown> }>;
    update(id: string, olds: object, news: object): Promise<{ outs?: Record<string, unknown> }>;
    delete(id: string, props: object): Promise<void>;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString = require("require-from-string") as (code: string, filename?: string, opts?: { prependPaths?: string[] }) => { handler(): AnyProvider };

describe("providers survive Pulumi's closure serialization (installed from the packed tarball)", function () {
    this.timeout(120000);
    const env = useEmulator();
    let pkg: { providers: Record<string, AnyProvider> };
    let serialize: (f: () => unknown, opts: { allowSecrets: boolean }) => Promise<SerializedFunction>;
    let consumer: string;
    const saved: Record<string, string | undefined> = {};

    before(() => {
        consumer = installPackedPackage().consumer;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        pkg = require(path.join(consumer, "node_modules", "pulumi-cloudcerts"));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        serialize = require("@pulumi/pulumi").runtime.serializeFunction;
    });

    // Credentials reach the deserialized provider only through configure(), as under the engine.
    function stackConfig(): { get(k: string): string | undefined; require(k: string): string } {
        const values: Record<string, string> = {
            "tencentcloud:secretId": env.emulator.credentials.tencent.secretId,
            "tencentcloud:secretKey": env.emulator.credentials.tencent.secretKey,
            "cloudcerts:tencentEndpoint": env.emulator.endpoints.tencent,
            "scloud:publicKey": env.emulator.credentials.scloud.publicKey,
            "scloud:privateKey": env.emulator.credentials.scloud.privateKey,
            "scloud:region": "sg",
            "scloud:projectId": "org-serialized",
            "cloudcerts:scloudEndpoint": env.emulator.endpoints.scloud,
        };
        return { get: (k) => values[k], require: (k) => values[k] ?? (() => { throw new Error(`missing ${k}`); })() };
    }

    beforeEach(() => {
        for (const k of ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "CLOUDCERTS_TENCENT_ENDPOINT", "SCLOUD_PUBLIC_KEY", "SCLOUD_PRIVATE_KEY", "SCLOUD_REGION", "SCLOUD_PROJECT_ID", "CLOUDCERTS_SCLOUD_ENDPOINT"]) {
            saved[k] = process.env[k];
            delete process.env[k];
        }
    });
    afterEach(async () => {
        for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
        await pkg.providers.TencentCertificate.configure({ config: { get: () => undefined, require: (k) => { throw new Error(k); } } });
    });

    it("exports every provider by class name", () => {
        expect(Object.keys(pkg.providers)).to.include.members(["TencentCertificate", "TencentCsr", "ApigCertificate", "KmsCertificate", "ScloudSsl"]);
    });

    const forwarders: Record<string, string> = {
        TencentCertificate: "tencent/certificateForwarder",
        TencentCsr: "tencent/csrForwarder",
        ApigCertificate: "huawei/apigCertificateForwarder",
        KmsCertificate: "alibaba/kmsCertificateForwarder",
        ScloudSsl: "scloud/sslForwarder",
    };
    for (const name of Object.keys(forwarders)) {
        it(`${name}: serializes small, refers to modules by require(), and captures no secret even after configure()`, async () => {
            const provider = pkg.providers[name];
            await provider.configure({ config: stackConfig() });
            const sf = await serialize(() => provider, { allowSecrets: true });
            expect(sf.containsSecrets).to.equal(false);
            expect(sf.text).not.to.contain(env.emulator.credentials.tencent.secretKey);
            expect(sf.text).not.to.contain(env.emulator.credentials.tencent.secretId);
            expect(sf.text).not.to.contain(env.emulator.credentials.alibaba.accessKeySecret);
            expect(sf.text).not.to.contain(env.emulator.credentials.scloud.privateKey);
            expect(sf.text).not.to.contain(env.emulator.credentials.huawei.secretKey);
            expect(sf.text).to.match(/require\("pulumi-cloudcerts\/dist\/provider\//);
            expect(sf.text).not.to.contain("CryptoJS");
            expect(sf.text).not.to.contain("ASN1HEX");
            // The forwarder's module (core/delegate.ts), by require(): nothing of it by value, and the
            // implementation stays in the installed package.
            expect(sf.text).to.contain(`require("pulumi-cloudcerts/dist/provider/${forwarders[name]}.js")`);
            expect(sf.text).not.to.contain("load()");
            expect(sf.text.length).to.be.lessThan(1024);
        });
    }

    it("TencentCertificate: the deserialized provider runs check → create → read → update → delete", async () => {
        const chain = testChain("serialized.example.com");
        const sf = await serialize(() => pkg.providers.TencentCertificate, { allowSecrets: true });
        const provider = requireFromString(sf.text, "", { prependPaths: [path.join(consumer, "node_modules")] }).handler();
        await provider.configure({ config: stackConfig() });
        const checked = await provider.check({}, { certificatePublicKey: chain.chainPem, certificatePrivateKey: chain.leaf.privateKeyPem, alias: "one" });
        expect(checked.failures ?? []).to.deep.equal([]);
        const created = await provider.create(checked.inputs!);
        const read = await provider.read(created.id, created.outs);
        expect(read.props).to.deep.equal(created.outs);
        const news = (await provider.check({}, { ...checked.inputs, alias: "two" })).inputs!;
        const updated = await provider.update(created.id, created.outs!, news);
        expect(updated.outs!.alias).to.equal("two");
        await provider.delete(created.id, updated.outs!);
        const inv = await env.admin<{ tencent: { certificates: unknown[] } }>("GET", "/_emulator/inventory");
        expect(inv.tencent.certificates).to.deep.equal([]);
        for (const fragment of pemFragments(chain.leaf.privateKeyPem)) expect(sf.text).not.to.contain(fragment);
    });

    it("TencentCsr: the deserialized provider runs check → create → read → delete", async () => {
        const sf = await serialize(() => pkg.providers.TencentCsr, { allowSecrets: true });
        const provider = requireFromString(sf.text, "", { prependPaths: [path.join(consumer, "node_modules")] }).handler();
        await provider.configure({ config: stackConfig() });
        const checked = await provider.check({}, {
            domain: "csr.example.com", organization: "Example", department: "IT", email: "it@example.com",
            province: "Bavaria", city: "Munich", country: "DE", encryptAlgo: "RSA", keyParameter: "2048",
        });
        expect(checked.failures ?? []).to.deep.equal([]);
        const created = await provider.create(checked.inputs!);
        expect(String(created.outs!.csr)).to.contain("CERTIFICATE REQUEST");
        expect((await provider.read(created.id, created.outs)).props).to.deep.equal(created.outs);
        await provider.delete(created.id, created.outs!);
        expect((await provider.read(created.id, created.outs)).id).to.equal(undefined);
    });

    it("ScloudSsl: the deserialized provider runs check → create → read → update → delete", async () => {
        const chain = testChain("serialized-ssl.example.com");
        const sf = await serialize(() => pkg.providers.ScloudSsl, { allowSecrets: true });
        const provider = requireFromString(sf.text, "", { prependPaths: [path.join(consumer, "node_modules")] }).handler();
        await provider.configure({ config: stackConfig() });
        const checked = await provider.check({}, { sslContent: `${chain.leaf.certificatePem}\n${chain.leaf.privateKeyPem}\n${chain.caChainPem}`, sslName: "one" });
        expect(checked.failures ?? []).to.deep.equal([]);
        expect(checked.inputs).to.include({ region: "sg", projectId: "org-serialized" });
        const created = await provider.create(checked.inputs!);
        expect((await provider.read(created.id, created.outs)).props).to.deep.equal(created.outs);
        const news = (await provider.check(checked.inputs!, { ...checked.inputs, sslName: "two" })).inputs!;
        const updated = await provider.update(created.id, created.outs!, news);
        expect(updated.outs!.sslName).to.equal("two");
        await provider.delete(created.id, updated.outs!);
        const inv = await env.admin<{ scloud: { ssls: unknown[] } }>("GET", "/_emulator/inventory");
        expect(inv.scloud.ssls).to.deep.equal([]);
        for (const fragment of pemFragments(chain.leaf.privateKeyPem)) expect(sf.text).not.to.contain(fragment);
    });
});
