#!/usr/bin/env bash
# The per-feature cost of each step attach must take for a true (local, national) pair, warm and cold, one thread:
# bench/floor/fr/bdfsync/core/match/AttachStepFloor.java compiled against the jar (in its package).
# usage: bench/attach_step_floor.sh [N_PAIRS] [ROUNDS] [LOCAL TRUTH] (defaults: the ~110-vertex 1M EVERY=10 benchmark files)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${BDFSYNC_JAR:-$here/sync-cli/target/bdfsync.jar}"
[ -f "$jar" ] || (cd "$here" && mvn -q -B -DskipTests package)
n=${1:-20000}; rounds=${2:-8}
d=/work/bench-data/attach
local=${3:-$d/local1000000-every10-shift_0_5_noise_0_4_simplify_0_1.gpkg}
truth=${4:-$d/truth1000000-every10-shift_0_5_noise_0_4_simplify_0_1.json}
national=${NATIONAL:-/work/bench-data/n1000000/base.gpkg}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
javac -nowarn -cp "$jar" -d "$out" "$here/bench/floor/fr/bdfsync/core/match/AttachStepFloor.java"
java -Xmx4g -XX:+UseParallelGC -cp "$out:$jar" fr.bdfsync.core.match.AttachStepFloor "$local" "$national" "$truth" "$n" "$rounds"
