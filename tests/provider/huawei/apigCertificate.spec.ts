import { expect } from "chai";
import { encryptPrivateKey, generateKey, makeCertificateChain } from "../../../emulator/pki";
import { apigCertificateProvider as provider, type ApigCertificateInputs, type ApigCertificateOutputs } from "../../../provider/huawei/apigCertificate";
import { updateApigCertificate } from "../../../provider/huawei/certificates";
import { startEmulator } from "../../../emulator";
import { EMULATOR_HUAWEI_PROJECT_ID, useEmulator, withEnv } from "../../support/emulator";
import { pemFragments, testChain, testKeys } from "../../support/pki";
import { hasOpenssl, openssl } from "../../emulator/pki/openssl";

/**
 * A self-signed SM2 certificate (SM3 signature) and its key, made by the openssl CLI: the test PKI
 * (jsrsasign) cannot encode SM2 public keys.
 */
function sm2Pair(commonName: string): { certificatePem: string; privateKeyPem: string } {
    const key = openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2"]);
    if (!key.ok) throw new Error(`openssl genpkey SM2: ${key.stderr}`);
    const cert = openssl(["req", "-x509", "-key", "{dir}/k.pem", "-sm3", "-days", "365", "-subj", `/CN=${commonName}`, "-addext", `subjectAltName=DNS:${commonName}`], { "k.pem": key.stdout });
    if (!cert.ok) throw new Error(`openssl req SM2: ${cert.stderr}`);
    return { certificatePem: cert.stdout.trim(), privateKeyPem: key.stdout.trim() };
}

