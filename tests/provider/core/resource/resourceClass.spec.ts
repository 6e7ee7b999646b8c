import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { resourceProps, secretProperties } from "../../../../provider/core/resource/resourceClass";
import { tencentCertificateDefinition } from "../../../../provider/tencent/certificateProvider";
import { tencentCsrDefinition } from "../../../../provider/tencent/csrProvider";

describe("core/resource/resourceClass: the class side derives from the same tables", () => {
    it("lists secret inputs and secret outputs for additionalSecretOutputs", () => {
        expect(secretProperties(tencentCertificateDefinition)).to.have.members(["certificatePrivateKey", "keyPassword"]);
        expect(secretProperties(tencentCsrDefinition)).to.have.members(["keyPassword", "privateKey"]);
    });

    it("seeds every output, wraps secret inputs as secrets and passes the logical name", async () => {
        const { props, opts } = resourceProps(tencentCertificateDefinition, "web", { certificatePublicKey: "pem", certificatePrivateKey: "key" }, { protect: true });
        for (const key of Object.keys(tencentCertificateDefinition.outputs)) expect(props).to.have.property(key, undefined);
        // Inputs the program left out are outputs too (the auto-named alias; everything on the get path).
        expect(props).to.have.property("alias", undefined);
        expect(pulumi.Output.isInstance(props.certificatePrivateKey)).to.equal(true);
        expect(await pulumi.isSecret(props.certificatePrivateKey as pulumi.Output<string>)).to.equal(true);
        expect(props.certificatePublicKey).to.equal("pem");
        expect(props.__cloudcertsName).to.equal("web");
        expect(opts).to.include({ protect: true });
        expect(opts.additionalSecretOutputs).to.have.members(["certificatePrivateKey", "keyPassword"]);
    });
});
