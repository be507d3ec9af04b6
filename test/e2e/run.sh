#!/usr/bin/env bash
# End-to-end suite: the packed package inside real n8n, on both lines users run.
#   test/e2e/run.sh                 both lines (scripts/n8n-lines.json): 2.x on Node 24, then 1.x on Node 20
#   test/e2e/run.sh --line 2        one line only (2 or 1)
#   test/e2e/run.sh --line 1 -- -t 'reuses'   extra arguments after -- go to jest
#   test/e2e/run.sh --no-build      reuse the tarball of the previous run (.cache/e2e-pack)
#   E2E_SHARED_N8N=off test/e2e/run.sh   every spec on an n8n of its own (by default the specs without
#                                   settings share one `n8n start`, test/e2e/harness/shared-n8n.ts)
#   N8N_VERSION_2=2.41.0 test/e2e/run.sh --line 2   the whole suite on another version of a line
#                                   (the pins are in scripts/n8n-lines.json; it is installed first)
# Installs whatever n8n is missing into .cache/ first (scripts/install-n8n.sh), builds and packs
# the package once, then runs test/e2e/*.e2e.test.ts with one n8n user folder per spec file.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
lines="2 1"
jest_args=()
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --line) lines="$2"; shift 2 ;;
    --line=*) lines="${1#--line=}"; shift ;;
    --no-build) build=0; shift ;;
    --) shift; jest_args=("$@"); break ;;
    *) echo "unknown argument: $1 (use --line 2|1, then -- <jest args>)" >&2; exit 2 ;;
  esac
done

for line in $lines; do bash scripts/install-n8n.sh "$line"; done

pack_dir="$root/.cache/e2e-pack"
if [ $build = 1 ] || ! ls "$pack_dir"/*.tgz >/dev/null 2>&1; then
  echo "[e2e] build and pack"
  bash scripts/pack-package.sh e2e >/dev/null
fi
export E2E_TARBALL=$(ls "$pack_dir"/*.tgz)

status=0
for line in $lines; do
  started=$(date +%s)
  version_override="N8N_VERSION_$line"
  echo "[e2e] n8n line $line: n8n ${!version_override:-$(node -p "require('./scripts/n8n-lines.json')['$line'].version")}"
  # With RESULTS_DIR set (npm test does), jest's JSON results go there for the closing count.
  results=()
  [ -n "${RESULTS_DIR:-}" ] && results=(--json --outputFile="$RESULTS_DIR/e2e-line$line.json")
  if N8N_LINE=$line npx jest -c test/e2e/jest.config.js --ci "${results[@]}" "${jest_args[@]}"; then
    echo "[e2e] line $line passed in $(( $(date +%s) - started ))s"
  else
    echo "[e2e] line $line FAILED after $(( $(date +%s) - started ))s"
    status=1
  fi
done
exit $status
