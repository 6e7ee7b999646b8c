import type { Fault, FaultSpec, VendorName } from "../../emulator";

/**
 * The faults of the provider soak: every class a vendor API or the network in front of it
 * produces, each a probabilistic fault on every vendor, seeded (the emulator mixes the seed with
 * each fault's place in the list, so they draw apart), at most MAX_IN_A_ROW in a row on
 * one request (so a retry budget of six attempts is never exhausted by faults alone).
 */

/** The client timeout during the soak: short, so that replies past it are cheap to produce. */
export const CLIENT_TIMEOUT_SECONDS = 2;
export const MAX_IN_A_ROW = 3;

interface PlannedFault {
    readonly label: string;
    readonly spec: Omit<FaultSpec, "vendor" | "action" | "seed" | "maxInARow">;
    /** The client learns what happened (a refusal, or a reply in time): no outcome is left unknown. */
    readonly knownOutcome?: boolean;
}

export const FAULT_CLASSES: readonly PlannedFault[] = [
    { label: "vendor throttling code", spec: { kind: "throttle", probability: 0.04 }, knownOutcome: true },
    { label: "HTTP 429", spec: { kind: "http", status: 429, probability: 0.02 }, knownOutcome: true },
    { label: "HTTP 429 with Retry-After", spec: { kind: "http", status: 429, retryAfter: 1, probability: 0.005 }, knownOutcome: true },
    { label: "HTTP 500 before the action", spec: { kind: "http", status: 500, probability: 0.015 } },
    { label: "HTTP 503 before the action", spec: { kind: "http", status: 503, probability: 0.015 } },
    { label: "HTTP 502 after the action", spec: { kind: "http", status: 502, when: "after", probability: 0.015 } },
    { label: "connection reset before the action", spec: { kind: "reset", probability: 0.02 } },
    { label: "connection reset after the action", spec: { kind: "reset", when: "after", probability: 0.02 } },
    { label: "malformed 2xx, action not done", spec: { kind: "malformed", probability: 0.01 } },
    { label: "malformed 2xx after the action", spec: { kind: "malformed", when: "after", probability: 0.015 } },
    { label: "reply past the client timeout", spec: { kind: "latency", when: "after", latencyMs: CLIENT_TIMEOUT_SECONDS * 1000 + 500, probability: 0.01 } },
    { label: "request held past the client timeout, then done", spec: { kind: "latency", latencyMs: CLIENT_TIMEOUT_SECONDS * 1000 + 500, probability: 0.01 } },
    { label: "slow reply within the timeout", spec: { kind: "latency", latencyMs: 300, probability: 0.02 }, knownOutcome: true },
];

/**
 * Alibaba KMS cannot list certificates, so a CreateCertificate whose outcome is unknown can never
 * be resolved by a retry (the provider says so and records it pending, by design). That action
 * gets only the faults whose outcome the client learns (refusals, a slow reply in time); every
 * other KMS action gets them all.
 */
const ALIBABA_ACTIONS = ["CreateCertificate", "DescribeCertificate", "GetCertificate", "UploadCertificate", "UpdateCertificateStatus", "DeleteCertificate", "TagResource", "UntagResource"];
const UNSEARCHABLE_CREATES = new Set(["CreateCertificate"]);

const VENDORS: readonly VendorName[] = ["tencent", "huawei", "alibaba", "scloud"];

export interface SoakFaults {
    readonly specs: FaultSpec[];
    /** The FAULT_CLASSES label of each spec, by position. */
    readonly labels: string[];
}

export function soakFaults(seed: number): SoakFaults {
    const specs: FaultSpec[] = [];
    const labels: string[] = [];
    const add = (planned: PlannedFault, vendor: VendorName, action?: string) => {
        specs.push({ ...planned.spec, vendor, ...(action ? { action } : {}), seed, maxInARow: MAX_IN_A_ROW });
        labels.push(planned.label);
    };
    for (const planned of FAULT_CLASSES) {
        for (const vendor of VENDORS) {
            if (vendor !== "alibaba") {
                add(planned, vendor);
                continue;
            }
            for (const action of ALIBABA_ACTIONS) {
                if (!UNSEARCHABLE_CREATES.has(action) || planned.knownOutcome === true) add(planned, vendor, action);
            }
        }
    }
    return { specs, labels };
}

/** Fired counts by fault class. */
export function firedByClass(faults: readonly Fault[], labels: readonly string[]): Map<string, number> {
    const byClass = new Map<string, number>(FAULT_CLASSES.map((c) => [c.label, 0]));
    faults.forEach((fault, i) => byClass.set(labels[i]!, (byClass.get(labels[i]!) ?? 0) + fault.fired));
    return byClass;
}
