#!/usr/bin/env bash
# Browser test: n8n's editor in Debian's chromium (playwright-core), "Connect" against the Basic
# emulator, then workflows run from the editor, then refresh after the access token expires.
#   test/browser/run.sh                 both n8n lines (2.41.1 on Node 24, then 1.123.81 on Node 20)
#   test/browser/run.sh --line 2        one line only (2 or 1)
#   test/browser/run.sh -- -t 'Connect' extra arguments after -- go to jest
# Installs chromium (apt) and the n8n lines when missing; uses E2E_TARBALL when set, otherwise
# builds and packs the package once.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
lines="2 1"
jest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --line) lines="$2"; shift 2 ;;
    --line=*) lines="${1#--line=}"; shift ;;
    --) shift; jest_args=("$@"); break ;;
    *) echo "unknown argument: $1 (use --line 2|1, then -- <jest args>)" >&2; exit 2 ;;
  esac
done

bash test/browser/install-chromium.sh
for line in $lines; do bash scripts/install-n8n.sh "$line"; done

if [ -z "${E2E_TARBALL:-}" ] || [ ! -f "$E2E_TARBALL" ]; then
  E2E_TARBALL=$(bash scripts/pack-package.sh browser)
  export E2E_TARBALL
fi

for line in $lines; do
  started=$(date +%s)
  echo "[browser] n8n line $line"
  results=()
  [ -n "${RESULTS_DIR:-}" ] && results=(--json --outputFile="$RESULTS_DIR/browser-line$line.json")
  N8N_LINE=$line npx jest -c test/browser/jest.config.js --ci "${results[@]}" "${jest_args[@]}"
  echo "[browser] n8n line $line passed in $(( $(date +%s) - started ))s"
done
