#!/usr/bin/env bash
# Issue 13's robustness sweep: sluice against FGD over the full grid of generated workload mixes (CPU-only
# CPU 1x-4x the default trace's, sharing 28.5-100 %, multi-GPU 0-60 % of GPU milli, 0-40 % of GPU pods tied
# to models), 3 pod lists per point, seeds 42-51, with the offline bound. 15-25 minutes on 2 cores.
# Extra arguments go to `sluice simulate robustness` (e.g. --files 1, or a smaller grid: --cpu-shares 0.225).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/sluice" simulate robustness --bound --out "$root/out/robustness" "$@"
