/** Tencent renders times as "YYYY-MM-DD HH:mm:ss" in China Standard Time (GMT+8), without a zone suffix. */
const GMT8_OFFSET_MS = 8 * 60 * 60 * 1000;

export function formatTencentTime(time: Date | string): string {
    const ms = (typeof time === "string" ? new Date(time) : time).getTime() + GMT8_OFFSET_MS;
    return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}
