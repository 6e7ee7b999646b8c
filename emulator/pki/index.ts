/**
 * Test PKI: keys, certificate chains and CSRs built offline, for the tests, the local emulator
 * and users testing their stacks without a cloud account. Not for production certificates.
 */
export { generateKey, exportPrivateKey, encryptPrivateKey, publicKeyOf, DEFAULT_KEY_SPEC } from "./generateKey";
export type { KeySpec, EcCurve, KeyPairPem, PrivateKeyEncoding, EncryptPrivateKeyOptions } from "./generateKey";
export { makeCertificate } from "./makeCertificate";
export type { MakeCertificateOptions, CertificateIssuer } from "./makeCertificate";
export { makeCertificateChain } from "./makeCertificateChain";
export type { MakeCertificateChainOptions, CertificateChain, IssuedCertificate, LeafValidity } from "./makeCertificateChain";
export { makeCsr } from "./makeCsr";
export { issueLeaf, signCsr } from "./signCsr";
export type { IssueLeafOptions, SignCsrOptions } from "./signCsr";
export type { MakeCsrOptions, CsrWithKey } from "./makeCsr";
export type { SubjectFields } from "./subjectName";
