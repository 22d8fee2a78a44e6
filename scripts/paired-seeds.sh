#!/usr/bin/env bash
# Per-seed unallocated % at arrived = 100 for several policies on several pod files, with each policy's paired
# difference to the first one. Usage: scripts/paired-seeds.sh TRACES|all POLICIES SEEDS(a-b) THREADS [v]
# e.g. scripts/paired-seeds.sh all fgd,sluice 42-51 2 v     (v prints the per-seed values)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/sluice" --version >/dev/null   # builds the CLI jar when stale
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
exec "$java" -XX:+UseParallelGC -Dsluice.home="$root" -cp "$root/sluice-cli/target/sluice.jar" "$root/scripts/paired/PairedSeeds.java" "$@"
