#!/usr/bin/env bash
# Installs Debian packages that are missing (apt-get, never started as services), one apt run on
# the machine at a time: the suite's installers run side by side (.ci/run installs chromium,
# PostgreSQL and Redis ahead while both n8n lines' specs may ask for the same packages), and two
# `apt-get update` at once fail on apt's lists lock, which DPkg::Lock::Timeout does not cover.
#   scripts/install-debian-packages.sh chromium postgresql redis-server
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 <package>..." >&2; exit 2; }
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "[debian] need root or sudo to apt-get install $*" >&2; exit 1; }
  sudo="sudo"
fi
exec 9>"${TMPDIR:-/tmp}/n8n-token-auth-apt.lock"
flock 9
missing=()
for package in "$@"; do installed "$package" || missing+=("$package"); done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[debian] apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
