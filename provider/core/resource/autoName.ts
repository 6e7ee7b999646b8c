import { randomUUID } from "node:crypto";
import type { AutoNameRule } from "./table";

/** Eight lowercase hex digits: 4 billion names per logical name, as Pulumi's own auto-names have. */
const SUFFIX_LENGTH = 8;

/**
 * Random bytes from randomUUID, which draws on a cached batch of entropy (randomBytes makes a
 * system call each time, a fair part of a check()). A v4 UUID's first 12 hex digits are random.
 */
function uuidBytes(bytes: number): Buffer {
    const uuid = randomUUID();
    return Buffer.from(uuid.slice(0, 8) + uuid.slice(9, 13), "hex").subarray(0, bytes);
}

/**
 * A vendor object name for a resource: its logical name, made to fit the vendor's rules, plus a
 * random suffix, so that a replacement (created before the old object is deleted) never collides
 * with the name it replaces. `random` is injected for tests.
 */
export function autoName(logicalName: string, rule: AutoNameRule, random: (bytes: number) => Buffer = uuidBytes): string {
    const separator = rule.separator ?? "-";
    const suffix = random(SUFFIX_LENGTH / 2).toString("hex").slice(0, SUFFIX_LENGTH);
    const single = new RegExp(`^${rule.allowed.source}$`, rule.allowed.flags.replace("g", ""));
    const fit = (ch: string): string => (single.test(ch) ? ch : single.test(ch.toLowerCase()) ? ch.toLowerCase() : separator);
    let base = [...logicalName].map(fit).join("");
    base = base.replace(new RegExp(`\\${separator}{2,}`, "g"), separator).replace(new RegExp(`^\\${separator}+|\\${separator}+$`, "g"), "");
    if (rule.startWithLetter && !/^\p{L}/u.test(base)) base = `r${separator}${base}`.replace(new RegExp(`\\${separator}+$`), "");
    const room = Math.max(0, rule.maxLength - SUFFIX_LENGTH - separator.length);
    base = [...base].slice(0, room).join("").replace(new RegExp(`\\${separator}+$`), "");
    return base === "" ? (rule.startWithLetter ? `r${suffix}`.slice(0, rule.maxLength) : suffix) : `${base}${separator}${suffix}`;
}
