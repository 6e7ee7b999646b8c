import { delegateTo } from "../core/delegate";
import { tencentCertificateProviderImpl } from "./certificateProvider";

// The provider object handed to Pulumi is this module's exports (see core/delegate.ts).
export = delegateTo(() => tencentCertificateProviderImpl);
