import { delegateTo } from "../core/delegate";
import { kmsCertificateProviderImpl } from "./kmsCertificateProvider";

/**
 * The provider object KmsCertificate hands to Pulumi is this module's exports. Pulumi stores the provider
 * of every resource in state, twice, serialized by its closure serializer, which writes a module's
 * exports as a require() of the module (about 300 bytes) but a plain object's functions out by
 * value (2.4 KB): smaller state, and less for the engine to send and save for every resource.
 */
const forwarder = delegateTo(() => kmsCertificateProviderImpl);

export const configure = forwarder.configure;
export const check = forwarder.check;
export const diff = forwarder.diff;
export const create = forwarder.create;
export const read = forwarder.read;
export const update = forwarder.update;
const remove = forwarder.delete;
export { remove as delete };
