#!/usr/bin/env bash
# Installs the dev dependencies exactly as package-lock.json pins them (`npm ci`), once per lock:
# the demo, the tests and the benchmark all start here, so they all run on the same tree.
# --ignore-scripts: n8n-workflow 2.x (a dev dependency) pulls in isolated-vm, whose install
# script cannot build on Node 20; nothing the package's own tests load needs an install script.
# (Not set in .npmrc: there it would also silence prepublishOnly, the guard on `npm publish`.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p .cache
# One npm ci at a time: .ci/run starts the demo and the test suite together, and both start here.
exec 9>.cache/.install-deps.lock
flock 9
marker=node_modules/.installed-from-lock
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$lock_sum" ]; then exit 0; fi
echo "[install-deps] npm ci (package-lock.json)"
npm ci --ignore-scripts --cache .cache/npm --no-audit --no-fund --loglevel=error
echo "$lock_sum" > "$marker"
