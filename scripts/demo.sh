#!/usr/bin/env bash
# npm run demo             build the package, run one example workflow per credential type in a
#                          real n8n (2.41.1 on Node 24) against a local demo API, print what happened
# npm run demo -- --queue  the example workflows on a queue-mode cluster (main, two workers, Redis,
#                          Postgres); prints per execution which worker ran it and the token calls made
# npm run demo -- --serve  then keep n8n running at http://127.0.0.1:5678 with the package and the
#                          example workflows loaded (--port=N for another port); Ctrl+C stops it
# Installs n8n into .cache/ on first use (several minutes, needs the npm registry).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export N8N_LINE=${N8N_LINE:-2}
# n8n and the dev dependencies install side by side (both wait mostly on the registry).
bash scripts/install-deps.sh & deps=$!
bash scripts/install-n8n.sh "$N8N_LINE"
wait "$deps"
echo "[demo] build and pack the package"
E2E_TARBALL=$(bash scripts/pack-package.sh demo)
export E2E_TARBALL
npx tsc -p scripts/demo/tsconfig.json
# --queue: the same examples on a queue-mode cluster (main, two workers, Redis, Postgres).
for arg in "$@"; do [ "$arg" = --queue ] && exec node node_modules/.cache/scripts-js/scripts/demo/queue-demo.js "$@"; done
exec node node_modules/.cache/scripts-js/scripts/demo/demo.js "$@"
