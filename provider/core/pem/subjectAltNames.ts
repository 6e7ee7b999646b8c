/** Subject alternative names a TLS certificate or CSR names hosts with. @public */
export interface SubjectAltNames {
    /** DNS names and IP addresses in encoding order, as the vendors list them ("SubjectAltName"). */
    readonly all: readonly string[];
    readonly dns: readonly string[];
    /** IPv4 dotted or IPv6 text, as jsrsasign formats them. */
    readonly ip: readonly string[];
}

/**
 * Sorts jsrsasign GeneralName objects ({dns}, {ip}, {rfc822}, …), as returned by
 * X509#getExtSubjectAltName and found in CSR extension requests. Only DNS and IP names are kept:
 * they are what TLS hosts are matched against; email, URI and directory names are not.
 * @internal
 */
export function toSubjectAltNames(generalNames: readonly unknown[] | undefined): SubjectAltNames {
    const all: string[] = [];
    const dns: string[] = [];
    const ip: string[] = [];
    for (const name of generalNames ?? []) {
        if (typeof name !== "object" || name === null) continue;
        const entry = name as Record<string, unknown>;
        if (typeof entry.dns === "string") {
            dns.push(entry.dns);
            all.push(entry.dns);
        } else if (typeof entry.ip === "string") {
            ip.push(entry.ip);
            all.push(entry.ip);
        }
    }
    return { all, dns, ip };
}
