#!/usr/bin/env bash
# Checks `sluice trace vary` against the shared variants: for each variant V, generates --files pod lists
# from the default trace with V's mix (as `trace vary` measures it) and runs FGD on V and on each generated
# list (seeds 42-51). Prints FGD's unallocated GPU % at arrived = 100 % (mean over seeds) for V, for each
# generated list, and their mean and spread. Usage: scripts/variant-check.sh [VARIANT...] (default:
# cpu100 gpushare40 multigpu30); FILES=3 SEEDS=42-51 SAMPLING=ROUNDS (or INDEPENDENT) and SOURCE=FILE (the pod
# list to draw from, default the default trace) in the environment change them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
traces="$root/../shared/traces/alibaba-gpu-2023"
out="$root/out/variant-check"
files="${FILES:-3}"; seeds="${SEEDS:-42-51}"; sampling="${SAMPLING:-ROUNDS}"
source_pods="${SOURCE:-$traces/openb_pod_list_default.csv}"
mkdir -p "$out"
fgd_mean() { # unallocated mean of fgd in simulate fgd's table
  "$root/sluice" simulate fgd --pods "$1" --policies fgd --seeds "$seeds" --out "$out/run" 2>/dev/null \
    | awk '$1 == "fgd" {print $3}'
}
mix_of() { # the four shares of a pod list as trace vary prints them
  "$root/sluice" trace vary --pods "$1" --seed 1 --out "$out/measure.csv" \
    | awk '/^source/ {gsub(",", ""); print $3, $5, $7, $9}'
}
printf '%-12s %-30s %10s %s\n' variant "mix (cpu sharing multi spec)" "real fgd" "generated fgd (seed: value) -> mean, range"
for variant in "${@:-cpu100 gpushare40 multigpu30}"; do
  for v in $variant; do
    real="$traces/openb_pod_list_$v.csv"
    read -r cpu sharing multi spec <<<"$(mix_of "$real")"
    values=()
    for seed in $(seq 1 "$files"); do
      "$root/sluice" trace vary --pods "$source_pods" --cpu-share "$cpu" --sharing-share "$sharing" --multi-gpu-share "$multi" \
        --gpu-spec-share "$spec" --sampling "$sampling" --seed "$seed" --out "$out/$v-like-$seed.csv" >/dev/null
      values+=("$(fgd_mean "$out/$v-like-$seed.csv")")
    done
    summary="$(printf '%s\n' "${values[@]}" | awk '{s+=$1; if (NR==1||$1<lo) lo=$1; if (NR==1||$1>hi) hi=$1}
      END {printf "%.2f, %.2f..%.2f", s/NR, lo, hi}')"
    printf '%-12s %-30s %10s %s -> %s\n' "$v" "$cpu $sharing $multi $spec" "$(fgd_mean "$real")" \
      "$(i=0; for x in "${values[@]}"; do i=$((i+1)); printf '%d: %s  ' "$i" "$x"; done)" "$summary"
  done
done
