#!/usr/bin/env bash
# npm run screenshots: regenerates the README's pictures (docs/screenshots/) in real n8n 2.41.1
# with Debian's chromium. Installs what is missing first, like the tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export N8N_LINE=2
bash test/browser/install-chromium.sh
bash scripts/install-n8n.sh 2
bash scripts/install-deps.sh
E2E_TARBALL=$(bash scripts/pack-package.sh screenshots)
export E2E_TARBALL
npx tsc -p scripts/demo/tsconfig.json
exec node node_modules/.cache/scripts-js/test/browser/screenshots.js
