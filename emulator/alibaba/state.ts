import type { Store, Table } from "../core/store";

/** The account that owns every emulated object (in ARNs); obviously not a real one. */
export const EMULATOR_ACCOUNT_UID = "1000000000000001";
/** KMS ARNs name a region; the emulator serves one. */
export const EMULATOR_REGION = "cn-hangzhou";

export type KmsKeySpec = "RSA_2048" | "EC_P256" | "EC_SM2";
export type KmsStatus = "PENDING" | "ACTIVE" | "INACTIVE" | "REVOKED";

export interface KmsTag {
    TagKey: string;
    TagValue: string;
}

export type KmsCertificateRecord = {
    CertificateId: string;
    Arn: string;
    KeySpec: KmsKeySpec;
    Subject: string;
    SubjectAlternativeNames: string[];
    ExportablePrivateKey: boolean;
    /** Undocumented (legacy Go SDK only); kept when sent, never reported (reference §0.1). */
    ProtectionLevel: string | null;
    Csr: string;
    /** The generated key; never leaves the emulator (inventory and replies leave it out). */
    PrivateKey: string;
    SubjectPublicKey: string;
    Status: KmsStatus;
    Certificate: string;
    CertificateChain: string;
    Serial: string;
    Issuer: string;
    NotBefore: string;
    NotAfter: string;
    SignatureAlgorithm: string;
    SubjectKeyIdentifier: string;
    Tags: KmsTag[];
    CreatedAt: string;
    UpdatedAt: string;
};

export interface AlibabaState {
    readonly certificates: Table<KmsCertificateRecord>;
}

export function openAlibabaState(store: Store): AlibabaState {
    return { certificates: store.table<KmsCertificateRecord>("alibaba", "certificates") };
}
