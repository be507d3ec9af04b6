#!/usr/bin/env bash
# Benchmark-style proof (not a test): `.ci/run` on a clean clone of this repository's HEAD while
# busy loops keep every core occupied, as on a shared CI machine. Prints where the log is.
#   scripts/ci-under-load.sh                 one busy loop per core (nproc)
#   LOOPS=0 scripts/ci-under-load.sh         the same clean-clone run on a quiet machine
#   COMMAND="npm run demo" TIMES=10 scripts/ci-under-load.sh
#                                            another command, several times in a row in one clean
#                                            clone (the first run installs; the count is printed)
# The loops stop by themselves after LOAD_SECONDS (default 6000) and are stopped by PID when the
# run ends; the load average is sampled once a minute into the log. The clone is removed after a
# passing run (KEEP_CLONE=1 keeps it); the log stays.
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
# The machine's CPU time (all processes, /proc/stat, in clock ticks): how busy the run kept the cores.
cpu_ticks() { awk '/^cpu /{ print $2+$3+$4+$5+$6+$7+$8, $2+$3+$4+$7+$8 }' /proc/stat; }
read -r total_before busy_before < <(cpu_ticks)
command=${COMMAND:-bash .ci/run}
times=${TIMES:-1}
started=$(date +%s)
rc=0
passed=0
for run in $(seq 1 "$times"); do
  run_started=$(date +%s)
  echo "=== [ci-under-load] run $run of $times: $command" >>"$log"
  ( cd "$dir/repo" && bash -c "$command" ) >>"$log" 2>&1
  run_rc=$?
  [ $run_rc = 0 ] && passed=$((passed + 1)) || rc=$run_rc
  echo "[ci-under-load] run $run of $times: EXIT $run_rc after $(( $(date +%s) - run_started ))s, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
done
kill "${pids[@]}" "$sampler" 2>/dev/null
cat "$log.load" >>"$log" 2>/dev/null
read -r total_after busy_after < <(cpu_ticks)
hz=$(getconf CLK_TCK)
echo "CPU: $(( (busy_after - busy_before) / hz )) s busy of $(( (total_after - total_before) / hz )) s on $(nproc) cores ($(( 100 * (busy_after - busy_before) / (total_after - total_before) )) %; busy loops included)" | tee -a "$log"
# A clean clone with its installs takes about 6.5 GB: kept only when a run failed (or KEEP_CLONE=1).
[ $rc = 0 ] && [ -z "${KEEP_CLONE:-}" ] && rm -rf "$dir"
echo "EXIT $rc after $(( $(date +%s) - started ))s with $loops busy loop(s): $passed of $times run(s) of '$command' passed" | tee -a "$log"
exit $rc
