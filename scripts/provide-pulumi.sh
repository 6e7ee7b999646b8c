#!/usr/bin/env bash
# Provide the Pulumi CLI on a machine that cannot reach Pulumi's release binaries: build it
# from Pulumi's Go modules (the only route here) and cache it outside the repo.
# Usage: dir=$(bash scripts/provide-pulumi.sh | tail -n1); PATH="$dir:$PATH"
# stdout's last line is the directory holding pulumi, pulumi-language-nodejs and
# pulumi-resource-pulumi-nodejs; everything else goes to stderr.
# Details and pitfalls: scripts/README-pulumi.md.
set -euo pipefail

# Must be a pkg/v3 version whose zip the module proxy serves (not every one is: v3.260.0's zip
# answered 403, v3.270.0 is not served); the tests pin the npm SDK @pulumi/pulumi to the same version.
PULUMI_V=${CLOUDCERTS_PULUMI_VERSION:-3.276.0}
# The nodejs language host is a nested module with no tags, and the proxy answers 403 for its
# version list, its @<sha> and its pseudo-versions. sdk/v3@v3.68.0 is the one sdk version the proxy serves that still
# carried the host inside the sdk module, so it is built from there. The engine falls back
# for the RPCs such an old host lacks; the program itself runs on the project's @pulumi/pulumi.
LANGHOST_SDK_V=3.68.0
GO_MIN=1.26.6 # pkg/go.mod's `go` line at v3.276.0; with GOTOOLCHAIN=local an older go cannot build it
CACHE=${CLOUDCERTS_PULUMI_CACHE:-$HOME/.cache/pulumi-cloudcerts/pulumi-v$PULUMI_V}
BIN=$CACHE/bin
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf 'provide-pulumi: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if command -v pulumi >/dev/null 2>&1 && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  log "using pulumi already on PATH"
  dirname "$(command -v pulumi)"
  exit 0
fi

