import type { ActionDefinition } from "./api";
import { certificateActions } from "./certificates";
import { csrActions } from "./csr";
import { tagActions } from "./tags";

/**
 * Every Tencent action the emulator serves: the product whose credential scope it belongs to, its
 * documented rate limit (requests per second per SecretId) and whether it changes stored objects.
 *
 * Rate limits, by source:
 *   - UploadCertificate 20/s: its API page (reference/seeds/004, "A maximum of 20 requests can be
 *     initiated per second for this API").
 *   - CreateCSR 10/s: its API page (reference/seeds/002).
 *   - Every other SSL action 10/s: reference/tencent.md §1 ("a default of 10 req/s per action"), which
 *     is what SSL's current API Category page lists for Describe*, Modify* and DeleteCertificate.
 *     Older international pages said 20/s for the writes; the newer, lower figure is the one a
 *     client must survive.
 *   - ModifyResourceTags 20/s: the Tag API's own page and its API Category page (every Tag write
 *     is 20/s); reference/tencent.md does not cover the Tag service's limits yet.
 */

export type TencentProduct = "ssl" | "tag";

/** The API version each product answers to (X-TC-Version). */
export const PRODUCT_VERSIONS: Readonly<Record<TencentProduct, string>> = { ssl: "2019-12-05", tag: "2018-08-13" };

export interface TencentAction extends ActionDefinition {
    readonly product: TencentProduct;
    readonly perSecond: number;
    readonly write: boolean;
}

type ActionName = keyof typeof certificateActions | keyof typeof csrActions | keyof typeof tagActions;

const C = certificateActions;
const R = csrActions;

// `satisfies` over every defined action's name: an action written but left out of this table fails to compile.
const TABLE = {
    UploadCertificate: { product: "ssl", perSecond: 20, write: true, ...C.UploadCertificate },
    DescribeCertificateDetail: { product: "ssl", perSecond: 10, write: false, ...C.DescribeCertificateDetail },
    DescribeCertificate: { product: "ssl", perSecond: 10, write: false, ...C.DescribeCertificate },
    DescribeCertificates: { product: "ssl", perSecond: 10, write: false, ...C.DescribeCertificates },
    CheckCertificateExist: { product: "ssl", perSecond: 10, write: false, ...C.CheckCertificateExist },
    ModifyCertificateAlias: { product: "ssl", perSecond: 10, write: true, ...C.ModifyCertificateAlias },
    ModifyCertificateProject: { product: "ssl", perSecond: 10, write: true, ...C.ModifyCertificateProject },
    DeleteCertificate: { product: "ssl", perSecond: 10, write: true, ...C.DeleteCertificate },
    DescribeDeleteCertificatesTaskResult: { product: "ssl", perSecond: 10, write: false, ...C.DescribeDeleteCertificatesTaskResult },
    CreateCSR: { product: "ssl", perSecond: 10, write: true, ...R.CreateCSR },
    DescribeCSR: { product: "ssl", perSecond: 10, write: false, ...R.DescribeCSR },
    DescribeCSRSet: { product: "ssl", perSecond: 10, write: false, ...R.DescribeCSRSet },
    ModifyCSR: { product: "ssl", perSecond: 10, write: true, ...R.ModifyCSR },
    BatchDeleteCSR: { product: "ssl", perSecond: 10, write: true, ...R.BatchDeleteCSR },
    ModifyResourceTags: { product: "tag", perSecond: 20, write: true, ...tagActions.ModifyResourceTags },
} satisfies Record<ActionName, TencentAction>;

/** A Map, not an object: an action header such as `constructor` must not find anything. */
export const TENCENT_ACTIONS: ReadonlyMap<string, TencentAction> = new Map(Object.entries(TABLE));
