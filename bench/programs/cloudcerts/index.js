// N TencentCertificates, one per site, from certificates.json (written by the bench, so the
// program itself does no crypto work the floor program does not do). Auto-named, as most are.
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");
const { TencentCertificate } = require("pulumi-cloudcerts");

const sites = JSON.parse(fs.readFileSync("certificates.json", "utf8"));
sites.forEach((site, i) => {
    new TencentCertificate(`site-${i + 1}`, {
        certificatePublicKey: site.certificatePublicKey,
        certificatePrivateKey: pulumi.secret(site.certificatePrivateKey),
    });
});
