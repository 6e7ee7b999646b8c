import { randomInt } from "node:crypto";
import type { Store, Table } from "../core/store";
import type { Tag } from "./params";

/** What the Tencent emulator stores. Times are ISO strings; they are rendered in GMT+8 on the way out. */

/** The account every emulated object belongs to (Tencent's "OwnerUin"); obviously not a real account. */
export const EMULATOR_OWNER_UIN = "100000000001";

export type CertificateType = "SVR" | "CA";

export type CertificateRecord = {
    CertificateId: string;
    /** Insertion sequence: lists are newest first, and a frozen test clock gives equal InsertTimes. */
    seq: number;
    /** Exactly as uploaded (chain included), so that a client comparing it with its input sees no drift. */
    CertificatePublicKey: string;
    /** Exactly as uploaded (possibly encrypted); null for CA certificates. */
    CertificatePrivateKey: string | null;
    KeyPassword: string | null;
    CertificateType: CertificateType;
    Alias: string;
    ProjectId: number;
    CertificateUse: string | null;
    Tags: Tag[];
    InsertTime: string;
    /** Derived from the leaf at upload time. */
    Domain: string;
    /** All subjectAltName DNS names and IPs of the leaf, CN included if listed there. */
    AltNames: string[];
    NotBefore: string;
    NotAfter: string;
    /** SHA-1 of the leaf DER, uppercase hex without separators. */
    Fingerprint: string;
    /** "RSA" or "ECC" (Tencent's naming). */
    EncryptAlgorithm: string;
    IssuerName: string;
    /** Cloud resources the certificate is bound to (set through the admin API); a bound certificate cannot be deleted. */
    BoundResources: string[];
};

export type CsrRecord = {
    Id: number;
    Domain: string;
    Organization: string;
    Department: string;
    Email: string;
    Province: string;
    City: string;
    Country: string;
    EncryptAlgo: string;
    KeyParameter: string;
    Remark: string;
    KeyPassword: string | null;
    SubjectAltName: string[];
    Tags: Tag[];
    CreateTime: string;
    /** PEM once generated, null while the record is a draft. */
    CSR: string | null;
    PrivateKey: string | null;
};

/** An asynchronous DeleteCertificate (IsCheckResource=true); the emulator completes it at once. */
export type DeleteTaskRecord = {
    TaskId: string;
    CertId: string;
    /** 1 deleted; 4 refused because the certificate is bound to cloud resources. */
    Status: number;
    Error: string | null;
    CacheTime: string;
    Domains: string[];
};

export interface TencentState {
    readonly certificates: Table<CertificateRecord>;
    readonly csrs: Table<CsrRecord>;
    readonly deleteTasks: Table<DeleteTaskRecord>;
    nextCertificateSeq(): number;
    /** CSR IDs are integers, allocated in order like the vendor's. */
    nextCsrId(): number;
}

export function openTencentState(store: Store): TencentState {
    return {
        certificates: store.table<CertificateRecord>("tencent", "certificates"),
        csrs: store.table<CsrRecord>("tencent", "csrs"),
        deleteTasks: store.table<DeleteTaskRecord>("tencent", "deleteTasks"),
        nextCertificateSeq: () => store.nextCounter("tencent", "certificateSeq"),
        nextCsrId: () => store.nextCounter("tencent", "csrId", 1001),
    };
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh ID shaped like Tencent's ("a92b1Z1i"): `length` random letters and digits. */
export function randomAlphanumericId(taken: (id: string) => boolean, length = 8): string {
    for (;;) {
        let id = "";
        for (let i = 0; i < length; i++) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
        if (!taken(id)) return id;
    }
}
