import { generateKey, DEFAULT_KEY_SPEC, type KeyPairPem, type KeySpec } from "./generateKey";
import { makeCertificate } from "./makeCertificate";
import type { SubjectFields } from "./subjectName";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A certificate and the key pair it certifies. @public */
export interface IssuedCertificate {
    readonly certificatePem: string;
    readonly privateKeyPem: string;
    readonly publicKeyPem: string;
    readonly notBefore: Date;
    readonly notAfter: Date;
}

/** Where "now" falls relative to the leaf's validity window. @public */
export type LeafValidity = "valid" | "expired" | "notYetValid";

/** @public */
export interface MakeCertificateChainOptions {
    /** Leaf CN. Default `www.example.com`. */
    readonly commonName?: string;
    /** Other leaf subject fields (O, OU, C, …). */
    readonly subject?: Omit<SubjectFields, "CN">;
    /** Leaf SANs (DNS names or IPs). Default `[commonName]`. */
    readonly sans?: readonly string[];
    /** The clock all validity windows are computed from. Default `new Date()`. */
    readonly now?: Date;
    /**
     * `valid` (default): now-1h .. now+90d. `expired`: now-91d .. now-1d.
     * `notYetValid`: now+1d .. now+91d. `notBefore`/`notAfter` override either end.
     */
    readonly validity?: LeafValidity;
    readonly notBefore?: Date;
    readonly notAfter?: Date;
    /** A self-signed leaf with no CA. */
    readonly selfSigned?: boolean;
    /** Whether an intermediate CA sits between root and leaf. Default true. */
    readonly intermediate?: boolean;
    /** Keys to use instead of generating them (RSA generation is the slow part). */
    readonly keys?: { readonly root?: KeyPairPem; readonly intermediate?: KeyPairPem; readonly leaf?: KeyPairPem };
    /** Spec for keys not passed in `keys`. Default RSA 2048. */
    readonly keySpec?: KeySpec;
    readonly rootCommonName?: string;
    readonly intermediateCommonName?: string;
}

/** @public */
export interface CertificateChain {
    readonly leaf: IssuedCertificate;
    /** Absent when `intermediate: false` or `selfSigned`. */
    readonly intermediate?: IssuedCertificate;
    /** Absent when `selfSigned`. */
    readonly root?: IssuedCertificate;
    /** Leaf then intermediate: what a TLS server presents and what the vendors' upload APIs take. */
    readonly chainPem: string;
    /** Leaf, intermediate and root. */
    readonly fullChainPem: string;
    /** The CA certificates alone (intermediate then root), for APIs with a separate chain field. Empty when self-signed. */
    readonly caChainPem: string;
}

/**
 * Builds a root CA, an intermediate CA and a leaf certificate for TLS tests, leaf-first.
 * Deterministic apart from keys and serial numbers when `now` and `keys` are given.
 * @public
 */
export function makeCertificateChain(options: MakeCertificateChainOptions = {}): CertificateChain {
    const now = options.now ?? new Date();
    const commonName = options.commonName ?? "www.example.com";
    const keySpec = options.keySpec ?? DEFAULT_KEY_SPEC;
    const keyFor = (given: KeyPairPem | undefined): KeyPairPem => given ?? generateKey(keySpec);

    const window = leafWindow(now, options);
    const leafKey = keyFor(options.keys?.leaf);
    const leafSubject: SubjectFields = { ...options.subject, CN: commonName };
    const sans = options.sans ?? [commonName];

    if (options.selfSigned) {
        const certificatePem = makeCertificate({ subject: leafSubject, subjectKey: leafKey, sans, ...window });
        const leaf = { certificatePem, ...leafKey, ...window };
        return { leaf, chainPem: certificatePem, fullChainPem: certificatePem, caChainPem: "" };
    }

    // CAs cover the leaf window and now, so only the leaf is ever expired or not yet valid.
    const caWindow = {
        notBefore: wholeSeconds(new Date(Math.min(window.notBefore.getTime(), now.getTime()) - DAY_MS)),
        notAfter: wholeSeconds(new Date(Math.max(window.notAfter.getTime(), now.getTime()) + 365 * DAY_MS)),
    };
    const rootKey = keyFor(options.keys?.root);
    const rootPem = makeCertificate({
        subject: { O: "Cloudcerts Test PKI", CN: options.rootCommonName ?? "Cloudcerts Test Root CA" },
        subjectKey: rootKey,
        ca: true,
        ...caWindow,
    });
    const root: IssuedCertificate = { certificatePem: rootPem, ...rootKey, ...caWindow };

    let issuer: IssuedCertificate = root;
    let intermediate: IssuedCertificate | undefined;
    if (options.intermediate ?? true) {
        const interKey = keyFor(options.keys?.intermediate);
        const interPem = makeCertificate({
            subject: { O: "Cloudcerts Test PKI", CN: options.intermediateCommonName ?? "Cloudcerts Test Intermediate CA" },
            subjectKey: interKey,
            issuer: root,
            ca: true,
            pathLength: 0,
            ...caWindow,
        });
        intermediate = { certificatePem: interPem, ...interKey, ...caWindow };
        issuer = intermediate;
    }

    const leafPem = makeCertificate({ subject: leafSubject, subjectKey: leafKey, issuer, sans, ...window });
    const leaf: IssuedCertificate = { certificatePem: leafPem, ...leafKey, ...window };
    const cas = intermediate ? [intermediate.certificatePem, rootPem] : [rootPem];
    return {
        leaf,
        ...(intermediate ? { intermediate } : {}),
        root,
        chainPem: [leafPem, ...cas.slice(0, -1)].join("\n"),
        fullChainPem: [leafPem, ...cas].join("\n"),
        caChainPem: cas.join("\n"),
    };
}

function leafWindow(now: Date, options: MakeCertificateChainOptions): { notBefore: Date; notAfter: Date } {
    const t = now.getTime();
    const [from, to] =
        options.validity === "expired" ? [t - 91 * DAY_MS, t - DAY_MS] : options.validity === "notYetValid" ? [t + DAY_MS, t + 91 * DAY_MS] : [t - HOUR_MS, t + 90 * DAY_MS];
    return { notBefore: wholeSeconds(options.notBefore ?? new Date(from)), notAfter: wholeSeconds(options.notAfter ?? new Date(to)) };
}

/** Certificates store whole seconds; returning the same instants keeps comparisons exact. */
function wholeSeconds(date: Date): Date {
    return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

