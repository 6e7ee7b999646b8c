import { AlibabaError } from "./envelope";
import type { KmsTag } from "./state";

/**
 * RPC parameters, from the query and from an application/x-www-form-urlencoded body: KMS takes
 * them from either place (reference §1, "Parameter location"); the provider sends a form body, the
 * current SDKs a query.
 */
export class Params {
    constructor(private readonly values: ReadonlyMap<string, string>) {}

    static from(query: string, contentType: string, body: Buffer): Params {
        const values = new Map<string, string>(new URLSearchParams(query));
        if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
            for (const [k, v] of new URLSearchParams(body.toString("utf8"))) values.set(k, v);
        }
        return new Params(values);
    }

    optionalString(name: string): string | undefined {
        const v = this.values.get(name);
        return v === undefined || v === "" ? undefined : v;
    }

    requiredString(name: string): string {
        const v = this.optionalString(name);
        if (v === undefined) throw new AlibabaError("MissingParameter", `The input parameter ${name} that is mandatory for processing this request is not supplied.`);
        return v;
    }

    oneOf<T extends string>(name: string, allowed: readonly T[]): T {
        const v = this.requiredString(name);
        if (!(allowed as readonly string[]).includes(v)) throw new AlibabaError("InvalidParameter", `The specified parameter ${name} is not valid: one of ${allowed.join(", ")}.`);
        return v as T;
    }

    boolean(name: string): boolean | undefined {
        const v = this.optionalString(name);
        if (v === undefined) return undefined;
        if (v !== "true" && v !== "false") throw new AlibabaError("InvalidParameter", `The specified parameter ${name} is not valid: true or false.`);
        return v === "true";
    }

    private json(name: string): unknown {
        const v = this.optionalString(name);
        if (v === undefined) return undefined;
        try {
            return JSON.parse(v);
        } catch {
            throw new AlibabaError("InvalidParameter", `The specified parameter ${name} is not valid JSON.`);
        }
    }

    jsonStringArray(name: string): string[] | undefined {
        const v = this.json(name);
        if (v === undefined) return undefined;
        if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new AlibabaError("InvalidParameter", `The specified parameter ${name} is not valid: a JSON list of strings.`);
        return v as string[];
    }

    jsonTagList(name: string): KmsTag[] {
        const v = this.json(name);
        if (v === undefined) throw new AlibabaError("MissingParameter", `The input parameter ${name} that is mandatory for processing this request is not supplied.`);
        const ok = Array.isArray(v) && v.every((t) => t !== null && typeof t === "object" && typeof (t as KmsTag).TagKey === "string" && typeof (t as KmsTag).TagValue === "string");
        if (!ok || (v as unknown[]).length === 0) throw new AlibabaError("InvalidParameter", `The specified parameter ${name} is not valid: a JSON list of {"TagKey","TagValue"}.`);
        return v as KmsTag[];
    }
}
