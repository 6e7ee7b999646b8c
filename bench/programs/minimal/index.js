// The floor: N dynamic resources whose provider creates at once and checks nothing, so the time is
// the engine's own per-resource cost (registration, a provider process, state). N from config.
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

const count = new pulumi.Config().requireNumber("count");
for (let i = 1; i <= count; i++) new Minimal(`site-${i}`, { site: `site-${i}` });
