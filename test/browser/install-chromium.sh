#!/usr/bin/env bash
# Installs Debian's chromium for the browser test, unless it is there already. Idempotent.
# The browser test never downloads a browser of its own (playwright-core drives /usr/bin/chromium).
set -euo pipefail
if [ -x /usr/bin/chromium ] && /usr/bin/chromium --version >/dev/null 2>&1; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "[chromium] need root or sudo to apt-get install chromium" >&2; exit 1; }
  sudo="sudo"
fi
echo "[chromium] apt-get install chromium"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 chromium >/dev/null
/usr/bin/chromium --version
