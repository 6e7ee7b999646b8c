import type { CheckFailure } from "../validate";
import { capFailures } from "./capFailures";
import { certificateName } from "./certificateName";
import { readCheckInput, type CheckInput } from "./checkInput";
import { findChainProblems, type ChainProblem } from "./findChainProblems";
import { formatKeyAlgorithm, type KeyAlgorithm, type KeyAlgorithmInfo } from "./keyAlgorithm";
import { describeKey, describeKeyPolicy, keyAllowed, keyPolicy, type KeyPolicy } from "./keyPolicy";
import { loadPrivateKey, type PrivateKeyInfo } from "./loadPrivateKey";
import { isPemError } from "./pemError";
import { pemFailure } from "./pemFailure";
import { parseCertificateChain, type CertificateInfo } from "./parseCertificateChain";
import { validityProblem } from "./validityProblem";

/** The key algorithm an input declares (Huawei algorithm_type, Alibaba KeySpec, …), mapped by the caller. @public */
export interface ExpectedKeyAlgorithm {
    /** The declaring input, reported as the failing property. */
    readonly property: string;
    readonly algorithm: KeyAlgorithm;
    /** Also require this RSA modulus size. */
    readonly bits?: number;
    /** Also require this EC curve ("P-256", "P-384"). */
    readonly curve?: string;
}

/** @public */
export interface CheckCertificateBundleOptions {
    /** The certificate, leaf first, optionally followed by its chain. */
    readonly certificate: CheckInput;
    /** A separate chain input (intermediates, then root), for APIs that take the chain on its own. */
    readonly chain?: CheckInput;
    readonly privateKey?: CheckInput;
    /**
     * The key password input. Pass it whenever the service accepts one, even when its value is
     * absent: its property name is what "set … to its password" advice names. Omit it for services
     * that take unencrypted keys only.
     */
    readonly password?: CheckInput;
    /** Report a missing private key. */
    readonly requireKey: boolean;
    readonly expectedKeyAlgorithm?: ExpectedKeyAlgorithm;
    /**
     * Key algorithms the service accepts, in the certificate and in the private key, e.g.
     * ["RSA", "EC"] for a service without SM2. Default DEFAULT_ALLOWED_KEY_ALGORITHMS
     * (RSA, EC, SM2): Ed25519, Ed448, X25519, DSA and RSA-PSS keys are rejected.
     */
    readonly allowedKeyAlgorithms?: readonly KeyAlgorithm[];
    /** EC curves accepted when "EC" is allowed. Default DEFAULT_ALLOWED_EC_CURVES (P-256, P-384). */
    readonly allowedEcCurves?: readonly string[];
    /** Smallest RSA modulus accepted, in bits. Default MIN_RSA_KEY_BITS (2048). */
    readonly minRsaKeyBits?: number;
    /** The time validity is judged at. */
    readonly now: Date;
    /**
     * Check that every certificate is inside its validity period. Default true. Pass false when
     * the PEM is unchanged from the last deployment: a deployed certificate that expires must
     * only warn (see certificateFacts), never block the stack.
     */
    readonly checkValidity?: boolean;
    /**
     * A service's own rules on the leaf (a SAN it requires, a latest expiry), run on the
     * certificate already parsed here when the bundle parses, so no caller parses it twice.
     */
    readonly leafRules?: (leaf: CertificateInfo) => CheckFailure[];
}

/**
 * Validates a certificate bundle and its private key for check() (pulumi preview): every PEM
 * parses; the chain is leaf first with each certificate issued (and signed) by the next; every
 * certificate is inside its validity period (unless `checkValidity` is false); the key decrypts with the password and matches the leaf; the key
 * type is allowed and is the declared one. Inputs not known yet are skipped.
 *
 * Reasons name the property, say what is wrong and how to fix it, and never contain input text;
 * failures about the private key or password have property "" so the engine does not print them.
 * A password given for an unencrypted key is rejected: it is almost always the decrypted copy of
 * an encrypted key passed by mistake, and services that take a password would apply it.
 * Fast: node:crypto does all key and signature work (an RSA-2048 three-certificate chain with its
 * key validates in a few milliseconds).
 * @public
 */
