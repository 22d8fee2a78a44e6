#!/usr/bin/env bash
# Runs the FGD experiment (all policies, seeds 42-51) on every pod file of the shared Alibaba 2023 trace
# and prints each trace's table; reports go to out/fgd-traces/<trace>/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
traces="$root/../shared/traces/alibaba-gpu-2023"
[[ -d "$traces" ]] || { echo "no traces at $traces" >&2; exit 1; }
for pods in "$traces"/openb_pod_list_*.csv; do
  name="$(basename "$pods" .csv)"; name="${name#openb_pod_list_}"
  "$root/sluice" simulate fgd --pods "$pods" --out "$root/out/fgd-traces/$name" "$@" 2>/dev/null \
    | sed -n '/^GPU % at arrived/,/^$/p'
done
