import { VENDOR_NAMES, type VendorName } from "./types";

/** Vendor API requests received since the emulator started or was last reset. */
export interface RequestCounts {
    readonly total: number;
    /** Every vendor, served or not, so the shape is stable. */
    readonly byVendor: Readonly<Record<VendorName, number>>;
    /** "tencent/UploadCertificate"; a request whose action could not be read counts as "tencent/?". */
    readonly byAction: Readonly<Record<string, number>>;
}

/**
 * Counts every request that reaches a vendor's prefix, whatever becomes of it (refused signature,
 * fault, throttling, success): a test that must prove a provider sent nothing, such as check() on
 * bad input, needs to see requests the emulator did not act on too. Admin requests are not counted.
 */
export class RequestCounter {
    private readonly actions = new Map<string, number>();

    record(vendor: VendorName, action: string | undefined): void {
        const key = `${vendor}/${action ?? "?"}`;
        this.actions.set(key, (this.actions.get(key) ?? 0) + 1);
    }

    counts(): RequestCounts {
        const byVendor = Object.fromEntries(VENDOR_NAMES.map((name) => [name, 0])) as Record<VendorName, number>;
        const byAction: Record<string, number> = {};
        let total = 0;
        for (const [key, count] of [...this.actions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
            byAction[key] = count;
            byVendor[key.slice(0, key.indexOf("/")) as VendorName] += count;
            total += count;
        }
        return { total, byVendor, byAction };
    }

    clear(): void {
        this.actions.clear();
    }
}
