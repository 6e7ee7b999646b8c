import { isJsonObject, type JsonObject, type JsonValue } from "../core/json";
import { TencentError } from "./envelope";

/**
 * Reads an action's JSON parameters the way the API 3.0 gateway checks them before the service sees
 * them: a parameter the action does not define is `UnknownParameter`, a missing required one is
 * `MissingParameter`, and a value of the wrong JSON type is `InvalidParameter`. `null` counts as
 * absent, because the official SDKs strip nulls before sending.
 */

export interface Tag {
    TagKey: string;
    TagValue: string;
}

export class Params {
    private readonly values: JsonObject;

    constructor(body: unknown, allowed: readonly string[]) {
        if (!isJsonObject(body)) throw new TencentError("InvalidParameter", "The request body must be a JSON object.");
        const known = new Set(allowed);
        for (const key of Object.keys(body)) {
            if (!known.has(key)) throw new TencentError("UnknownParameter", `The parameter \`${key}\` is not recognized.`);
        }
        this.values = body;
    }

    has(name: string): boolean {
        return this.raw(name) !== undefined;
    }

    optionalString(name: string): string | undefined {
        const value = this.raw(name);
        if (value === undefined) return undefined;
        if (typeof value !== "string") throw typeError(name, "String");
        return value;
    }

    requiredString(name: string): string {
        return this.optionalString(name) ?? missing(name);
    }

    optionalInteger(name: string): number | undefined {
        const value = this.raw(name);
        if (value === undefined) return undefined;
        if (typeof value !== "number" || !Number.isSafeInteger(value)) throw typeError(name, "Integer");
        return value;
    }

    requiredInteger(name: string): number {
        return this.optionalInteger(name) ?? missing(name);
    }

    optionalBoolean(name: string): boolean | undefined {
        const value = this.raw(name);
        if (value === undefined) return undefined;
        if (typeof value !== "boolean") throw typeError(name, "Boolean");
        return value;
    }

    requiredBoolean(name: string): boolean {
        return this.optionalBoolean(name) ?? missing(name);
    }

    optionalStringArray(name: string): string[] | undefined {
        return this.array(name, "Array of String", (item): item is string => typeof item === "string");
    }

    requiredStringArray(name: string): string[] {
        return this.optionalStringArray(name) ?? missing(name);
    }

    optionalIntegerArray(name: string): number[] | undefined {
        return this.array(name, "Array of Integer", (item): item is number => typeof item === "number" && Number.isSafeInteger(item));
    }

    requiredIntegerArray(name: string): number[] {
        return this.optionalIntegerArray(name) ?? missing(name);
    }

    /** `Tags.N`-style parameters: a JSON array of `{TagKey, TagValue}`. */
    optionalTags(name: string): Tag[] | undefined {
        const items = this.array(name, "Array of Tag", isJsonObject);
        return items?.map((item, i) => {
            for (const key of Object.keys(item)) {
                if (key !== "TagKey" && key !== "TagValue") throw new TencentError("UnknownParameter", `The parameter \`${name}.${i}.${key}\` is not recognized.`);
            }
            if (typeof item.TagKey !== "string") throw typeError(`${name}.${i}.TagKey`, "String");
            if (typeof item.TagValue !== "string") throw typeError(`${name}.${i}.TagValue`, "String");
            return { TagKey: item.TagKey, TagValue: item.TagValue };
        });
    }

    /** `TagKeyObject` arrays (`DeleteTags`): `{TagKey}` only. */
    optionalTagKeys(name: string): string[] | undefined {
        const items = this.array(name, "Array of TagKeyObject", isJsonObject);
        return items?.map((item, i) => {
            for (const key of Object.keys(item)) {
                if (key !== "TagKey") throw new TencentError("UnknownParameter", `The parameter \`${name}.${i}.${key}\` is not recognized.`);
            }
            if (typeof item.TagKey !== "string") throw typeError(`${name}.${i}.TagKey`, "String");
            return item.TagKey;
        });
    }

    private array<T extends JsonValue>(name: string, type: string, isItem: (item: JsonValue) => item is T): T[] | undefined {
        const value = this.raw(name);
        if (value === undefined) return undefined;
        if (!Array.isArray(value) || !value.every(isItem)) throw typeError(name, type);
        return value;
    }

    private raw(name: string): JsonValue | undefined {
        const value = this.values[name];
        return value === null ? undefined : value;
    }
}

function missing(name: string): never {
    throw new TencentError("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
}

function typeError(name: string, type: string): TencentError {
    return new TencentError("InvalidParameter", `The value type of parameter \`${name}\` is not valid: expected ${type}.`);
}
