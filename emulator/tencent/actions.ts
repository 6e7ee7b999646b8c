import type { ActionDefinition } from "./api";
import { certificateActions } from "./certificates";
import { csrActions } from "./csr";
import { tagActions } from "./tags";

/**
 * Every Tencent action the emulator serves: the product whose credential scope it belongs to, its
 * documented rate limit (requests per second per SecretId) and whether it changes stored objects.
 *
 * The limits are the ones the emulator enforced so far: CreateCSR 10/s (its API page), everything
 * else 20/s.
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
    DescribeCertificateDetail: { product: "ssl", perSecond: 20, write: false, ...C.DescribeCertificateDetail },
    DescribeCertificate: { product: "ssl", perSecond: 20, write: false, ...C.DescribeCertificate },
    DescribeCertificates: { product: "ssl", perSecond: 20, write: false, ...C.DescribeCertificates },
    CheckCertificateExist: { product: "ssl", perSecond: 20, write: false, ...C.CheckCertificateExist },
    ModifyCertificateAlias: { product: "ssl", perSecond: 20, write: true, ...C.ModifyCertificateAlias },
    ModifyCertificateProject: { product: "ssl", perSecond: 20, write: true, ...C.ModifyCertificateProject },
    DeleteCertificate: { product: "ssl", perSecond: 20, write: true, ...C.DeleteCertificate },
    DescribeDeleteCertificatesTaskResult: { product: "ssl", perSecond: 20, write: false, ...C.DescribeDeleteCertificatesTaskResult },
    CreateCSR: { product: "ssl", perSecond: 10, write: true, ...R.CreateCSR },
    DescribeCSR: { product: "ssl", perSecond: 20, write: false, ...R.DescribeCSR },
    DescribeCSRSet: { product: "ssl", perSecond: 20, write: false, ...R.DescribeCSRSet },
    ModifyCSR: { product: "ssl", perSecond: 20, write: true, ...R.ModifyCSR },
    BatchDeleteCSR: { product: "ssl", perSecond: 20, write: true, ...R.BatchDeleteCSR },
    ModifyResourceTags: { product: "tag", perSecond: 20, write: true, ...tagActions.ModifyResourceTags },
} satisfies Record<ActionName, TencentAction>;

/** A Map, not an object: an action header such as `constructor` must not find anything. */
export const TENCENT_ACTIONS: ReadonlyMap<string, TencentAction> = new Map(Object.entries(TABLE));
