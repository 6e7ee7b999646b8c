#!/usr/bin/env bash
# `npm run demo`: starts the emulator, runs `pulumi up` on the quickstart with a local backend,
# prints the stack outputs and the emulator's inventory. `npm run demo -- destroy` tears it down.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.tmp/demo"
mode=${1:-up}

if ! pulumi_dir=$(bash "$root/scripts/find-pulumi.sh"); then
  cat >&2 <<'MSG'
The demo needs the Pulumi CLI, and none was found on PATH.
  - If you have Go 1.26.6+:  export PATH="$(bash scripts/provide-pulumi.sh | tail -n 1):$PATH"
    (builds pulumi and pulumi-language-nodejs from Pulumi's Go modules once, then caches them)
  - Or install Pulumi from https://www.pulumi.com/docs/install/ and put it on PATH.
MSG
  exit 1
fi
export PATH="$pulumi_dir:$PATH"

# Everything offline and local: file backend, passphrase secrets, no update checks or downloads.
mkdir -p "$work"
export PULUMI_HOME="$work/pulumi-home"
export PULUMI_BACKEND_URL="file://$work/state"
export PULUMI_CONFIG_PASSPHRASE="cloudcerts-demo-passphrase"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p "$work/state"

echo "==> building and packing pulumi-cloudcerts" >&2
(cd "$root" && npm run --silent build && mkdir -p .tmp/pack && rm -f .tmp/pack/*.tgz \
  && npm pack --silent --pack-destination .tmp/pack >/dev/null && mv .tmp/pack/pulumi-cloudcerts-*.tgz .tmp/pack/pulumi-cloudcerts.tgz)
echo "==> installing the quickstart's dependencies (the package from its tarball, as a user would)" >&2
# The tarball keeps its name and version from build to build, and npm would keep the copy it
# installed last time (with its lock file's integrity): drop both so this build is what runs.
(cd "$root/examples/quickstart" && rm -rf node_modules/pulumi-cloudcerts package-lock.json \
  && npm install --no-audit --no-fund --loglevel=error >&2)

echo "==> starting the emulator (state in .tmp/demo/emulator-state.json)" >&2
node "$root/dist/emulator/cli.js" --port 0 --state "$work/emulator-state.json" >"$work/emulator.json" 2>"$work/emulator.log" &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null; wait $emulator_pid 2>/dev/null' EXIT
for _ in $(seq 1 100); do [ -s "$work/emulator.json" ] && break; sleep 0.1; done
endpoints=$(head -n 1 "$work/emulator.json")
json() { node -e 'const v=JSON.parse(process.argv[1]); console.log(process.argv[2].split(".").reduce((o,k)=>o[k],v))' "$endpoints" "$1"; }
# The emulator's port changes each run: hand the endpoint to the providers through the environment.
export CLOUDCERTS_TENCENT_ENDPOINT=$(json endpoints.tencent)
export CLOUDCERTS_HUAWEI_ENDPOINT=$(json endpoints.huawei)
export CLOUDCERTS_ALIBABA_ENDPOINT=$(json endpoints.alibaba)
export CLOUDCERTS_SCLOUD_ENDPOINT=$(json endpoints.scloud)
inventory_url=$(json inventory)

cd "$root"
pulumi stack select demo --create --non-interactive >/dev/null
pulumi config set --plaintext tencentcloud:secretId AKIDCLOUDCERTSEMULATOR --non-interactive
pulumi config set --secret tencentcloud:secretKey cloudcerts-emulator-tencent-key --non-interactive
pulumi config set --plaintext huaweicloud:accessKey "$(json credentials.huawei.accessKey)" --non-interactive
pulumi config set --secret huaweicloud:secretKey "$(json credentials.huawei.secretKey)" --non-interactive
pulumi config set --plaintext huaweicloud:projectId 0123456789abcdef0123456789abcdef --non-interactive
pulumi config set --plaintext huaweicloud:region cn-north-4 --non-interactive
pulumi config set --plaintext alicloud:accessKey CLOUDCERTSEMULATORALIBABA --non-interactive
pulumi config set --secret alicloud:secretKey cloudcerts-emulator-alibaba-key --non-interactive
pulumi config set --plaintext alicloud:region cn-hangzhou --non-interactive
pulumi config set --plaintext scloud:publicKey cloudcerts-emulator-scloud-public-key --non-interactive
pulumi config set --secret scloud:privateKey cloudcerts-emulator-scloud-private-key --non-interactive
pulumi config set --plaintext scloud:region sg --non-interactive
pulumi config set --plaintext scloud:projectId org-quickstart --non-interactive

if [ "$mode" = "destroy" ]; then
  pulumi destroy --yes --non-interactive
  pulumi stack rm demo --yes --non-interactive
  echo "==> emulator inventory after destroy (empty):"
  curl -s "$inventory_url"; echo
  exit 0
fi

pulumi up --yes --non-interactive
echo "==> stack outputs:"
pulumi stack output --json
echo "==> emulator inventory (summary; the full one, never with private keys, is at $inventory_url while it runs):"
curl -s "$inventory_url" | node -e '
const keep = ["CertificateId", "Id", "id", "Alias", "name", "Domain", "common_name", "CertEndTime", "not_after", "Status", "hasPrivateKey", "SSLId", "SSLName", "Domains", "NotAfter"];
let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
  for (const [vendor, collections] of Object.entries(JSON.parse(s)))
    for (const [kind, items] of Object.entries(collections))
      for (const item of items) console.log(`  ${vendor} ${kind}: ${JSON.stringify(Object.fromEntries(keep.filter((k) => k in item).map((k) => [k, item[k]])))}`);
});'
cat <<MSG

Done. The emulator has stopped; its state is kept in .tmp/demo/emulator-state.json.
  Run it again:      npm run demo
  Tear it down:      npm run demo -- destroy
MSG
