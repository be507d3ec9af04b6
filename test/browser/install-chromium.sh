#!/usr/bin/env bash
# Installs Debian's chromium for the browser test, unless it is there already. Idempotent.
# The browser test never downloads a browser of its own (playwright-core drives /usr/bin/chromium).
set -euo pipefail
if [ -x /usr/bin/chromium ] && /usr/bin/chromium --version >/dev/null 2>&1; then
  exit 0
fi
bash "$(dirname "$0")/../../scripts/install-debian-packages.sh" chromium
/usr/bin/chromium --version
