import { randomInt } from "node:crypto";
import type { Store, Table } from "../core/store";

/** A load-balancer listener (classic ULB: a VServer) a certificate is bound to, as DescribeSSL's BindedTargetSet shows it. */
export type Binding = {
    ULBId: string;
    ULBName: string;
    VServerId: string;
    VServerName: string;
};

export type SslRecord = {
    SSLId: string;
    /** Insertion sequence: lists keep creation order whatever the (possibly frozen) clock says. */
    seq: number;
    /** Certificates are regional and per project (reference/scloud.md §3.1): lists only show the caller's. */
    Region: string;
    ProjectId: string;
    SSLName: string;
    SSLType: string;
    /** 0 uploaded to ULB, 1 imported from USSL. */
    SSLSource: number;
    USSLId: string | null;
    /** The parts as stored; SSLContent is what DescribeSSL hands back (it holds the key, as the real one does). */
    UserCert: string;
    PrivateKey: string;
    CaCert: string;
    SSLContent: string;
    /** Unix seconds, as DescribeSSL reports it. */
    CreateTime: number;
    /** Milliseconds of the creation, for the DescribeSSL lag. */
    createdAtMs: number;
    /** MD5 of the leaf's DER (the real hash input is undocumented; 32 hex as the real one). */
    HashValue: string;
    Domains: string;
    NotBefore: number;
    NotAfter: number;
    BindedTargetSet: Binding[];
};

/** A certificate hosted in USSL (the SSL certificate service), importable into ULB by USSLId; registered through the admin API. */
export type UsslRecord = {
    USSLId: string;
    UserCert: string;
    CaCert: string;
    PrivateKey: string;
};

export interface ScloudState {
    readonly ssls: Table<SslRecord>;
    readonly ussl: Table<UsslRecord>;
    nextSeq(): number;
    nextUsslNumber(): number;
}

export function openScloudState(store: Store): ScloudState {
    return {
        ssls: store.table<SslRecord>("scloud", "ssls"),
        ussl: store.table<UsslRecord>("scloud", "ussl"),
        nextSeq: () => store.nextCounter("scloud", "sslSeq"),
        nextUsslNumber: () => store.nextCounter("scloud", "usslNumber"),
    };
}

const LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh id shaped like UCloud's ("ssl-4m2xqg0a"). */
export function randomScloudId(prefix: string, taken: (id: string) => boolean): string {
    for (;;) {
        let id = `${prefix}-`;
        for (let i = 0; i < 8; i++) id += LOWER_ALPHANUMERIC[randomInt(LOWER_ALPHANUMERIC.length)];
        if (!taken(id)) return id;
    }
}
