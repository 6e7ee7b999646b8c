import * as pulumi from "@pulumi/pulumi";
import { DefinedResource } from "../core/resource/resourceClass";
import tencentCsrProvider from "./csrForwarder";
import { tencentCsrDefinition, type TencentCsrAlgorithm } from "./csrProvider";

export type { TencentCsrInputs, TencentCsrOutputs, TencentCsrAlgorithm } from "./csrProvider";

/** Inputs of a TencentCsr, named after CreateCSR's fields. */
export interface TencentCsrArgs {
    domain: pulumi.Input<string>;
    organization: pulumi.Input<string>;
    department: pulumi.Input<string>;
    email: pulumi.Input<string>;
    province: pulumi.Input<string>;
    city: pulumi.Input<string>;
    /** ISO 3166-1 alpha-2 code, e.g. "CN" or "US". */
    country: pulumi.Input<string>;
    encryptAlgo: pulumi.Input<TencentCsrAlgorithm>;
    /** "2048" or "4096" for RSA, "prime256v1" for ECC. */
    keyParameter: pulumi.Input<string>;
    /** Generate the CSR now (default true). Once generated the record is immutable and changes replace it. */
    generate?: pulumi.Input<boolean>;
    /** Password for the generated private key. Always stored as a secret. */
    keyPassword?: pulumi.Input<string>;
    remark?: pulumi.Input<string>;
    /** Set at creation; ModifyCSR cannot change tags, so a change replaces the CSR. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The provider object TencentCsr hands to Pulumi: a thin forwarder, stored in state as a require() of its module. */
export { tencentCsrProvider };

/** A certificate signing request managed by Tencent Cloud SSL (CreateCSR). */
export class TencentCsr extends DefinedResource {
    declare readonly csrId: pulumi.Output<string>;
    declare readonly csr: pulumi.Output<string>;
    declare readonly privateKey: pulumi.Output<string>;
    declare readonly status: pulumi.Output<number>;
    declare readonly createTime: pulumi.Output<string>;
    declare readonly domain: pulumi.Output<string>;
    declare readonly organization: pulumi.Output<string>;
    declare readonly department: pulumi.Output<string>;
    declare readonly email: pulumi.Output<string>;
    declare readonly province: pulumi.Output<string>;
    declare readonly city: pulumi.Output<string>;
    declare readonly country: pulumi.Output<string>;
    declare readonly encryptAlgo: pulumi.Output<TencentCsrAlgorithm>;
    declare readonly keyParameter: pulumi.Output<string>;
    declare readonly generate: pulumi.Output<boolean>;
    declare readonly remark: pulumi.Output<string>;
    declare readonly tags: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: TencentCsrArgs, opts?: pulumi.CustomResourceOptions) {
        super({ provider: tencentCsrProvider, definition: tencentCsrDefinition, module: "tencent", type: "Csr" }, name, args, opts);
    }

    /** Looks up an existing CSR by id (needs @pulumi/pulumi 3.268 or later under the engine). */
    static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): TencentCsr {
        return new TencentCsr(name, {} as TencentCsrArgs, { ...opts, id });
    }
}
