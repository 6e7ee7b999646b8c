import type { CertificateInfo } from "./parseCertificateChain";

/**
 * Something wrong with the order or linkage of a certificate bundle. Indexes are 0-based positions
 * in the array given to findChainProblems.
 * @public
 */
export type ChainProblem =
    /** The same certificate appears twice. */
    | { readonly kind: "duplicate"; readonly index: number; readonly duplicateOf: number }
    /** Root first, leaf last: every certificate is issued by the one before it. */
    | { readonly kind: "reversed" }
    /** A self-signed certificate that is not last: nothing can follow a root. */
    | { readonly kind: "selfSignedNotLast"; readonly index: number }
    /** Certificate `index` was issued by `issuerIndex`, which is not the next one. */
    | { readonly kind: "outOfOrder"; readonly index: number; readonly issuerIndex: number }
    /** The next certificate did not issue certificate `index`, and no other one in the bundle did. */
    | { readonly kind: "notIssuer"; readonly index: number }
    /** Names (and key identifiers) link `index` to the next certificate, but the signature does not verify with its key. */
    | { readonly kind: "badSignature"; readonly index: number };

/**
 * Checks that a bundle is leaf first, each certificate followed by its issuer, using node:crypto:
 * `checkIssued` (issuer/subject names, key identifiers, key usage) and `verify` (the signature).
 * Signatures made with an SM2 key are not verified: node 20 verifies SM2 signatures inconsistently
 * (false for certificates signed with the standard distinguishing ID), so only the name linkage
 * is checked for them. Returns the first order problem found, plus any bad signatures.
 * @public
 */
export function findChainProblems(chain: readonly CertificateInfo[]): ChainProblem[] {
    const duplicates: ChainProblem[] = [];
    chain.forEach((cert, index) => {
        const first = chain.findIndex((other) => other.der.equals(cert.der));
        if (first !== index) duplicates.push({ kind: "duplicate", index, duplicateOf: first });
    });
    if (duplicates.length > 0) return duplicates;
    if (chain.length < 2) return [];

    const issuedBy = (child: number, parent: number): boolean => safe(() => chain[child]!.x509.checkIssued(chain[parent]!.x509));
    const pairs = chain.slice(0, -1).map((_, i) => i);
    // Leaf first, each issued by the next: the common case, answered with one checkIssued per pair.
    const broken = pairs.filter((i) => !issuedBy(i, i + 1));
    if (broken.length > 0 && pairs.every((i) => issuedBy(i + 1, i) && !issuedBy(i, i + 1))) return [{ kind: "reversed" }];

    for (const i of broken) {
        // Names only: checkIssued(self) is false for a self-signed leaf whose keyUsage lacks keyCertSign.
        if (chain[i]!.selfIssued) return [{ kind: "selfSignedNotLast", index: i }];
        const issuerIndex = chain.findIndex((_, k) => k !== i && issuedBy(i, k));
        return [issuerIndex >= 0 ? { kind: "outOfOrder", index: i, issuerIndex } : { kind: "notIssuer", index: i }];
    }

    const problems: ChainProblem[] = [];
    for (const i of pairs) {
        const issuer = chain[i + 1]!;
        if (safe(() => chain[i]!.x509.verify(issuer.x509.publicKey))) continue;
        // Only a signature that failed asks what key made it (reading the key type costs as much as the check).
        if (issuer.keyAlgorithm.algorithm === "SM2" || issuer.keyAlgorithm.algorithm === "unknown") continue;
        problems.push({ kind: "badSignature", index: i });
    }
    return problems;
}

function safe(check: () => boolean): boolean {
    try {
        return check();
    } catch {
        return false;
    }
}
