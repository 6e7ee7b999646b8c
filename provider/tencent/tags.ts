import type { CallOptions } from "../core/http";
import { callTencent } from "./client";

export interface TencentTag {
    readonly TagKey: string;
    readonly TagValue: string;
}

/** Tencent's tag limits (Tag service): keys up to 127 characters, values up to 255, 50 per resource, "qcs:" reserved. */
export const TENCENT_TAG_LIMITS = { maxCount: 50, maxKeyLength: 127, maxValueLength: 255, reservedPrefixes: ["qcs:"] } as const;

export function isReservedTagKey(key: string): boolean {
    return TENCENT_TAG_LIMITS.reservedPrefixes.some((prefix) => key.toLowerCase().startsWith(prefix));
}

export function tagsToList(tags: Readonly<Record<string, string>> | undefined): TencentTag[] {
    return Object.entries(tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}

/**
 * Tags as a map, without those Tencent itself sets (the reserved "qcs:" prefix): users cannot
 * set or remove them, so they are never drift.
 */
export function tagsFromList(list: unknown): Record<string, string> {
    // No prototype: a tag named "__proto__" or "constructor" is a tag like any other.
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    if (!Array.isArray(list)) return out;
    for (const item of list as Array<{ TagKey?: unknown; TagValue?: unknown }>) {
        if (typeof item?.TagKey !== "string" || isReservedTagKey(item.TagKey)) continue;
        out[item.TagKey] = typeof item.TagValue === "string" ? item.TagValue : "";
    }
    return out;
}

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/**
 * Brings a resource's tags from `olds` to `news` through the Tag service (SSL has no tag API of
 * its own). ModifyResourceTags takes at most 10 keys per list and refuses empty lists.
 */
export async function syncTencentTags(
    resource: string,
    olds: Readonly<Record<string, string>>,
    news: Readonly<Record<string, string>>,
    callOptions?: CallOptions,
): Promise<void> {
    const replace = Object.entries(news).filter(([k, v]) => olds[k] !== v).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
    const remove = Object.keys(olds).filter((k) => !Object.hasOwn(news, k)).map((TagKey) => ({ TagKey }));
    const steps = Math.max(Math.ceil(replace.length / 10), Math.ceil(remove.length / 10));
    const replaceChunks = chunks(replace, 10);
    const removeChunks = chunks(remove, 10);
    for (let i = 0; i < steps; i++) {
        const params: Record<string, unknown> = { Resource: resource };
        if (replaceChunks[i]?.length) params.ReplaceTags = replaceChunks[i];
        if (removeChunks[i]?.length) params.DeleteTags = removeChunks[i];
        await callTencent("tag", "ModifyResourceTags", params, { idempotent: true }, callOptions);
    }
}

/** The six-segment name the Tag service uses for an SSL certificate (SSL has no region). */
export function certificateTagResource(certificateId: string): string {
    return `qcs::ssl::uin/:certificate/${certificateId}`;
}
