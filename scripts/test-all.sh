#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, builds, lints, then runs
# unit and integration tests and the end-to-end suite in real n8n (both n8n lines).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { echo; echo "=== $* ($(( $(date +%s) - started ))s)"; }

step "install dev dependencies"
[ -d node_modules/n8n-core ] || npm ci --cache .cache/npm --no-audit --no-fund --loglevel=error

step "build"
npm run build --silent

step "lint"
npm run lint --silent

step "unit and integration tests"
npx jest --ci

step "end-to-end tests in real n8n (both lines)"
bash test/e2e/run.sh

step "browser test: Basic (basic.tech) Connect in Debian's chromium (both n8n lines)"
E2E_TARBALL=$(ls .cache/e2e-pack/*.tgz) bash test/browser/run.sh
step "all tests passed"
