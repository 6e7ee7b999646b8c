import { FaultSpecError, parseFaultSpec, type FaultSpec } from "./faults";
import type { VendorName } from "./types";
import type { VendorService } from "./vendorService";

/**
 * A fault is accepted only if it can fire as written. A fault that never fires makes a test pass
 * for the wrong reason (the client "survived" a fault that did not happen), so a typo in an action
 * name, a vendor that is not served, or a combination the vendor cannot produce is refused up front.
 */

/** parseFaultSpec (shape) plus what this emulator's vendors can actually produce; throws FaultSpecError. */
export function acceptFaultSpec(value: unknown, vendors: ReadonlyMap<VendorName, VendorService>): FaultSpec {
    const spec = parseFaultSpec(value);
    const vendor = vendors.get(spec.vendor);
    if (!vendor) {
        throw new FaultSpecError(`this emulator does not serve ${spec.vendor} (it serves ${[...vendors.keys()].join(", ")}), so the fault could never fire`);
    }
    if (spec.action !== undefined && !vendor.actions.has(spec.action)) {
        throw new FaultSpecError(`${spec.vendor} has no action "${spec.action}"; its actions are ${[...vendor.actions.keys()].join(", ")}`);
    }
    if (spec.kind === "throttle" && spec.when === "after") {
        throw new FaultSpecError(
            `a throttle fault cannot come "after" the action: a throttling answer says the request was refused, which is false once the action was carried out; ` +
                `for a reply lost after the action use kind "http" or "reset" with when "after"`,
        );
    }
    return spec;
}