export function checkCertificateBundle(options: CheckCertificateBundleOptions): CheckFailure[] {
    const failures: CheckFailure[] = [];
    const bundle = readBundle(options, failures);
    const key = readKey(options, failures);
    const policy = keyPolicy(options);
    const leaf = bundle?.certs[0];
    if (bundle !== undefined && leaf !== undefined) {
        failures.push(...certificateFailures(bundle, leaf, policy, options));
        if (options.leafRules) failures.push(...options.leafRules(leaf));
    }
    if (key) {
        const matchFailure = bundle !== undefined && leaf !== undefined ? keyMatchFailure(key.info, key.property, bundle) : undefined;
        // A key that matches the leaf is of the leaf's type, which certificateFailures judged.
        const matched = bundle !== undefined && leaf !== undefined && matchFailure === undefined;
        const policyFailure = matched ? undefined : keyPolicyFailure(key.info.keyAlgorithm, key.property, policy, leaf?.keyAlgorithm);
        if (policyFailure) failures.push(policyFailure);
        if (matchFailure) failures.push(matchFailure);
    }
    return failures;
}

function certificateFailures(bundle: Bundle, leaf: CertificateInfo, policy: KeyPolicy, options: CheckCertificateBundleOptions): CheckFailure[] {
    const certificateProperty = options.certificate.property;
    const chain = findChainProblems(bundle.certs).map((problem) => chainFailure(problem, bundle));
    if (options.checkValidity ?? true) chain.push(...validityFailures(bundle, options.now));
    const failures = capFailures(chain);

    if (!keyAllowed(leaf.keyAlgorithm, policy)) {
        failures.push({
            property: certificateProperty,
            reason: `${certificateProperty}: the certificate has ${describeKey(leaf.keyAlgorithm)}; this service accepts ${describeKeyPolicy(policy)} keys only. Use a certificate issued for a key of one of those types.`,
        });
    }
    const expected = options.expectedKeyAlgorithm;
    if (expected && !matchesExpected(leaf.keyAlgorithm, expected)) {
        const declared = formatKeyAlgorithm(expected);
        failures.push({
            property: expected.property,
            reason: `${expected.property} declares ${declared}, but the certificate in ${certificateProperty} has a key of type ${formatKeyAlgorithm(leaf.keyAlgorithm)}. Set ${expected.property} to match the certificate, or use a certificate whose key is ${declared}.`,
        });
    }
    return failures;
}

interface Bundle {
    readonly certs: readonly CertificateInfo[];
    /** How to name certificate i in messages, and which property it came from. */
    readonly describe: (index: number) => string;
    readonly propertyOf: (index: number) => string;
    /** "certificate 2 of 3 in certificatePublicKey (issued to CN=…)". */
    readonly fullName: (index: number) => string;
}

