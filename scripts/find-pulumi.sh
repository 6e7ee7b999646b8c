#!/usr/bin/env bash
# Prints the directory holding a usable `pulumi` (PATH first, then the cache that
# scripts/provide-pulumi.sh fills); prints nothing and exits 1 when there is none. Never builds.
set -uo pipefail
if command -v pulumi >/dev/null 2>&1 && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  dirname "$(command -v pulumi)"
  exit 0
fi
# Newest cached version first: a machine that still holds an older build must not test with it.
if [ -n "${CLOUDCERTS_PULUMI_CACHE:-}" ]; then
  candidates=("$CLOUDCERTS_PULUMI_CACHE/bin")
else
  mapfile -t candidates < <(printf '%s\n' "$HOME"/.cache/pulumi-cloudcerts/pulumi-v*/bin | grep -v '\.partial\.' | sort -rV)
fi
for dir in "${candidates[@]}"; do
  if [ -x "$dir/pulumi" ] && [ -x "$dir/pulumi-language-nodejs" ]; then
    echo "$dir"
    exit 0
  fi
done
exit 1
