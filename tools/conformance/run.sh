#!/usr/bin/env bash
# Run the official MCP conformance suite (server mode) against a running MCP server over Streamable HTTP.
#
# Usage: tools/conformance/run.sh URL REQUIREMENTS [OUTDIR] [-- EXTRA_CONFORMANCE_ARGS...]
#   URL           e.g. http://127.0.0.1:3100/mcp
#   REQUIREMENTS  a spec revision: 2025-11-25 or 2026-07-28 (runs exactly the scenarios it requires);
#                 or "active" to run the suite's default active set without --requirements
#   OUTDIR        where per-scenario checks.json land (default: tools/conformance/results/REQUIREMENTS)
#   EXTRA...      passed to `conformance server` as is (e.g. -- --verbose, -- --timeout 60000)
#
# If tools/conformance/expected-failures.REQUIREMENTS.yml exists it is passed as --expected-failures:
# the run then exits 0 when only the listed failures occur, 1 on a new failure or a stale entry.
#
# Exit code: the suite's own (0 pass, 1 failure); 2 for a usage error or a missing install.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() { sed -n '4,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[ "$#" -ge 2 ] || usage
url="$1"; req="$2"; shift 2
outdir="$HERE/results/$req"
if [ "$#" -gt 0 ] && [ "$1" != "--" ]; then outdir="$1"; shift; fi
if [ "$#" -gt 0 ]; then
  [ "$1" = "--" ] || usage
  shift
fi

node22_bin="$HERE/node_modules/node/bin"
suite="$HERE/node_modules/.bin/conformance"
if [ ! -x "$node22_bin/node" ] || [ ! -x "$suite" ]; then
  echo "run.sh: the conformance suite is not installed; run tools/install.sh first" >&2
  exit 2
fi
# The suite needs Node >= 22 (on Node 20 it dies with "fs does not provide an export named globSync").
export PATH="$node22_bin:$PATH"

args=(server --url "$url" -o "$outdir")
if [ "$req" != "active" ]; then
  args+=(--requirements "$req")
fi
for f in "$HERE/expected-failures.$req.yml" "$HERE/expected-failures.$req.yaml"; do
  if [ -f "$f" ]; then
    args+=(--expected-failures "$f")
    break
  fi
done
args+=("$@")

mkdir -p "$outdir"
echo "==> conformance $(node "$suite" --version) on node $(node --version): conformance ${args[*]}"
exec node "$suite" "${args[@]}" </dev/null
