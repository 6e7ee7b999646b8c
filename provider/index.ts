export { TencentCertificate, tencentCertificateProvider } from "./tencent/certificate";
export type { TencentCertificateArgs, TencentCertificateInputs, TencentCertificateOutputs, TencentCertificateType } from "./tencent/certificate";
export { TencentCsr, tencentCsrProvider } from "./tencent/csr";
export type { TencentCsrArgs, TencentCsrInputs, TencentCsrOutputs, TencentCsrAlgorithm } from "./tencent/csr";
export { ApigCertificate, apigCertificateProvider } from "./huawei/apigCertificate";
export type { ApigCertificateArgs, ApigCertificateInputs, ApigCertificateOutputs, ApigCertificateType, ApigAlgorithmType } from "./huawei/apigCertificate";
export { KmsCertificate, kmsCertificateProvider } from "./alibaba/kmsCertificate";
export type { KmsCertificateArgs, KmsCertificateInputs, KmsCertificateOutputs, KmsCertificateStatus, KmsKeySpec, KmsProtectionLevel } from "./alibaba/kmsCertificate";
export { KmsCertificateUpload, kmsCertificateUploadProvider } from "./alibaba/kmsCertificateUpload";
export type { KmsCertificateUploadArgs, KmsCertificateUploadInputs, KmsCertificateUploadOutputs } from "./alibaba/kmsCertificateUpload";
export { ScloudSsl, scloudSslProvider } from "./scloud/ssl";
export type { ScloudSslArgs, ScloudSslBinding, ScloudSslInputs, ScloudSslOutputs, ScloudSslType } from "./scloud/ssl";
export { VendorApiError, OutcomeUnknownError, TransportError, ConfigurationError, PartialCreateError } from "./core/errors";

import { apigCertificateProvider } from "./huawei/apigCertificate";
import { kmsCertificateProvider } from "./alibaba/kmsCertificate";
import { kmsCertificateUploadProvider } from "./alibaba/kmsCertificateUpload";
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
    ApigCertificate: apigCertificateProvider,
    KmsCertificate: kmsCertificateProvider,
    KmsCertificateUpload: kmsCertificateUploadProvider,
    ScloudSsl: scloudSslProvider,
};
