#!/usr/bin/env bash
# Runs the deserved-quota guarantee's two properties (DeservedQuotaPropertiesTest) on every seed in [FROM, TO) and
# prints how many failed, each failing world by seed (at most ten). Seeds 1..250000 take about 4 minutes on 2 cores.
#   scripts/guarantee-sweep.sh 1 250000
set -euo pipefail
cd "$(dirname "$0")/.."
from=${1:?usage: scripts/guarantee-sweep.sh FROM TO}
to=${2:?usage: scripts/guarantee-sweep.sh FROM TO}
./mvnw -q -B -pl sluice-core test -Dtest=DeservedQuotaSweep -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsweep.from="$from" -Dsweep.to="$to" 2>&1 | grep -E '^sweep seeds|world [0-9]+ ' || true
grep -h -o 'tests="[0-9]*" errors="[0-9]*" skipped="[0-9]*" failures="[0-9]*"' \
  sluice-core/target/surefire-reports/TEST-dev.sluice.core.scheduler.DeservedQuotaSweep.xml
