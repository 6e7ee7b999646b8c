import type { BadInputClass, Inputs, InvalidCase, ResourceCorpus, ValidCase } from "./types";

const base: Inputs = {
    domain: "csr.example.com",
    organization: "Example Ltd",
    department: "Platform",
    email: "pki@example.com",
    province: "Guangdong",
    city: "Shenzhen",
    country: "CN",
    encryptAlgo: "ECC",
    keyParameter: "prime256v1",
};
const bad = (name: string, kind: BadInputClass, property: string, reason: RegExp, changes: Inputs): InvalidCase => ({ name, class: kind, property, reason, inputs: () => ({ ...base, ...changes }) });
/** The base inputs with `key` unset, as a program that leaves it out. */
const without = (key: string): Inputs => ({ [key]: undefined });

const invalid: InvalidCase[] = [
    bad("a domain with spaces", "name", "domain", /domain must be a host name such as "www.example.com"/, { domain: "csr example com" }),
    bad("a wildcard that is not the first label", "name", "domain", /domain must be a host name/, { domain: "www.*.example.com" }),
    bad("a domain with an underscore", "name", "domain", /domain must be a host name/, { domain: "my_host.example.com" }),
    bad("a domain of 254 characters", "length", "domain", /domain is 254 characters long; the limit is 253/, { domain: `${"a.".repeat(125)}abcd` }),
    bad("a domain with an escape sequence", "control character", "domain", /domain contains a control character \(U\+001B\)/, { domain: "csr.example.com\u001b[8m" }),
    bad("an email without @", "name", "email", /email must be an email address/, { email: "pki.example.com" }),
    bad("an email with a C1 control character", "control character", "email", /email contains a control character \(U\+0085\)/, { email: "pki@example.com\u0085" }),
    bad("the country spelt out", "country code", "country", /ISO 3166-1 alpha-2 code/, { country: "China" }),
    bad("the country in lower case", "country code", "country", /did you mean "CN"\?/, { country: "cn" }),
    bad("a country code that is not assigned", "country code", "country", /ISO 3166-1 alpha-2 code/, { country: "XX" }),
    bad("an SM2 key", "refused algorithm", "encryptAlgo", /encryptAlgo must be one of RSA, ECC/, { encryptAlgo: "SM2", keyParameter: "sm2p256v1" }),
    bad("encryptAlgo in lower case", "enum", "encryptAlgo", /encryptAlgo must be one of RSA, ECC/, { encryptAlgo: "rsa", keyParameter: "2048" }),
    bad("an RSA-1024 key", "refused algorithm", "keyParameter", /keyParameter "1024" does not fit encryptAlgo RSA: use "2048" or "4096"/, { encryptAlgo: "RSA", keyParameter: "1024" }),
    bad("a P-384 key", "refused algorithm", "keyParameter", /keyParameter "secp384r1" does not fit encryptAlgo ECC: use "prime256v1"/, { keyParameter: "secp384r1" }),
    bad("an RSA size for an ECC key", "algorithm mismatch", "keyParameter", /does not fit encryptAlgo ECC/, { keyParameter: "2048" }),
    bad("a curve for an RSA key", "algorithm mismatch", "keyParameter", /does not fit encryptAlgo RSA/, { encryptAlgo: "RSA", keyParameter: "prime256v1" }),
    bad("a numeric RSA size for an ECC key", "conflicting fields", "keyParameter", /keyParameter "4096" does not fit encryptAlgo ECC/, { keyParameter: 4096 }),
    bad("a keyParameter with an escape sequence", "control character", "keyParameter", /keyParameter "2048\?\[2J" does not fit encryptAlgo ECC/, { keyParameter: "2048\u001b[2J" }),
    bad("an organization of 65 characters", "length", "organization", /organization is 65 characters long; the limit is 64/, { organization: "O".repeat(65) }),
    bad("a department of 100 KB", "oversized", "department", /department is 102400 characters long; the limit is 64/, { department: "D".repeat(102_400) }),
    bad("no department", "required", "department", /department is required/, without("department")),
    bad("an empty city", "required", "city", /city must not be empty/, { city: "  " }),
    bad("no encryptAlgo", "required", "encryptAlgo", /encryptAlgo is required: RSA or ECC/, without("encryptAlgo")),
    bad("a NUL in the province", "control character", "province", /province contains a control character \(U\+0000\)/, { province: "Guang\u0000dong" }),
    bad("a line break in the city", "control character", "city", /city contains a control character \(U\+000A\)/, { city: "Shen\nzhen" }),
    bad("generate as a string", "type", "generate", /generate must be true or false/, { generate: "yes" }),
    bad("a domain that is a number", "type", "domain", /domain must be a string/, { domain: 42 }),
    bad("a keyPassword of 129 characters", "length", "keyPassword", /keyPassword is 129 characters long; the limit is 128/, { keyPassword: "k".repeat(129) }),
    bad("a remark of 257 characters", "length", "remark", /remark is 257 characters long; the limit is 256/, { remark: "r".repeat(257) }),
    bad("51 tags", "length", "tags", /tags has 51 tags; the limit is 50/, { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }),
    bad("a tag with Tencent's reserved prefix", "name", "tags", /prefix "qcs:"/, { tags: { "QCS:owner": "x" } }),
    bad("a misspelt input", "unknown input", "Domain", /Domain is not an input of TencentCsr: did you mean domain\?/, { Domain: "csr.example.com" }),
    bad("an input of another resource", "unknown input", "subject", /subject is not an input of TencentCsr; its inputs are domain, organization/, { subject: "CN=csr.example.com" }),
];

const good = (name: string, changes: Inputs): ValidCase => ({ name, inputs: () => ({ ...base, ...changes }) });

const valid: ValidCase[] = [
    good("ECC prime256v1, generated", {}),
    good("RSA 2048 with a key password", { encryptAlgo: "RSA", keyParameter: "2048", keyPassword: "corpus-csr-password-8b1f" }),
    good("RSA 4096 given as a number", { encryptAlgo: "RSA", keyParameter: 4096 }),
    good("a wildcard draft with a remark and tags", { domain: "*.example.com", generate: false, remark: "draft for the wildcard", tags: { env: "prod" } }),
    good("Chinese organization and city names", { organization: "示例有限公司", department: "平台部", province: "广东", city: "深圳" }),
];

export const tencentCsrCorpus: ResourceCorpus = {
    resource: "TencentCsr",
    notApplicable: {
        "garbage PEM": "TencentCsr takes no PEM: Tencent generates the key and the CSR",
        "truncated PEM": "TencentCsr takes no PEM",
        "wrong PEM type": "TencentCsr takes no PEM",
        "swapped fields": "TencentCsr takes no PEM or key",
        "mismatched key": "TencentCsr takes no key: Tencent generates it",
        "chain out of order": "TencentCsr takes no certificate",
        "chain member expired": "TencentCsr takes no certificate",
        expired: "TencentCsr takes no certificate",
        "not yet valid": "TencentCsr takes no certificate",
        password: "TencentCsr's keyPassword encrypts the key Tencent generates: any password is right",
        "distinguished name": "TencentCsr takes the subject as separate fields (domain, organization, …), each covered here",
    },
    invalid,
    valid,
};
