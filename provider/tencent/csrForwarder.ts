import { delegateTo } from "../core/delegate";
import { tencentCsrProviderImpl } from "./csrProvider";

// The provider object handed to Pulumi is this module's exports (see core/delegate.ts).
export = delegateTo(() => tencentCsrProviderImpl);
