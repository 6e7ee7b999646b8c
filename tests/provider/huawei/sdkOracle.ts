// Huawei's official Node SDK signer is the oracle for ours (reference/huawei-apig.md §2.4, §2.5).
// The package is CJS with no exports map, and AKSKSigner is not exported from its root.
/* eslint-disable @typescript-eslint/no-require-imports */
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
    AKSKSigner: { sign(request: Record<string, unknown>, credential: unknown): Record<string, string> };
};
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core") as {
    BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): unknown } };
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type SdkQuery = Readonly<Record<string, string | number | readonly string[]>>;

export interface SdkSignInput {
    /** Full URL without the query string. */
    readonly endpoint: string;
    readonly method: string;
    readonly headers: Readonly<Record<string, string>>;
    /** Already formatted yyyyMMddTHHmmssZ: the SDK signs the header value as given. */
    readonly sdkDate: string;
    readonly projectId?: string;
    readonly securityToken?: string;
    readonly query?: SdkQuery;
    /** The body as an object: the SDK hashes JSON.stringify(data). */
    readonly data?: object;
    readonly accessKey: string;
    readonly secretKey: string;
}

/**
 * The Authorization header AKSKSigner.sign computes. X-Project-Id and X-Security-Token are added
 * to the headers here, as BaseCredentials.processAuthRequest does before calling the signer.
 */
export function sdkSign(input: SdkSignInput): string {
    const headers: Record<string, string> = { ...input.headers, "X-Sdk-Date": input.sdkDate };
    if (input.projectId) headers["X-Project-Id"] = input.projectId;
    if (input.securityToken) headers["X-Security-Token"] = input.securityToken;
    const request: Record<string, unknown> = { endpoint: input.endpoint, method: input.method, headers };
    if (input.query) request.queryParams = { ...input.query };
    if (input.data !== undefined) request.data = input.data;
    const credential = new BasicCredentials().withAk(input.accessKey).withSk(input.secretKey);
    return AKSKSigner.sign(request, credential).Authorization;
}
