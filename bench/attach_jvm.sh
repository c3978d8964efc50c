#!/usr/bin/env bash
# One cold `attach` of the 1M benchmark with a given JVM, jar and extra JVM options, under the launcher's `attach`
# options without its class-data archive (so that JVMs, compilers and flags compare alone); prints the phase timings,
# the counts, and wall / user / system time and peak RSS. Alternate the configurations being compared.
# Usage: [NATIONAL=base.gpkg] bench/attach_jvm.sh JAVA JAR "EXTRA OPTS" LABEL [LOCAL.gpkg]
#   e.g. bench/attach_jvm.sh /usr/lib/jvm/temurin-25-jdk-amd64/bin/java sync-cli/target/bdfsync.jar "" j25
#        bench/attach_jvm.sh java sync-cli/target/bdfsync.jar "-XX:TieredStopAtLevel=1" c1
# Outputs go to /tmp/runs/LABEL.{links,state}.gpkg and LABEL.summary.json (compare two runs with bench/attach_compare.py).
set -euo pipefail
JAVA=$1; JAR=$(readlink -f "$2"); X=$3; L=$4
DIR=${ATTACH_DIR:-/work/bench-data/attach}
LOCAL=${5:-$DIR/local1000000-every10.gpkg}
NATIONAL=${NATIONAL:-/work/bench-data/n1000000/base.gpkg}
mkdir -p /tmp/runs; rm -f /tmp/runs/$L.state.gpkg /tmp/runs/$L.links.gpkg
THP=""; grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null && THP="-XX:+UseTransparentHugePages"
cd "$DIR"
/usr/bin/time -f "$L wall %e user %U sys %S rss %M" "$JAVA" -Xmx4g -XX:+UseParallelGC -Xmn256m $THP $X -jar "$JAR" attach --verbose \
  --local "$LOCAL" --national "$NATIONAL" --national-layer zone_de_vegetation --state /tmp/runs/$L.state.gpkg \
  --output /tmp/runs/$L.links.gpkg --summary /tmp/runs/$L.summary.json 2>&1 | grep -E 'timings|wall|sure|rror'
