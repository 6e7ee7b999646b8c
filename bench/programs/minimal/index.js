// The floor: N dynamic resources whose provider creates at once and checks nothing, so the time is
// the engine's own per-resource cost (registration, a provider process, state). N from config;
// with config withCertificates=true each one also carries a certificate and its key (secret) from
// certificates.json, as a TencentCertificate does: the same state to store, no provider work.
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");

const provider = {
    async create(inputs) {
        return { id: inputs.site, outs: inputs };
    },
};

class Minimal extends pulumi.dynamic.Resource {
    constructor(name, props, opts) {
        super(provider, name, props, opts);
    }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const sites = config.getBoolean("withCertificates") ? JSON.parse(fs.readFileSync("certificates.json", "utf8")) : [];
for (let i = 1; i <= count; i++) {
    const site = sites[i - 1];
    const data = site ? { certificatePublicKey: site.certificatePublicKey, certificatePrivateKey: pulumi.secret(site.certificatePrivateKey) } : {};
    new Minimal(`site-${i}`, { site: `site-${i}`, ...data });
}
