export { TencentCertificate, tencentCertificateProvider } from "./tencent/certificate";
export type { TencentCertificateArgs, TencentCertificateInputs, TencentCertificateOutputs, TencentCertificateType } from "./tencent/certificate";
export { TencentCsr, tencentCsrProvider } from "./tencent/csr";
export type { TencentCsrArgs, TencentCsrInputs, TencentCsrOutputs, TencentCsrAlgorithm } from "./tencent/csr";
export { ScloudSsl, scloudSslProvider } from "./scloud/ssl";
export type { ScloudSslArgs, ScloudSslBinding, ScloudSslInputs, ScloudSslOutputs, ScloudSslType } from "./scloud/ssl";
export { VendorApiError, OutcomeUnknownError, TransportError, ConfigurationError, PartialCreateError } from "./core/errors";

import { scloudSslProvider } from "./scloud/ssl";
import { tencentCertificateProvider } from "./tencent/certificate";
import { tencentCsrProvider } from "./tencent/csr";

/**
 * The ResourceProvider objects the classes hand to Pulumi, by class name. Calling their methods
 * directly behaves as under the engine (tests, tooling).
 */
export const providers = {
    TencentCertificate: tencentCertificateProvider,
    TencentCsr: tencentCsrProvider,
    ScloudSsl: scloudSslProvider,
};
