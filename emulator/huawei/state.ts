import { randomBytes } from "node:crypto";
import type { Store, Table } from "../core/store";

/**
 * What the APIG emulator stores: certificate metadata only. Private keys, signing keys and the
 * trusted root CA are checked on upload and never stored, as APIG never returns them either, so
 * neither the inventory nor the state file can leak them.
 */
export type ApigCertificateRecord = {
    id: string;
    /** Insertion order: lists are oldest first whatever the (possibly frozen) clock says. */
    seq: number;
    project_id: string;
    name: string;
    type: "global" | "instance";
    /** "common" for a global certificate. */
    instance_id: string;
    algorithm_type: "RSA" | "ECC" | "SM2";
    common_name: string;
    san: string[];
    not_before: string;
    not_after: string;
    serial_number: string;
    issuer: string[];
    signature_algorithm: string;
    organization: string[];
    organizational_unit: string[];
    locality: string[];
    state: string[];
    country: string[];
    version: number;
    is_has_trusted_root_ca: boolean;
    create_time: string;
    update_time: string;
    /**
     * When a new certificate becomes visible to reads and lists: APIG takes 5–10 s for a new
     * resource to take effect (reference §1.6). Absent: visible at once.
     */
    visible_from?: string;
    /** Domains bound to the certificate (set through the admin API): APIG refuses to delete it while there are any. */
    bound_domains: Array<{ id: string; url_domain: string }>;
};

export type TokenRecord = { digest: string; issued: string };

export interface HuaweiState {
    readonly certificates: Table<ApigCertificateRecord>;
    /** How long a new certificate stays invisible (EmulatorOptions.huaweiVisibilityLagMs); 0 by default. */
    readonly visibilityLagMs: number;
    readonly tokens: Table<TokenRecord>;
    nextSeq(): number;
}

export function openHuaweiState(store: Store, visibilityLagMs = 0): HuaweiState {
    return {
        visibilityLagMs,
        certificates: store.table<ApigCertificateRecord>("huawei", "certificates"),
        tokens: store.table<TokenRecord>("huawei", "tokens"),
        nextSeq: () => store.nextCounter("huawei", "certificateSeq"),
    };
}

/** 32 lowercase hex digits, like APIG's certificate ids (`a27be832f2e9441c8127fe48e3b5ac67`). */
export function newCertificateId(taken: (id: string) => boolean): string {
    for (;;) {
        const id = randomBytes(16).toString("hex");
        if (!taken(id)) return id;
    }
}

/** Whether a certificate is visible yet to reads at `now`. */
export function isVisible(record: ApigCertificateRecord, now: Date): boolean {
    return record.visible_from === undefined || Date.parse(record.visible_from) <= now.getTime();
}

/** APIG's time format: RFC 3339 UTC to the second. */
export function apigTime(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