/** An SM2 CA named `caName` and a leaf it signed (SM3), by the openssl CLI. */
function sm2Chain(caName: string, leafName: string): { ca: { certificatePem: string; privateKeyPem: string }; leaf: { certificatePem: string; privateKeyPem: string } } {
    const ca = openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2"]);
    const caCert = openssl(["req", "-x509", "-key", "{dir}/ca.key", "-sm3", "-days", "365", "-subj", `/CN=${caName}`, "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], { "ca.key": ca.stdout });
    const leaf = sm2Pair(leafName);
    const csr = openssl(["req", "-new", "-key", "{dir}/leaf.key", "-sm3", "-subj", `/CN=${leafName}`], { "leaf.key": leaf.privateKeyPem });
    const signed = openssl(["x509", "-req", "-in", "{dir}/leaf.csr", "-CA", "{dir}/ca.crt", "-CAkey", "{dir}/ca.key", "-set_serial", "7", "-sm3", "-days", "300", "-extfile", "{dir}/ext"], {
        "leaf.csr": csr.stdout,
        "ca.crt": caCert.stdout,
        "ca.key": ca.stdout,
        ext: `subjectAltName=DNS:${leafName}`,
    });
    if (!ca.ok || !caCert.ok || !csr.ok || !signed.ok) throw new Error(`openssl SM2 chain: ${caCert.stderr}${csr.stderr}${signed.stderr}`);
    return { ca: { certificatePem: caCert.stdout.trim(), privateKeyPem: ca.stdout.trim() }, leaf: { certificatePem: signed.stdout.trim(), privateKeyPem: leaf.privateKeyPem } };
}

type Inventory = { huawei: { certificates: Array<{ id: string; name: string; serial_number: string; algorithm_type: string }> } };

async function checked(news: Record<string, unknown>, olds: Record<string, unknown> = {}): Promise<ApigCertificateInputs> {
    const res = await provider.check(olds as unknown as ApigCertificateInputs, news as unknown as ApigCertificateInputs);
    expect(res.failures ?? [], JSON.stringify(res.failures)).to.deep.equal([]);
    return res.inputs as ApigCertificateInputs;
}

async function failuresFor(news: Record<string, unknown>) {
    const res = await provider.check({} as ApigCertificateInputs, news as unknown as ApigCertificateInputs);
    return res.failures ?? [];
}

describe("huawei/apigCertificate: ApigCertificate provider", function () {
    const env = useEmulator();
    const chain = testChain("apig.example.com", { sans: ["apig.example.com", "www.apig.example.com"] });
    const key = chain.leaf.privateKeyPem;
    const inventory = async () => (await env.admin<Inventory>("GET", "/_emulator/inventory")).huawei.certificates;

    describe("check (preview)", () => {
        it("applies defaults, an auto-name within APIG's rule, and the configured region and project", async () => {
            const inputs = await checked({ certContent: `${chain.chainPem}\r\n`, privateKey: key, __cloudcertsName: "web-cert" });
            expect(inputs).to.include({ type: "global", algorithmType: "RSA", expiryWarningDays: 30, region: "cn-north-4", projectId: "0123456789abcdef0123456789abcdef" });
            expect(inputs.name).to.match(/^web_cert_[0-9a-f]{8}$/);
            expect(inputs.certContent).to.equal(chain.chainPem.trim());
            const digitFirst = await checked({ certContent: chain.chainPem, privateKey: key, __cloudcertsName: "1-api" });
            expect(digitFirst.name).to.match(/^[A-Za-z][A-Za-z0-9_]{3,49}$/);
        });

        const password = "apig-key-password";
        const now = new Date();
        const cases: Array<[string, () => Record<string, unknown>, RegExp]> = [
            ["a name starting with a digit", () => ({ name: "1cert", certContent: chain.chainPem, privateKey: key }), /^name name must be 4 to 50/],
            ["a name too short", () => ({ name: "abc", certContent: chain.chainPem, privateKey: key }), /name must be 4 to 50/],
            ["a name with a hyphen", () => ({ name: "web-cert", certContent: chain.chainPem, privateKey: key }), /name must be 4 to 50/],
            ["a key that does not match the certificate", () => ({ certContent: chain.chainPem, privateKey: testKeys().other.privateKeyPem }), /privateKey.*match/i],
            ["an expired certificate", () => { const c = testChain("old.example.com", { validity: "expired" }); return { certContent: c.chainPem, privateKey: c.leaf.privateKeyPem }; }, /certContent.*expired/i],
            ["a chain out of order", () => ({ certContent: `${chain.leaf.certificatePem}\n${chain.root!.certificatePem}\n${chain.intermediate!.certificatePem}`, privateKey: key }), /certContent.*(order|issued)/i],
            ["an encrypted private key", () => ({ certContent: chain.chainPem, privateKey: encryptPrivateKey(key, password) }), /privateKey.*encrypt/i],
            ["a certificate without a SAN", () => { const c = makeCertificateChain({ commonName: "nosan.example.com", sans: [], keys: { leaf: testKeys().leaf } }); return { certContent: c.chainPem, privateKey: c.leaf.privateKeyPem }; }, /certContent.*subjectAltName/],
            ["a certificate expiring after 2038-01-19", () => { const c = makeCertificateChain({ commonName: "late.example.com", now, notAfter: new Date("2040-01-01T00:00:00Z"), keys: { root: testKeys().root, intermediate: testKeys().intermediate, leaf: testKeys().leaf } }); return { certContent: c.chainPem, privateKey: c.leaf.privateKeyPem }; }, /certContent.*2038-01-19/],
            ["an RSA certificate declared ECC", () => ({ certContent: chain.chainPem, privateKey: key, algorithmType: "ECC" }), /algorithmType/],
            ["an unknown algorithmType", () => ({ certContent: chain.chainPem, privateKey: key, algorithmType: "DSA" }), /algorithmType must be one of RSA, ECC, SM2/],
            ["SM2 without its signing pair", () => ({ certContent: chain.chainPem, privateKey: key, algorithmType: "SM2" }), /certContentSign is required when algorithmType is SM2/],
            ["a signing pair without SM2", () => ({ certContent: chain.chainPem, privateKey: key, certContentSign: chain.leaf.certificatePem, privateKeySign: key }), /only for algorithmType SM2/],
            ["an SM2 signing key of 8093 characters", () => ({ certContent: chain.chainPem, privateKey: key, algorithmType: "SM2", certContentSign: chain.chainPem, privateKeySign: "x".repeat(8093) }), /privateKeySign is 8093 characters long; the limit is 8092/],
            ["an instance certificate without instanceId", () => ({ certContent: chain.chainPem, privateKey: key, type: "instance" }), /instanceId is required when type is instance/],
            ["instanceId on a global certificate", () => ({ certContent: chain.chainPem, privateKey: key, instanceId: "f0fa1789" }), /instanceId is only for type instance/],
            ["a missing private key", () => ({ certContent: chain.chainPem }), /privateKey is required/],
            ["a region that is no region name", () => ({ certContent: chain.chainPem, privateKey: key, region: "cn north 4" }), /region must be a region name/],
            ["a trustedRootCa that is a server certificate", () => ({ certContent: chain.chainPem, privateKey: key, trustedRootCa: chain.leaf.certificatePem }), /trustedRootCa/],
            ["a misspelt input", () => ({ certcontent: chain.chainPem, certContent: chain.chainPem, privateKey: key }), /did you mean certContent/],
        ];
        for (const [name, make, pattern] of cases) {
            it(`rejects ${name}, naming the property, quoting no secret`, async () => {
                const news = make();
                const failures = await failuresFor(news);
                expect(failures.length, "expected a failure").to.be.greaterThan(0);
                const text = failures.map((f) => `${f.property} ${f.reason}`).join("\n");
                expect(text).to.match(pattern);
                for (const secret of [news.privateKey, news.privateKeySign].filter((s): s is string => typeof s === "string" && s.length > 8)) {
                    expect(text).not.to.contain(secret);
                    for (const fragment of pemFragments(secret)) expect(text).not.to.contain(fragment);
                }
                for (const f of failures) expect(["privateKey", "privateKeySign", "certContentSign"]).not.to.include(f.property);
            });
        }
    });

    for (const algorithm of ["RSA", "ECC"] as const) {
        it(`${algorithm}: create → read → update (rename and a new certificate, one PUT) → delete`, async () => {
            const leafKey = algorithm === "ECC" ? generateKey({ algorithm: "EC" }) : testKeys().leaf;
            const first = testChain(`${algorithm.toLowerCase()}.example.com`, { keys: { leaf: leafKey } });
            const inputs = await checked({ certContent: first.chainPem, privateKey: first.leaf.privateKeyPem, algorithmType: algorithm, __cloudcertsName: "gw" });
            const created = await provider.create(inputs);
            const outs = created.outs as ApigCertificateOutputs;
            expect(outs).to.include({ certificateId: created.id, name: inputs.name, algorithmType: algorithm, type: "global", commonName: `${algorithm.toLowerCase()}.example.com`, isHasTrustedRootCa: false });
            expect(outs.instanceId).to.equal(undefined);
            expect(outs.notAfter).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            expect(outs.serialNumber).to.match(/^[0-9A-F]+$/);
            expect(BigInt(`0x${outs.serialNumber}`)).to.equal(BigInt(outs.reportedSerialNumber));

            const read = await provider.read(created.id, outs);
            expect((await provider.diff(created.id, read.props as ApigCertificateOutputs, inputs)).changes).to.equal(false);

            const renewed = testChain(`${algorithm.toLowerCase()}.example.com`, { keys: { leaf: leafKey } });
            const next = await checked({ name: "gw_renamed", certContent: renewed.chainPem, privateKey: renewed.leaf.privateKeyPem, algorithmType: algorithm }, inputs as unknown as Record<string, unknown>);
            const diff = await provider.diff(created.id, outs, next);
            expect(diff.changes).to.equal(true);
            expect(diff.replaces ?? []).to.deep.equal([]);
            const updated = (await provider.update(created.id, outs, next)).outs as ApigCertificateOutputs;
            expect(updated.name).to.equal("gw_renamed");
            expect(updated.serialNumber).not.to.equal(outs.serialNumber);
            const stored = (await inventory()).find((c) => c.id === created.id)!;
            expect(stored).to.include({ name: "gw_renamed", algorithm_type: algorithm, serial_number: updated.reportedSerialNumber });
            expect((await provider.diff(created.id, updated, next)).changes).to.equal(false);

            await provider.delete(created.id, updated);
            expect(await inventory()).to.deep.equal([]);
        });
    }

    it("SM2: create with the signing pair → update (new encryption certificate) → delete; an RSA key declared SM2 is refused at check", async function () {
        if (!hasOpenssl()) this.skip();
        const enc = sm2Pair("sm2.example.com");
        const sign = sm2Pair("sm2.example.com");
        const inputs = await checked({ certContent: enc.certificatePem, privateKey: enc.privateKeyPem, algorithmType: "SM2", certContentSign: sign.certificatePem, privateKeySign: sign.privateKeyPem });
        const created = await provider.create(inputs);
        const outs = created.outs as ApigCertificateOutputs;
        expect(outs).to.include({ algorithmType: "SM2", commonName: "sm2.example.com" });
        expect(outs.notAfter).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        const renewed = sm2Pair("sm2.example.com");
        const next = await checked({ ...inputs, certContent: renewed.certificatePem, privateKey: renewed.privateKeyPem }, inputs as unknown as Record<string, unknown>);
        const updated = (await provider.update(created.id, outs, next)).outs as ApigCertificateOutputs;
        expect(updated.serialNumber).not.to.equal(outs.serialNumber);
        expect((await inventory())[0]).to.include({ algorithm_type: "SM2", serial_number: updated.reportedSerialNumber });
        await provider.delete(created.id, updated);
        expect(await inventory()).to.deep.equal([]);

        const failures = await failuresFor({ certContent: chain.chainPem, privateKey: key, algorithmType: "SM2", certContentSign: sign.certificatePem, privateKeySign: sign.privateKeyPem });
        expect(failures.map((f) => `${f.property} ${f.reason}`).join("\n")).to.match(/algorithmType/);
    });

    it("SM2 chains: verified with node:crypto (in order accepted; reversed, or a same-named CA that did not sign it, refused)", async function () {
        if (!hasOpenssl()) this.skip();
        const good = sm2Chain("SM2 Test CA", "sm2.example.com");
        const impostor = sm2Chain("SM2 Test CA", "other.example.com").ca;
        const sign = sm2Pair("sm2.example.com");
        const base = { privateKey: good.leaf.privateKeyPem, algorithmType: "SM2", certContentSign: sign.certificatePem, privateKeySign: sign.privateKeyPem };
        await checked({ ...base, certContent: `${good.leaf.certificatePem}\n${good.ca.certificatePem}` });
        const reversed = await failuresFor({ ...base, certContent: `${good.ca.certificatePem}\n${good.leaf.certificatePem}` });
        expect(reversed.map((f) => f.reason).join("\n")).to.match(/reverse order/);
        const forged = await failuresFor({ ...base, certContent: `${good.leaf.certificatePem}\n${impostor.certificatePem}` });
        expect(forged.map((f) => f.reason).join("\n")).to.match(/did not issue certificate 1/);
    });

    it("lives in the project its inputs name, for every call, and moving it to another project or region replaces it", async () => {
        const other = "fedcba9876543210fedcba9876543210";
        const inputs = await checked({ certContent: chain.chainPem, privateKey: key, projectId: other });
        expect(inputs.projectId).to.equal(other);
        const created = await provider.create(inputs);
        const outs = created.outs as ApigCertificateOutputs;
        expect((await inventory()).map((c) => (c as unknown as { project_id: string }).project_id)).to.deep.equal([other]);
        expect((await provider.read(created.id, outs)).id).to.equal(created.id);
        const renamed = await checked({ certContent: chain.chainPem, privateKey: key, projectId: other, name: "moved_not" }, inputs as unknown as Record<string, unknown>);
        expect((await provider.update(created.id, outs, renamed)).outs).to.include({ name: "moved_not" });
        for (const change of [{ projectId: "0123456789abcdef0123456789abcdef" }, { region: "ap-southeast-1" }]) {
            const moved = await checked({ certContent: chain.chainPem, privateKey: key, projectId: other, ...change }, inputs as unknown as Record<string, unknown>);
            expect((await provider.diff(created.id, outs, moved)).replaces).to.include(Object.keys(change)[0]);
        }
        await provider.delete(created.id, outs);
        expect(await inventory()).to.deep.equal([]);
    });

    it("detects a certificate replaced behind Pulumi's back from APIG's metadata, and puts it back with update", async () => {
        const inputs = await checked({ certContent: chain.chainPem, privateKey: key });
        const created = await provider.create(inputs);
        const other = testChain("apig.example.com");
        await updateApigCertificate(created.id, { name: inputs.name, cert_content: other.chainPem, private_key: other.leaf.privateKeyPem });
        const read = (await provider.read(created.id, created.outs)).props as ApigCertificateOutputs;
        expect(read.certContent).to.match(/^\(drift: APIG holds a certificate with serial number/);
        expect(read.certContent).not.to.contain("BEGIN");
        const diff = await provider.diff(created.id, read, inputs);
        expect(diff.changes).to.equal(true);
        expect(diff.replaces ?? []).to.deep.equal([]);
        const restored = (await provider.update(created.id, read, inputs)).outs as ApigCertificateOutputs;
        expect(restored.certContent).to.equal(inputs.certContent);
        expect((await inventory())[0]!.serial_number).to.equal(restored.reportedSerialNumber);
        await provider.delete(created.id, restored);
    });

    it("refuses to delete a certificate bound to domain names, naming them and what to do, quoting no key", async () => {
        const inputs = await checked({ certContent: chain.chainPem, privateKey: key });
        const created = await provider.create(inputs);
        await env.admin("POST", "/_emulator/huawei/bindings", { certificateId: created.id, domain: "api.example.com" });
        await env.admin("POST", "/_emulator/huawei/bindings", { certificateId: created.id, domain: "www.example.com" });
        const err = (await provider.delete(created.id, created.outs as ApigCertificateOutputs).catch((e: unknown) => e)) as Error;
        expect(err).to.be.instanceOf(Error);
        expect(err.message).to.contain("api.example.com, www.example.com");
        expect(err.message).to.match(/Unbind/);
        for (const fragment of pemFragments(key)) expect(err.message).not.to.contain(fragment);
        expect(await inventory()).to.have.length(1);
        await env.admin("DELETE", "/_emulator/huawei/bindings", { certificateId: created.id });
        await provider.delete(created.id, created.outs as ApigCertificateOutputs);
        expect(await inventory()).to.deep.equal([]);
    });

    it("authenticates with an IAM token (X-Auth-Token) when no AK/SK is configured", async () => {
        const { token } = await env.admin<{ token: string }>("POST", "/_emulator/huawei/tokens");
        const restore = withEnv({ HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined, HW_AUTH_TOKEN: token });
        try {
            const created = await provider.create(await checked({ certContent: chain.chainPem, privateKey: key }));
            await provider.delete(created.id, created.outs as ApigCertificateOutputs);
            expect(await inventory()).to.deep.equal([]);
        } finally {
            restore.restore();
        }
    });

    it("creates many at once with one listing of the project's certificates, not one per create", async () => {
        // Under the engine a listing per create, paced at 5 a second, held the engine's workers.
        const creates = 6;
        const inputs = await Promise.all(Array.from({ length: creates }, (_, i) => checked({ certContent: chain.chainPem, privateKey: key, name: `bulk_${i}` })));
        const created = await Promise.all(inputs.map((i) => provider.create(i)));
        const { byAction } = await env.admin<{ byAction: Record<string, number> }>("GET", "/_emulator/requests");
        expect(byAction["huawei/ListCertificatesV2"]).to.equal(1);
        expect(byAction["huawei/CreateCertificateV2"]).to.equal(creates);
        expect(new Set(created.map((c) => c.id)).size).to.equal(creates);
        for (const c of created) await provider.delete(c.id, c.outs as ApigCertificateOutputs);
    });

    it("finds the certificate of a create whose reply was lost instead of creating a second one", async () => {
        await env.admin("POST", "/_emulator/faults", { vendor: "huawei", action: "CreateCertificateV2", kind: "http", status: 502, when: "after" });
        const inputs = await checked({ certContent: chain.chainPem, privateKey: key });
        const created = await provider.create(inputs);
        expect(await env.faultsFired("CreateCertificateV2")).to.equal(1);
        expect((await inventory()).map((c) => c.id)).to.deep.equal([created.id]);
        await provider.delete(created.id, created.outs as ApigCertificateOutputs);
    });

    describe("with APIG's visibility lag (new certificates invisible to reads for a while)", () => {
        let lagged: Awaited<ReturnType<typeof startEmulator>>;
        let restore: () => void;
        const inventoryOf = () => (lagged.inventory().huawei as Inventory["huawei"]).certificates;
        before(async () => {
            lagged = await startEmulator({ port: 0, huaweiVisibilityLagMs: 1500 });
            restore = withEnv({
                CLOUDCERTS_HUAWEI_ENDPOINT: lagged.endpoints.huawei,
                HW_ACCESS_KEY: lagged.credentials.huawei.accessKey,
                HW_SECRET_KEY: lagged.credentials.huawei.secretKey,
                HW_PROJECT_ID: EMULATOR_HUAWEI_PROJECT_ID,
            }).restore;
        });
        beforeEach(() => lagged.reset());
        after(async () => {
            restore();
            await lagged.close();
        });

        it("a create reads its new certificate back once it is visible, instead of taking it for gone", async () => {
            const created = await provider.create(await checked({ certContent: chain.chainPem, privateKey: key }));
            expect(created.outs).to.include({ certificateId: created.id, commonName: "apig.example.com" });
            await provider.delete(created.id, created.outs as ApigCertificateOutputs);
            expect(inventoryOf()).to.deep.equal([]);
        });

        it("a create whose reply was lost waits for the certificate to show in lists, and does not create a second one", async () => {
            lagged.setFaults([{ vendor: "huawei", action: "CreateCertificateV2", kind: "http", status: 502, when: "after" }]);
            const created = await provider.create(await checked({ certContent: chain.chainPem, privateKey: key }));
            expect(lagged.faults()[0]).to.include({ fired: 1 });
            expect(inventoryOf().map((c) => c.id)).to.deep.equal([created.id]);
            await provider.delete(created.id, created.outs as ApigCertificateOutputs);
        });
    });
});
