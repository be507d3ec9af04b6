#!/usr/bin/env bash
# Fails unless `n8n-node cloud-support` calls the package eligible for n8n Cloud verification
# (n8n.strict true and the root eslint.config.mjs exactly the default @n8n/node-cli writes).
# The command itself always exits 0, so CI reads its status line. Colours off and stripped: with
# CI set, picocolors colours even a pipe, and the codes split the words read here.
set -uo pipefail
cd "$(dirname "$0")/.."
status=$(NO_COLOR=1 FORCE_COLOR=0 npx --no-install n8n-node cloud-support 2>&1 | sed 's/\x1b\[[0-9;]*m//g')
if grep -q 'Status: eligible' <<<"$status"; then
  echo "cloud-support: eligible for n8n Cloud verification"
else
  echo "$status"
  echo "cloud-support: NOT eligible (see above)" >&2
  exit 1
fi
