// The floor: N dynamic resources whose provider creates at once and checks nothing, so the time is
// the engine's own per-resource cost (registration, a provider process, state). N from config;
// with config withCertificates=true each one also carries a certificate and its key (secret) from
// certificates.json, as a TencentCertificate does: the same state to store, no provider work. With
// config perSecond=K, creates are also held to K a second (any 1000 ms holds at most K), as a
// vendor's documented rate holds uploads: what a provider with no overhead of its own could reach.
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const perSecond = config.getNumber("perSecond") ?? 0;
const sites = config.getBoolean("withCertificates") ? JSON.parse(fs.readFileSync("certificates.json", "utf8")) : [];

// Captured by value into the serialized provider; the provider host keeps one instance for all resources.
const pacing = { perSecond, sent: [] };
const provider = {
    async create(inputs) {
        if (pacing.perSecond > 0) {
            for (;;) {
                const now = Date.now();
                pacing.sent = pacing.sent.filter((t) => now - t < 1000);
                if (pacing.sent.length < pacing.perSecond) break;
                await new Promise((resolve) => globalThis.setTimeout(resolve, pacing.sent[0] + 1000 - now));
            }
            pacing.sent.push(Date.now());
        }
        return { id: inputs.site, outs: inputs };
    },
};

class Minimal extends pulumi.dynamic.Resource {
    constructor(name, props, opts) {
        super(provider, name, props, opts);
    }
}

for (let i = 1; i <= count; i++) {
    const site = sites[i - 1];
    const data = site ? { certificatePublicKey: site.certificatePublicKey, certificatePrivateKey: pulumi.secret(site.certificatePrivateKey) } : {};
    new Minimal(`site-${i}`, { site: `site-${i}`, ...data });
}
