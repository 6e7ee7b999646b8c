import { delegateTo } from "../core/delegate";
import { apigCertificateProviderImpl } from "./apigCertificateProvider";

// The provider object handed to Pulumi is this module's exports (see core/delegate.ts).
export = delegateTo(() => apigCertificateProviderImpl);
