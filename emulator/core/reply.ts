import type { Reply } from "./types";

/** `value` is anything JSON.stringify renders (plain data: records, arrays, strings, numbers). */
export function jsonReply(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): Reply {
    return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) };
}

export function textReply(status: number, text: string, headers: Readonly<Record<string, string>> = {}): Reply {
    return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: text };
}

/** Admin and routing errors: a small JSON body that says what went wrong. */
export function adminError(status: number, message: string): Reply {
    return jsonReply(status, { error: message });
}