function readBundle(options: CheckCertificateBundleOptions, failures: CheckFailure[]): Bundle | undefined {
    const keyProperty = options.privateKey?.property;
    const read = (input: CheckInput, required: boolean): CertificateInfo[] | undefined => {
        const state = readCheckInput(input);
        switch (state.state) {
            case "unknown":
                return undefined;
            case "absent":
                if (required) failures.push({ property: input.property, reason: `${input.property} is required: set it to the PEM certificate, the leaf first, then its intermediate CA certificates.` });
                return required ? undefined : [];
            case "notString":
                failures.push({ property: input.property, reason: `${input.property} must be a string holding PEM text.` });
                return undefined;
            case "present":
                try {
                    return parseCertificateChain(state.text);
                } catch (error) {
                    failures.push(pemFailure(error, { property: input.property, content: "certificate", text: state.text, ...(keyProperty ? { keyProperty } : {}) }));
                    return undefined;
                }
        }
    };
    const main = read(options.certificate, true);
    const chain = options.chain ? read(options.chain, false) : [];
    if (main === undefined || chain === undefined) return undefined;

    const first = main.length;
    const separate = options.chain !== undefined && chain.length > 0;
    const chainProperty = options.chain?.property ?? options.certificate.property;
    const certs = [...main, ...chain];
    return {
        certs,
        describe: (i) => (!separate ? `certificate ${i + 1}` : i < first ? `certificate ${i + 1} of ${options.certificate.property}` : `certificate ${i - first + 1} of ${chainProperty}`),
        propertyOf: (i) => (i < first ? options.certificate.property : chainProperty),
        fullName: (i) =>
            i < first ? certificateName(i, first, options.certificate.property, certs[i]!.subject) : certificateName(i - first, chain.length, chainProperty, certs[i]!.subject),
    };
}

function readKey(options: CheckCertificateBundleOptions, failures: CheckFailure[]): { info: PrivateKeyInfo; property: string } | undefined {
    const keyProperty = options.privateKey?.property ?? "the private key";
    const passwordProperty = options.password?.property;
    const keyState = readCheckInput(options.privateKey);
    const passwordState = readCheckInput(options.password);

    if (passwordState.state === "notString") failures.push({ property: "", reason: `${passwordProperty} must be a string.` });
    switch (keyState.state) {
        case "unknown":
            return undefined;
        case "notString":
            failures.push({ property: "", reason: `${keyProperty} must be a string holding PEM text.` });
            return undefined;
        case "absent":
            if (options.requireKey) failures.push({ property: "", reason: `${keyProperty} is required: set it to the PEM private key of the certificate in ${options.certificate.property}.` });
            if (passwordState.state === "present") {
                failures.push({ property: "", reason: `${passwordProperty} is set but ${keyProperty} is not. Remove ${passwordProperty}, or set ${keyProperty} to the encrypted key it unlocks.` });
            }
            return undefined;
        case "present":
            break;
    }

    const password = passwordState.state === "present" ? passwordState.text : undefined;
    let info: PrivateKeyInfo;
    try {
        info = loadPrivateKey(keyState.text, password);
    } catch (error) {
        // With the password still unknown at preview, an encrypted key is checked again at `up`.
        if (passwordState.state === "unknown" && isPemError(error) && error.code === "PASSWORD_REQUIRED") return undefined;
        failures.push(pemFailure(error, { property: keyProperty, content: "privateKey", ...(passwordProperty ? { passwordProperty } : {}) }));
        return undefined;
    }
    if (info.encryption === "none" && password !== undefined) {
        failures.push({
            property: "",
            reason: `${passwordProperty} is set but ${keyProperty} is not encrypted. Remove ${passwordProperty}, or set ${keyProperty} to the encrypted key it belongs to.`,
        });
    }
    return { info, property: keyProperty };
}

/**
 * A private key the service would refuse. Skipped when the certificate carries the same kind of
 * key, whose failure already says it: one mistake, one failure.
 */
function keyPolicyFailure(key: KeyAlgorithmInfo, keyProperty: string, policy: KeyPolicy, leafKey: KeyAlgorithmInfo | undefined): CheckFailure | undefined {
    if (keyAllowed(key, policy)) return undefined;
    if (leafKey !== undefined && !keyAllowed(leafKey, policy) && formatKeyAlgorithm(leafKey) === formatKeyAlgorithm(key)) return undefined;
    return {
        property: "",
        reason: `${keyProperty} is ${describeKey(key)}; this service accepts ${describeKeyPolicy(policy)} keys only. Use a key of one of those types, and a certificate issued for it.`,
    };
}

/**
 * Every certificate, not only the leaf: vendors reject a bundle with an expired intermediate, and
 * browsers fail on it. The leaf keeps the plain name "the certificate".
 */
