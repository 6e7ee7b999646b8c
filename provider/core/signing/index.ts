export { sha256Hex, hmacSha256, hmacSha256Hex, sha1Hex, hmacSha1Base64, type SignableData } from "./hash";
export { percentEncode } from "./percentEncode";
export { canonicalQueryString, type QueryParam } from "./canonicalQuery";
export { canonicalHeaders, type CanonicalHeaders, type CanonicalHeaderOptions } from "./canonicalHeaders";
