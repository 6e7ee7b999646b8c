import { ASN1HEX } from "jsrsasign";

/** DER length octets for a body of `bytes` bytes. @internal */
export function derLength(bytes: number): string {
    if (bytes < 0x80) return bytes.toString(16).padStart(2, "0");
    const hex = bytes.toString(16);
    const padded = hex.length % 2 === 0 ? hex : `0${hex}`;
    return (0x80 + padded.length / 2).toString(16) + padded;
}

/** @internal */
export const derSequence = (bodyHex: string): string => `30${derLength(bodyHex.length / 2)}${bodyHex}`;

/**
 * Replaces the direct child `fromTlv` of the SEQUENCE `sequenceHex` with `toTlv`. jsrsasign cannot
 * encode SM2 public keys, so structures are built around a placeholder key that is swapped here.
 * @internal
 */
export function replaceChild(sequenceHex: string, fromTlv: string, toTlv: string): string {
    const children = ASN1HEX.getChildIdx(sequenceHex, 0).map((idx) => ASN1HEX.getTLV(sequenceHex, idx));
    const at = children.indexOf(fromTlv);
    if (at < 0) throw new Error("placeholder public key not found");
    children[at] = toTlv;
    return derSequence(children.join(""));
}

/** @internal */
export function toPem(label: string, der: Buffer): string {
    const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----`;
}
