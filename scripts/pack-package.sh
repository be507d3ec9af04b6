#!/usr/bin/env bash
# Builds the package and packs it as npm would publish it, into .cache/<name>-pack/; prints the
# tarball's path. Demo, tests, benchmark and screenshots all install this tarball into n8n.
#   scripts/pack-package.sh NAME
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pack_dir="$root/.cache/$1-pack"
mkdir -p "$root/.cache"
# One build at a time (.ci/run runs the demo beside the test suite): tsc rewrites dist/ in place,
# so a second build, or a pack or scan meanwhile, could read a half-written file.
exec 9>"$root/.cache/.build.lock"
flock 9
npm run build --silent >&2
rm -rf "$pack_dir"; mkdir -p "$pack_dir"
npm pack --silent --pack-destination "$pack_dir" --cache "$root/.cache/npm" >/dev/null
ls "$pack_dir"/*.tgz
