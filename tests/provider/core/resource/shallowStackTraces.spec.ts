import { expect } from "chai";
import * as path from "node:path";
import type * as pulumiType from "@pulumi/pulumi";
import { shallowStackTraces } from "../../../../provider/core/resource/resourceClass";
import { installPackedPackage } from "../../../support/packedPackage";

describe("core/resource/resourceClass: registering a resource takes no deep stack traces", function () {
    this.timeout(120000);

    it("shallowStackTraces lowers Error.stackTraceLimit until restored", () => {
        const before = Error.stackTraceLimit;
        const restore = shallowStackTraces();
        expect(Error.stackTraceLimit).to.equal(0);
        restore();
        expect(Error.stackTraceLimit).to.equal(before);
    });

    it("a resource class captures no stack per property promise (each one source-mapped under ts-node), and restores the limit", async () => {
        // The installed package, as a program loads it (its provider then serializes as a require()).
        const { consumer } = installPackedPackage();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const pulumi = require("@pulumi/pulumi") as typeof pulumiType;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { TencentCertificate } = require(path.join(consumer, "node_modules", "pulumi-cloudcerts")) as typeof import("../../../../provider");
        await pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs }, "project", "stack", false);
        const before = Error.stackTraceLimit;
        const prepare = Error.prepareStackTrace;
        let frames = 0;
        Error.prepareStackTrace = (error, callSites) => {
            frames += callSites.length;
            return prepare ? prepare(error, callSites) : String(error);
        };
        let resource: InstanceType<typeof TencentCertificate>;
        try {
            resource = new TencentCertificate("web", { certificatePublicKey: "not a pem", certificateType: "CA" });
        } finally {
            Error.prepareStackTrace = prepare;
        }
        expect(Error.stackTraceLimit).to.equal(before);
        // Pulumi's own trace for the resource's source position remains; one per property promise
        // (4 for each of 25 properties, 10 frames each) would be about a thousand frames.
        expect(frames).to.be.greaterThan(0).and.lessThan(100);
        expect(await new Promise<string>((resolve) => resource.urn.apply(resolve))).to.contain("web");
    });
});
