// The official Alibaba signer (@alicloud/openapi-util, devDependency) as the oracle for ours:
// reference/alibaba-kms.md §4 shows this exact use of getAuthorization.
/* eslint-disable @typescript-eslint/no-require-imports */
const OpenApiUtil = require("@alicloud/openapi-util").default as {
    getAuthorization(request: unknown, algorithm: string, payloadHash: string, accessKeyId: string, accessKeySecret: string): string;
    hexEncode(raw: Buffer): string;
    hash(raw: Buffer, algorithm: string): Buffer;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface OracleRequest {
    readonly method: string;
    readonly pathname: string;
    readonly query: Readonly<Record<string, string>>;
    /** Every header as sent; the oracle itself picks host, content-type and x-acs-*. */
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | Buffer;
}

/** The payload hash exactly as the official SDK computes it. */
export function officialPayloadHash(body: string | Buffer): string {
    return OpenApiUtil.hexEncode(OpenApiUtil.hash(Buffer.from(body), "ACS3-HMAC-SHA256"));
}

/** The Authorization value the official SDK computes for this request. */
export function officialAuthorization(request: OracleRequest, accessKeyId: string, accessKeySecret: string): string {
    // getAuthorization reads only these four fields of a tea Request, so a plain object stands in
    // for one and @alicloud/tea-typescript need not be a declared dependency.
    const req = { method: request.method, pathname: request.pathname, query: { ...request.query }, headers: { ...request.headers } };
    return OpenApiUtil.getAuthorization(req, "ACS3-HMAC-SHA256", officialPayloadHash(request.body), accessKeyId, accessKeySecret);
}
