import { holdsPrivateKey } from "./pem/pemFailure";
import { describeControlCharacter, findControlCharacter, printable } from "./text";
import { containsUnknown } from "./unknown";

/** A check() failure as the engine prints it. */
export interface CheckFailure {
    readonly property: string;
    readonly reason: string;
}

export type Inputs = Readonly<Record<string, unknown>>;

/**
 * Collects check() failures for one resource's inputs. Each accessor returns the value when it is
 * present, known and valid, and undefined otherwise (unknown values are skipped at preview and
 * checked again at `up`). Secret properties are reported with property "" so the engine does not
 * print their value, and the reason names them instead.
 */
export class InputChecker {
    readonly failures: CheckFailure[] = [];
    private readonly inputs: Inputs;
    private readonly secretNames: ReadonlySet<string>;

    constructor(inputs: Inputs, secretNames: readonly string[] = []) {
        this.inputs = inputs;
        this.secretNames = new Set(secretNames);
    }

    /** `shownAs` is how the property is named in the failure, when its key is not fit to print (an unknown key is input). */
    fail(property: string, reason: string, shownAs = property): void {
        // A private key pasted into a plain input must not be printed with it either.
        const value = this.inputs[property];
        const secret = this.secretNames.has(property) || holdsPrivateKey(typeof value === "string" ? value : JSON.stringify(value));
        this.failures.push({ property: secret ? "" : shownAs, reason: reason.startsWith(shownAs) ? reason : `${shownAs}: ${reason}` });
    }

    isUnknown(property: string): boolean {
        return containsUnknown(this.inputs[property]);
    }

    /** True when the property is set (possibly to a value not known yet). */
    isSet(property: string): boolean {
        const v = this.inputs[property];
        return v !== undefined && v !== null;
    }

    private present(property: string): unknown {
        const v = this.inputs[property];
        if (v === undefined || v === null || containsUnknown(v)) return undefined;
        return v;
    }

    string(property: string, rules: { required?: boolean; nonEmpty?: boolean; maxLength?: number; pattern?: RegExp; patternHelp?: string } = {}): string | undefined {
        if (rules.required && !this.isSet(property)) {
            this.fail(property, `${property} is required`);
            return undefined;
        }
        const v = this.present(property);
        if (v === undefined) return undefined;
        if (typeof v !== "string") {
            this.fail(property, `${property} must be a string`);
            return undefined;
        }
        if ((rules.required || rules.nonEmpty) && v.trim() === "") {
            this.fail(property, `${property} must not be empty`);
            return undefined;
        }
        if (rules.maxLength !== undefined && v.length > rules.maxLength) {
            this.fail(property, `${property} is ${v.length} characters long; the limit is ${rules.maxLength}`);
            return undefined;
        }
        if (rules.pattern && !rules.pattern.test(v)) {
            this.fail(property, `${property} ${rules.patternHelp ?? `must match ${rules.pattern}`}`);
            return undefined;
        }
        return v;
    }

    oneOf<T extends string>(property: string, allowed: readonly T[], fallback?: T): T | undefined {
        if (!this.isSet(property)) return fallback;
        const v = this.present(property);
        if (v === undefined) return undefined;
        if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
            this.fail(property, `${property} must be one of ${allowed.join(", ")}`);
            return undefined;
        }
        return v as T;
    }

    boolean(property: string, fallback?: boolean): boolean | undefined {
        if (!this.isSet(property)) return fallback;
        const v = this.present(property);
        if (v === undefined) return undefined;
        if (typeof v !== "boolean") {
            this.fail(property, `${property} must be true or false`);
            return undefined;
        }
        return v;
    }

    integer(property: string, rules: { min?: number; max?: number } = {}): number | undefined {
        const v = this.present(property);
        if (v === undefined) return undefined;
        if (typeof v !== "number" || !Number.isInteger(v)) {
            this.fail(property, `${property} must be a whole number`);
            return undefined;
        }
        if ((rules.min !== undefined && v < rules.min) || (rules.max !== undefined && v > rules.max)) {
            const range = rules.max === undefined ? `at least ${rules.min}` : `between ${rules.min ?? "-∞"} and ${rules.max}`;
            this.fail(property, `${property} must be ${range}`);
            return undefined;
        }
        return v;
    }

    /** A map of tag keys to values, with the vendor's limits. */
    tags(property: string, limits: { maxCount: number; maxKeyLength: number; maxValueLength: number; reservedPrefixes?: readonly string[] }): Record<string, string> | undefined {
        const v = this.present(property);
        if (v === undefined) return undefined;
        if (typeof v !== "object" || Array.isArray(v)) {
            this.fail(property, `${property} must be a map of tag keys to string values, e.g. { env: "prod" }`);
            return undefined;
        }
        const entries = Object.entries(v as Record<string, unknown>);
        if (entries.length > limits.maxCount) {
            // Each tag is not looked at: thousands of bad tags would be thousands of failures.
            this.fail(property, `${property} has ${entries.length} tags; the limit is ${limits.maxCount}`);
            return undefined;
        }
        for (const [key, value] of entries) {
            // Keys are input: quoted short and inert.
            const name = `"${printable(key)}"`;
            if (key.trim() === "" || key.length > limits.maxKeyLength) this.fail(property, `${property} key ${name} must be 1 to ${limits.maxKeyLength} characters`);
            const reserved = limits.reservedPrefixes?.find((p) => key.toLowerCase().startsWith(p));
            if (reserved) this.fail(property, `${property} key ${name} uses the prefix "${reserved}", which the vendor reserves for its own tags: rename it`);
            const keyControl = findControlCharacter(key);
            if (keyControl) this.fail(property, `${describeControlCharacter(`${property} key ${name}`, keyControl)}: remove it (tag keys are plain text)`);
            const path = `${property}.${printable(key)}`;
            if (typeof value !== "string") this.fail(property, `${path} must be a string`);
            else if (value.length > limits.maxValueLength) this.fail(property, `${path} is longer than ${limits.maxValueLength} characters`);
            else {
                const valueControl = findControlCharacter(value);
                if (valueControl) this.fail(property, `${describeControlCharacter(path, valueControl)}: remove it (tag values are plain text)`);
            }
        }
        return this.failures.some((f) => f.property === property) ? undefined : (v as Record<string, string>);
    }
}
