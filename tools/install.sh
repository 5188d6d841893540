#!/usr/bin/env bash
# Install the pinned external MCP checking tools (kept out of the cnmcp workspace):
#   tools/conformance  @modelcontextprotocol/conformance + Node 22 (the suite needs Node >= 22)
#   tools/inspector    @modelcontextprotocol/inspector (CLI used as a scripted real client)
#   tools/verdaccio    verdaccio (a local npm registry the release test publishes to)
#
# Usage: tools/install.sh [--force] [conformance|inspector|verdaccio ...]
#   no folder names  -> every folder
#   --force          -> reinstall even if the stamp says node_modules is up to date
#
# Idempotent: after a successful `npm ci` it writes node_modules/.cnmcp-install-stamp holding a hash of
# package.json + package-lock.json; a later run skips the folder while that hash still matches.
# Needs only npm and the npm registry; never reads stdin.
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STAMP_NAME=".cnmcp-install-stamp"

force=0
folders=()
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    conformance|inspector|verdaccio) folders+=("$arg") ;;
    *) echo "install.sh: unknown argument: $arg (expected --force, conformance, inspector, verdaccio)" >&2; exit 2 ;;
  esac
done
[ "${#folders[@]}" -gt 0 ] || folders=(conformance inspector verdaccio)

command -v npm >/dev/null 2>&1 || { echo "install.sh: npm not found on PATH" >&2; exit 1; }

hash_files() {
  if command -v sha256sum >/dev/null 2>&1; then
    cat "$@" | sha256sum | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    cat "$@" | shasum -a 256 | cut -d' ' -f1
  else
    cat "$@" | node -e 'let h=require("crypto").createHash("sha256");process.stdin.on("data",d=>h.update(d)).on("end",()=>console.log(h.digest("hex")))'
  fi
}

# A file that must exist (and for Node, run) after a good install of each folder.
check_installed() {
  local name="$1" dir="$2"
  case "$name" in
    conformance)
      [ -x "$dir/node_modules/.bin/conformance" ] && "$dir/node_modules/node/bin/node" --version >/dev/null 2>&1 ;;
    inspector)
      [ -x "$dir/node_modules/.bin/mcp-inspector" ] ;;
    verdaccio)
      [ -x "$dir/node_modules/.bin/verdaccio" ] ;;
  esac
}

now() { date +%s; }

for name in "${folders[@]}"; do
  dir="$TOOLS_DIR/$name"
  stamp="$dir/node_modules/$STAMP_NAME"
  [ -f "$dir/package-lock.json" ] || { echo "install.sh: missing $name/package-lock.json" >&2; exit 1; }
  want="$(hash_files "$dir/package.json" "$dir/package-lock.json")"

  if [ "$force" -eq 0 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && check_installed "$name" "$dir"; then
    echo "==> tools/$name: up to date (lockfile hash ${want:0:12}), skipping npm ci"
    continue
  fi

  echo "==> tools/$name: npm ci --no-audit --no-fund (lockfile hash ${want:0:12})"
  t0=$(now)
  rm -f "$stamp"
  (cd "$dir" && npm ci --no-audit --no-fund </dev/null)
  if ! check_installed "$name" "$dir"; then
    echo "install.sh: tools/$name: npm ci finished but the expected binaries are missing" >&2
    exit 1
  fi
  printf '%s\n' "$want" > "$stamp"
  echo "==> tools/$name: installed in $(( $(now) - t0 ))s"
done

if [[ " ${folders[*]} " == *" conformance "* ]]; then
  echo "==> conformance $("$TOOLS_DIR/conformance/node_modules/node/bin/node" "$TOOLS_DIR/conformance/node_modules/.bin/conformance" --version 2>/dev/null || echo '?') on node $("$TOOLS_DIR/conformance/node_modules/node/bin/node" --version)"
fi