cache_ok() {
  [[ -x $BIN/pulumi && -x $BIN/pulumi-language-nodejs && -x $BIN/pulumi-resource-pulumi-nodejs ]] || return 1
  # A throwaway PULUMI_HOME keeps the check from creating ~/.pulumi or phoning home.
  local home out
  home=$(mktemp -d)
  out=$(PULUMI_HOME=$home PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" version 2>/dev/null) || true
  rm -rf "$home"
  [[ $out == "v$PULUMI_V" ]]
}

if cache_ok; then echo "$BIN"; exit 0; fi

command -v go >/dev/null 2>&1 ||
  die "Go $GO_MIN+ is required to build the Pulumi CLI; install Go or put pulumi on PATH"
GO_V=$(go env GOVERSION) # e.g. go1.26.8
GO_V=${GO_V#go}
[[ $(printf '%s\n%s\n' "$GO_MIN" "${GO_V%%[-+ ]*}" | sort -V | head -n1) == "$GO_MIN" ]] ||
  die "Go $GO_MIN+ is required to build the Pulumi CLI (found go$GO_V); install Go or put pulumi on PATH"

mkdir -p "$(dirname "$CACHE")"
CACHE=$(cd "$(dirname "$CACHE")" && pwd)/$(basename "$CACHE") # we cd below
BIN=$CACHE/bin
# Serialise concurrent callers (CI jobs, parallel test runs) so only one of them builds.
exec 9>"$CACHE.lock"
LOCKED=false
if command -v flock >/dev/null 2>&1; then
  flock -n 9 || { log "waiting for another build of $CACHE"; flock 9; } || die "cannot lock $CACHE.lock"
  LOCKED=true
fi
if cache_ok; then echo "$BIN"; exit 0; fi
# Leftovers of a SIGKILLed build; safe to drop only while we hold the lock.
if $LOCKED; then rm -rf "$CACHE".partial.*; fi

# The stage sits beside the cache so the final mv is a same-filesystem rename: an interrupted
# build leaves only a *.partial.* dir (removed by the trap), never a half-filled cache.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/provide-pulumi.XXXXXX")
STAGE=$(mktemp -d "$CACHE.partial.XXXXXX")
cleanup() { chmod -R u+w "$WORK" 2>/dev/null || true; rm -rf "$WORK" "$STAGE"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$STAGE/bin"
log "building Pulumi v$PULUMI_V into $CACHE (first run only; ~10 min on 2 cores; log: $WORK/build.log)"
START=$SECONDS

# `go install pkg@ver` refuses modules whose go.mod has replace directives, and pkg/go.mod has
# `replace .../sdk/v3 => ../sdk`. So re-create the repo layout from the module zips and build
# each main module in place, where its relative replaces resolve to the sibling copies.
cd "$WORK"
go mod download -json \
  "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_V" \
  "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_V" \
  "github.com/pulumi/pulumi/sdk/v3@v$LANGHOST_SDK_V" >dl.json ||
  die "go mod download of Pulumi v$PULUMI_V failed (proxy unreachable, or it does not serve that version): $(grep '"Error"' dl.json | head -n3)"
MOD=$(go env GOMODCACHE)/github.com/pulumi/pulumi
mkdir -p src
cp -r "$MOD/pkg/v3@v$PULUMI_V" src/pkg
cp -r "$MOD/sdk/v3@v$PULUMI_V" src/sdk
cp -r "$MOD/sdk/v3@v$LANGHOST_SDK_V" langhost-sdk
chmod -R u+w src langhost-sdk # module cache copies are read-only; go may touch go.sum

# Flags as upstream's .goreleaser.yml. The version ldflag matters: with an empty version the
# Automation API's CLI version check fails. nice + -p 2 keep a 2-core machine usable.
TAGS=osusergo,grpcnotrace
VPKG=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version
gobuild() { nice -n 10 go build -p 2 -trimpath -tags "$TAGS" "$@" >>"$WORK/build.log" 2>&1; }
(cd src/pkg && gobuild -ldflags "-X $VPKG=v$PULUMI_V" -o "$STAGE/bin/pulumi" ./cmd/pulumi) ||
  die "building pulumi failed; last lines of the log:$(printf '\n'; tail -n 30 "$WORK/build.log")"
(cd langhost-sdk && gobuild -ldflags "-X $VPKG=v$LANGHOST_SDK_V" -o "$STAGE/bin/pulumi-language-nodejs" \
  ./nodejs/cmd/pulumi-language-nodejs) ||
  die "building pulumi-language-nodejs failed; last lines of the log:$(printf '\n'; tail -n 30 "$WORK/build.log")"

# The dynamic-provider plugin is a 4-line sh script shipped in the npm package; the engine finds
# it next to the pulumi binary. Copy the project's own, or write the identical script.
PLUGIN=pulumi-resource-pulumi-nodejs
if SDK_PKG=$(cd "$REPO" && node -p "require.resolve('@pulumi/pulumi/package.json')" 2>/dev/null) &&
  [[ -f $(dirname "$SDK_PKG")/$PLUGIN ]]; then
  cp "$(dirname "$SDK_PKG")/$PLUGIN" "$STAGE/bin/$PLUGIN"
else
  cat >"$STAGE/bin/$PLUGIN" <<'EOF'
#!/bin/sh
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ ! -z "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" $@
fi
EOF
fi
chmod 755 "$STAGE" "$STAGE/bin" "$STAGE/bin/"*

GOT=$(PULUMI_HOME=$WORK/home PULUMI_SKIP_UPDATE_CHECK=true "$STAGE/bin/pulumi" version 2>/dev/null) || true
[[ $GOT == "v$PULUMI_V" ]] || die "built pulumi reports version '$GOT', expected v$PULUMI_V"

rm -rf "$CACHE"
mv -T "$STAGE" "$CACHE"
log "built in $((SECONDS - START))s; cached in $CACHE ($(du -sh "$CACHE" | cut -f1))"
echo "$BIN"
