#!/usr/bin/env bash
# Benchmark-style proof (not a test): `.ci/run` on a clean clone of this repository's HEAD while
# busy loops keep every core occupied, as on a shared CI machine. Prints where the log is.
#   scripts/ci-under-load.sh                 one busy loop per core (nproc)
#   LOOPS=0 scripts/ci-under-load.sh         the same clean-clone run on a quiet machine
# The loops stop by themselves after LOAD_SECONDS (default 6000) and are stopped by PID when the
# run ends; the load average is sampled once a minute into the log.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
loops=${LOOPS:-$(nproc)}
stamp=$(date +%Y%m%d-%H%M%S)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ci-under-load-$stamp-XXXX")
log="$dir.log"
git clone -q "$root" "$dir/repo"
echo "log: $log"
echo "clean clone of $(git -C "$dir/repo" rev-parse --short HEAD) in $dir/repo, $loops busy loop(s)" >"$log"
pids=()
for _ in $(seq 1 "$loops"); do
  timeout "${LOAD_SECONDS:-6000}" sh -c 'while :; do :; done' &
  pids+=($!)
done
( for _ in $(seq 1 200); do echo "[load] $(date +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" >>"$log.load"; sleep 60; done ) &
sampler=$!
started=$(date +%s)
( cd "$dir/repo" && bash .ci/run ) >>"$log" 2>&1
rc=$?
kill "${pids[@]}" "$sampler" 2>/dev/null
cat "$log.load" >>"$log" 2>/dev/null
echo "EXIT $rc after $(( $(date +%s) - started ))s with $loops busy loop(s)" | tee -a "$log"
exit $rc
