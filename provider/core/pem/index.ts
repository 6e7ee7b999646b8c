/**
 * PEM parsing and validation shared by every vendor. node:crypto does keys, decryption, key match
 * and signatures; jsrsasign reads only what node 20 lacks (structured names and SANs, CSR
 * structure), one PEM block at a time. No error message ever quotes the input. Every input is
 * bounded (limits.ts) and scanned in linear time before a parser sees it.
 */
export { certificateFacts, daysUntilExpiry } from "./certificateFacts";
export type { CertificateFacts } from "./certificateFacts";
export { checkCaCertificates } from "./checkCaCertificates";
export type { CheckCaCertificatesOptions } from "./checkCaCertificates";
export { checkCertificateBundle } from "./checkCertificateBundle";
export type { CheckCertificateBundleOptions, ExpectedKeyAlgorithm } from "./checkCertificateBundle";
export type { CheckInput } from "./checkInput";
export type { DistinguishedName } from "./distinguishedName";
export { findChainProblems } from "./findChainProblems";
export type { ChainProblem } from "./findChainProblems";
export { formatKeyAlgorithm, keyAlgorithmOf } from "./keyAlgorithm";
export type { KeyAlgorithm, KeyAlgorithmInfo } from "./keyAlgorithm";
export { DEFAULT_ALLOWED_EC_CURVES, DEFAULT_ALLOWED_KEY_ALGORITHMS, MIN_RSA_KEY_BITS } from "./keyPolicy";
export { MAX_CA_CERTIFICATES, MAX_CHAIN_CERTIFICATES, MAX_PEM_INPUT_BYTES, MAX_REPORTED_FAILURES } from "./limits";
export { loadPrivateKey } from "./loadPrivateKey";
export type { PrivateKeyEncryption, PrivateKeyFormat, PrivateKeyInfo } from "./loadPrivateKey";
export { normalizePem, samePem } from "./normalizePem";
export { parseCertificateBlock, parseCertificateChain } from "./parseCertificateChain";
export type { CertificateInfo, ParseCertificateChainOptions } from "./parseCertificateChain";
export { parseCsr } from "./parseCsr";
export type { CsrInfo } from "./parseCsr";
export { isPemError, PemError } from "./pemError";
export type { PemErrorCode } from "./pemError";
export { CERTIFICATE_LABEL, CSR_LABELS, describePemLabel, isPrivateKeyLabel, PRIVATE_KEY_LABELS } from "./pemLabels";
export { encodePemBlock, splitPemBlocks } from "./splitPemBlocks";
export type { PemBlock } from "./splitPemBlocks";