function validityFailures(bundle: Bundle, now: Date): CheckFailure[] {
    const failures: CheckFailure[] = [];
    bundle.certs.forEach((cert, i) => {
        // Naming a certificate decodes its subject: only a certificate with a problem is named.
        if (validityProblem(cert, now) === undefined) return;
        const problem =
            i === 0
                ? validityProblem(cert, now)
                : validityProblem(cert, now, bundle.fullName(i), "Replace it with the current CA certificate from the issuer of this certificate (CAs re-issue intermediates before they expire).");
        if (problem) failures.push(at(bundle, i, problem));
    });
    return failures;
}

function keyMatchFailure(key: PrivateKeyInfo, keyProperty: string, bundle: Bundle): CheckFailure | undefined {
    const matches = (cert: CertificateInfo): boolean => {
        try {
            return cert.x509.checkPrivateKey(key.keyObject);
        } catch {
            return false;
        }
    };
    const leaf = bundle.certs[0]!;
    if (matches(leaf)) return undefined;
    const other = bundle.certs.findIndex(matches);
    if (other > 0) {
        return {
            property: "",
            reason: `${keyProperty} matches ${bundle.describe(other)} in ${bundle.propertyOf(other)}, not the first certificate. Put the certificate this key belongs to (the leaf) first, followed by its issuers.`,
        };
    }
    const certType = formatKeyAlgorithm(leaf.keyAlgorithm);
    const keyType = formatKeyAlgorithm(key.keyAlgorithm);
    const why = certType === keyType ? "it is the key of a different certificate (for example the one before a renewal)" : `the certificate has a key of type ${certType} and the private key is ${keyType}`;
    return {
        property: "",
        reason: `${keyProperty} does not match the certificate in ${bundle.propertyOf(0)}: ${why}. Use the private key that the certificate was issued for (the one its CSR was made with).`,
    };
}

function chainFailure(problem: ChainProblem, bundle: Bundle): CheckFailure {
    const name = bundle.describe;
    const order = "The chain must start with the leaf certificate, each certificate followed by the one that issued it.";
    switch (problem.kind) {
        case "duplicate":
            return at(bundle, problem.index, `${name(problem.index)} is a copy of ${name(problem.duplicateOf)}. Remove the duplicate.`);
        case "reversed":
            return at(bundle, 0, `the chain is in reverse order (root first). Reverse it so that the leaf certificate comes first, each certificate followed by the one that issued it.`);
        case "selfSignedNotLast":
            return at(bundle, problem.index + 1, `${name(problem.index)} is self-signed, so no certificate can follow it in the chain. ${order}`);
        case "outOfOrder":
            return at(bundle, Math.max(problem.index, problem.issuerIndex), `the chain is out of order: ${name(problem.index)} was issued by ${name(problem.issuerIndex)}, not by the certificate after it. ${order}`);
        case "notIssuer":
            return at(
                bundle,
                problem.index + 1,
                `${name(problem.index + 1)} did not issue ${name(problem.index)}, and no certificate in the chain did. Replace it with the intermediate CA certificate that issued ${name(problem.index)}, or remove certificates that belong to another chain. ${order}`,
            );
        case "badSignature":
            return at(
                bundle,
                problem.index + 1,
                `the signature of ${name(problem.index)} does not verify with the key of ${name(problem.index + 1)}, although the names match: that CA certificate has a different key. Use the intermediate CA certificate delivered with this certificate.`,
            );
    }
}

function at(bundle: Bundle, index: number, what: string): CheckFailure {
    const property = bundle.propertyOf(index);
    return { property, reason: `${property}: ${what}` };
}

function matchesExpected(actual: KeyAlgorithmInfo, expected: ExpectedKeyAlgorithm): boolean {
    if (actual.algorithm !== expected.algorithm) return false;
    if (expected.bits !== undefined && actual.bits !== expected.bits) return false;
    if (expected.curve !== undefined && actual.curve !== expected.curve) return false;
    return true;
}
