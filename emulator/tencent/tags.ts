import type { ActionDefinition } from "./api";
import { TencentError } from "./envelope";
import type { Tag } from "./params";
import { EMULATOR_OWNER_UIN } from "./state";

/**
 * Tag rules shared by every action that takes tags, and the Tag service (2018-08-13) action that
 * Terraform and the provider use to change a certificate's tags after upload.
 */

const MAX_TAG_KEY_LENGTH = 127;
const MAX_TAG_VALUE_LENGTH = 255;

/** Why a tag list is unacceptable, or undefined. Keys prefixed `qcs:` are reserved for Tencent's own tags. */
export function tagProblem(keys: readonly string[], values: readonly string[] = []): string | undefined {
    const seen = new Set<string>();
    for (const key of keys) {
        if (key.trim() === "") return "a tag key is empty";
        if (key.length > MAX_TAG_KEY_LENGTH) return `tag key "${key.slice(0, 20)}…" is longer than ${MAX_TAG_KEY_LENGTH} characters`;
        if (key.toLowerCase().startsWith("qcs:")) return `tag key "${key}" uses the reserved prefix "qcs:"`;
        if (seen.has(key)) return `tag key "${key}" appears more than once`;
        seen.add(key);
    }
    for (const value of values) {
        if (value.length > MAX_TAG_VALUE_LENGTH) return `a tag value is longer than ${MAX_TAG_VALUE_LENGTH} characters`;
    }
    return undefined;
}

export function tagsProblem(tags: readonly Tag[]): string | undefined {
    return tagProblem(
        tags.map((t) => t.TagKey),
        tags.map((t) => t.TagValue),
    );
}

/** At most ten tags in each of ReplaceTags and DeleteTags ("标签数量不超过10个"). */
const MAX_TAGS_PER_CALL = 10;

/**
 * Parses a six-segment resource name for an SSL certificate:
 * `qcs::ssl:<region, usually empty>:uin/<owner uin or empty>:certificate/<CertificateId>`.
 */
function certificateIdOf(resource: string): string {
    const segments = resource.split(":");
    const [qcs, project, service, , account, path] = segments;
    if (segments.length !== 6 || qcs !== "qcs" || project !== "" || !/^uin\/\d*$/.test(account) || !/^[^/]+\/[^/]+$/.test(path)) {
        throw new TencentError(
            "InvalidParameterValue",
            `Resource \`${resource}\` is not a six-segment resource description (qcs::<service>:<region>:uin/<uin>:<type>/<id>).`,
        );
    }
    const [type, id] = path.split("/");
    const uin = account.slice("uin/".length);
    if (service !== "ssl" || type !== "certificate" || (uin !== "" && uin !== EMULATOR_OWNER_UIN)) {
        throw new TencentError("ResourceNotFound", `The resource \`${resource}\` does not exist (the emulator holds SSL certificates of uin ${EMULATOR_OWNER_UIN}).`);
    }
    return id;
}

export const tagActions = {
    ModifyResourceTags: {
        params: ["Resource", "ReplaceTags", "DeleteTags"],
        run(params, { state }) {
            const resource = params.requiredString("Resource");
            const replace = params.optionalTags("ReplaceTags");
            const remove = params.optionalTagKeys("DeleteTags");
            if (replace === undefined && remove === undefined) {
                throw new TencentError("InvalidParameter", "One of ReplaceTags and DeleteTags must be given.");
            }
            for (const [name, list] of [["ReplaceTags", replace], ["DeleteTags", remove]] as const) {
                if (list === undefined) continue;
                if (list.length === 0) throw new TencentError("InvalidParameterValue", `${name} may be omitted but cannot be an empty array.`);
                if (list.length > MAX_TAGS_PER_CALL) throw new TencentError("InvalidParameterValue", `${name} holds more than ${MAX_TAGS_PER_CALL} tags.`);
            }
            const problem = tagsProblem(replace ?? []) ?? tagProblem(remove ?? []);
            if (problem) throw new TencentError("InvalidParameterValue", `Invalid tags: ${problem}.`);
            const both = (replace ?? []).find((t) => remove?.includes(t.TagKey));
            if (both) throw new TencentError("InvalidParameterValue", `Tag key \`${both.TagKey}\` is in both ReplaceTags and DeleteTags.`);

            const id = certificateIdOf(resource);
            const certificate = state.certificates.get(id);
            if (!certificate) throw new TencentError("ResourceNotFound", `The resource \`${resource}\` does not exist.`);
            const tags = certificate.Tags.filter((t) => !remove?.includes(t.TagKey));
            for (const tag of replace ?? []) {
                const existing = tags.find((t) => t.TagKey === tag.TagKey);
                if (existing) existing.TagValue = tag.TagValue;
                else tags.push({ ...tag });
            }
            state.certificates.put(id, { ...certificate, Tags: tags });
            return {};
        },
    },
} satisfies Record<string, ActionDefinition>;
