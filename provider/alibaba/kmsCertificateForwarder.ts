import { delegateTo } from "../core/delegate";
import { kmsCertificateProviderImpl } from "./kmsCertificateProvider";

// The provider object handed to Pulumi is this module's exports (see core/delegate.ts).
export = delegateTo(() => kmsCertificateProviderImpl);
