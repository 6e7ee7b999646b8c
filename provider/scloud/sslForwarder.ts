import { delegateTo } from "../core/delegate";
import { scloudSslProviderImpl } from "./sslProvider";

// The provider object handed to Pulumi is this module's exports (see core/delegate.ts).
export = delegateTo(() => scloudSslProviderImpl);
