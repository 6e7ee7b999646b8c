import type { EmulatorRequest } from "./types";

/** One header's value; repeated headers are joined with ", " as HTTP allows. Names are lower-case. */
export function headerValue(request: EmulatorRequest, name: string): string | undefined {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
}
