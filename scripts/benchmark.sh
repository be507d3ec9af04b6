#!/usr/bin/env bash
# Benchmark (not a test): HTTP Request node, 1000 items, each exchanging credential vs n8n's
# Header Auth on a static token, in one real n8n. Figures and how to read them: BENCHMARKS.md.
#   scripts/benchmark.sh [--items=1000] [--runs=3] [--only=per-request] [--servers-apart] [--profile]   N8N_LINE=1 for n8n 1.123.81 on Node 20
#                                                         (--servers-apart: n8n on core 0, the local servers on core 1)
#   scripts/benchmark.sh --queue [--executions=1000]      queue mode: main, two workers, Redis, Postgres
#   scripts/benchmark.sh --hook [--requests=10000]        the hook's own cost per request, one process
#   scripts/benchmark.sh --hostile [--runs=3] [--n8n]     time and memory to fail on a hostile token endpoint
#   scripts/benchmark.sh --assertion [--samples=1000]     building and signing one assertion, per algorithm
#   scripts/benchmark.sh --self-signed [--samples=1000]   the Self-Signed JWT API's cost per request, per algorithm
#   scripts/benchmark.sh --signing [--samples=1000]       signing one request (HMAC-SHA256, HMAC-SHA512, SigV4), per scheme
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export N8N_LINE=${N8N_LINE:-2}
bash scripts/install-n8n.sh "$N8N_LINE" >/dev/null
bash scripts/install-deps.sh
E2E_TARBALL=$(bash scripts/pack-package.sh benchmark 2>/dev/null)
export E2E_TARBALL
npx tsc -p scripts/demo/tsconfig.json
echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg); git $(git rev-parse --short HEAD)"
# --queue: webhook executions through a queue-mode cluster (scripts/benchmark-queue.ts).
for arg in "$@"; do [ "$arg" = --queue ] && exec node node_modules/.cache/scripts-js/scripts/benchmark-queue.js "$@"; done
# --hook: the hook's own cost per request in one process (scripts/benchmark-hook.ts).
for arg in "$@"; do [ "$arg" = --hook ] && exec node --expose-gc node_modules/.cache/scripts-js/scripts/benchmark-hook.js "$@"; done
# --hostile: failing on a hostile token endpoint (scripts/benchmark-hostile.ts).
for arg in "$@"; do [ "$arg" = --hostile ] && exec node node_modules/.cache/scripts-js/scripts/benchmark-hostile.js "$@"; done
# --assertion: building and signing one client assertion, per algorithm (scripts/benchmark-assertion.ts).
for arg in "$@"; do [ "$arg" = --assertion ] && exec node node_modules/.cache/scripts-js/scripts/benchmark-assertion.js "$@"; done
# --self-signed: the Self-Signed JWT API's authenticate per request, per algorithm (scripts/benchmark-self-signed.ts).
for arg in "$@"; do [ "$arg" = --self-signed ] && exec node node_modules/.cache/scripts-js/scripts/benchmark-self-signed.js "$@"; done
# --signing: signing one request in authenticate, per scheme (scripts/benchmark-signing.ts).
for arg in "$@"; do [ "$arg" = --signing ] && exec node node_modules/.cache/scripts-js/scripts/benchmark-signing.js "$@"; done
exec node node_modules/.cache/scripts-js/scripts/benchmark.js "$@"
