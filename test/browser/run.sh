#!/usr/bin/env bash
# Browser test: n8n's editor in Debian's chromium (playwright-core), "Connect" against the Basic
# emulator, then workflows run from the editor, then refresh after the access token expires.
#   test/browser/run.sh [-- <jest args>]
# Uses n8n 2.41.1 (installs it into .cache/ if missing) and the packed package (E2E_TARBALL, or
# builds and packs one).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
[ "${1:-}" = "--" ] && shift
bash test/browser/install-chromium.sh
bash scripts/install-n8n.sh 2
N8N_LINE=2 npx jest -c test/browser/jest.config.js --ci "$@"
