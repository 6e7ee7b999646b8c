import { delegateTo } from "../core/delegate";
import { kmsCertificateUploadProviderImpl } from "./kmsCertificateUploadProvider";

// The provider object handed to Pulumi is this module's exports (see core/delegate.ts).
export = delegateTo(() => kmsCertificateUploadProviderImpl);
