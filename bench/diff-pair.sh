#!/usr/bin/env bash
# One 1M two-way measurement of a given bdfsync jar against the sqlite3 floor measured just before it: for
# comparing two builds back to back on a shared machine (run under flock /tmp/bench.lock, alternate the jars).
# Usage: bench/diff-pair.sh JAR [JVM options...]      Env: D (default /work/bench-data/n1000000), VARIANT (edited)
set -euo pipefail
jar=$1; shift
D="${D:-/work/bench-data/n1000000}"; VARIANT="${VARIANT:-edited}"
t=$(mktemp); log=$(mktemp); out=$(mktemp)
cpu=0; s=$(date +%s.%N)
for f in "$D/base.gpkg" "$D/$VARIANT.gpkg"; do for l in zone_de_vegetation troncon_hydrographique; do
  /usr/bin/time -f '%U %S' -o "$t" sqlite3 "$f" "SELECT count(*), sum(length(geom)) FROM $l" >/dev/null
  cpu=$(echo "$cpu + $(awk '{print $1+$2}' "$t")" | bc -l); done; done
e=$(date +%s.%N)
echo "floor wall $(echo "$e - $s" | bc -l) cpu $cpu load $(cut -d' ' -f1 /proc/loadavg)"
/usr/bin/time -v java -Xmx768m "$@" -jar "$jar" diff "$D/base.gpkg" "$D/$VARIANT.gpkg" --tolerance 0.001 --summary >"$out" 2>"$log"
grep -E 'Elapsed|User time|System time|Maximum resident' "$log"
echo "load $(cut -d' ' -f1 /proc/loadavg)"
grep 'inserted' "$out"
rm -f "$t" "$log" "$out"
