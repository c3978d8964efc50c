#!/usr/bin/env bash
# Sync benchmark: a three-way sync job on generated BD TOPO-like GeoPackages (two layers, N features each).
#   ancestor = base.gpkg, national = edited.gpkg (seed 42), local = local-s7.gpkg (seed 7): two divergent
#   edits of one base (3% attribute edits, 3% geometry edits, 1% deletes, 1% inserts on each side).
# Compares the wall time with the sqlite3 read floor of the three inputs (measured in the same minute) and reports
# CPU time, peak RSS split into anonymous memory (heap, native) and the file-backed pages of SQLite's memory map of
# the inputs (page cache, reclaimable), and the load average. Run runs over 100k under `flock /tmp/bench.lock`.
# Usage: bench/sync-bench.sh [N] [DATA_ROOT]     (default N=1000000, DATA_ROOT=/work/bench-data; BDFSYNC_JAR=another jar,
#        XMX=heap cap (768m), COMPILER= (empty) for the default tiered compilers instead of the launcher's C1 alone,
#        JAVA_OPTS=more JVM options, e.g. -Xlog:gc:file=gc.log; huge pages are given where the
#        kernel offers them)
# Prints the time per phase of the run (`sync --timings`).
# Data is generated once into DATA_ROOT/nN (outside the repository) and reused; outputs go to DATA_ROOT/sync-out-N.
set -euo pipefail
N=${1:-1000000}
ROOT=${2:-/work/bench-data}
HERE=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$HERE/../shared/bench/gen_bdtopo_like.py}
DATA=$ROOT/n$N
OUT=$ROOT/sync-out-$N
JAR=${BDFSYNC_JAR:-$HERE/sync-cli/target/bdfsync.jar}
XMX=${XMX:-768m}
mkdir -p "$DATA" "$OUT"
[ -f "$DATA/base.gpkg" ] || python3 "$GEN" -n "$N" --seed 42 -o "$DATA"
[ -f "$DATA/edited.gpkg" ] || python3 "$GEN" -n "$N" --seed 42 --edited-only -o "$DATA"
[ -f "$DATA/local-s7.gpkg" ] || python3 "$GEN" -n "$N" --seed 7 --edited-only --edited-name local-s7 -o "$DATA"
[ -f "$JAR" ] || (cd "$HERE" && mvn -B -q package -DskipTests)
cat > "$OUT/job.json" <<JSON
{"format": "bdfsync.job/v1", "name": "bench-$N", "theme": "bench",
 "ancestor": "$DATA/base.gpkg", "national": "$DATA/edited.gpkg", "local": "$DATA/local-s7.gpkg",
 "outputs": {"merged": "$OUT/merged.gpkg", "conflicts": "$OUT/conflicts.json", "changes": "$OUT/changes.gpkg", "lineage": "$OUT/lineage.json"}}
JSON
floor() {
  local t0 t1
  t0=$(date +%s.%N)
  for f in base edited local-s7; do
    sqlite3 "$DATA/$f.gpkg" "SELECT * FROM zone_de_vegetation; SELECT * FROM troncon_hydrographique;" > /dev/null
  done
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
# --timings (time per phase) when the jar has it (an older jar, for a before/after comparison, has not)
# These are the options ./bdfsync gives `sync` (G1, -Xmx768m, C1 alone, huge pages): the bench times what a user runs, less the
# launcher's class-data archive. Transparent huge pages where the kernel offers them, as ./bdfsync runs `sync` (139.7 s against 158.7 s at 1M,
# 2026-11-26 15:05). The collector stays the JVM's default here (G1), unlike the launcher's ParallelGC: under this
# bench's 768 MiB cap ParallelGC thrashed (263 s, 400 CPU-s at 15:20; BENCHMARKS.md)
THP=""; grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null && THP="-XX:+UseTransparentHugePages"
TIMINGS=$(java -jar "$JAR" sync --help 2>&1 | grep -q -- --timings && echo --timings || true)
floor > /dev/null   # warm the page cache
F=$(floor)
rm -f "$OUT/merged.gpkg" "$OUT/conflicts.json" "$OUT/changes.gpkg" "$OUT/lineage.json"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
set +e
/usr/bin/time -v -o "$OUT/time.txt" java -Xmx$XMX ${COMPILER--XX:TieredStopAtLevel=1} $THP ${JAVA_OPTS:-} -jar "$JAR" sync $TIMINGS "$OUT/job.json" > "$OUT/summary.txt" 2> "$OUT/stderr.txt" &
TPID=$!
# peak anonymous (heap, native) and file-backed (SQLite's memory map of the inputs: page cache) resident memory
ANON=0; FILE=0
while kill -0 $TPID 2>/dev/null; do
  JPID=$(pgrep -P $TPID java | head -1)
  if [ -n "$JPID" ] && [ -r /proc/$JPID/status ]; then
    a=$(awk '/RssAnon/ {print $2}' /proc/$JPID/status 2>/dev/null); f=$(awk '/RssFile/ {print $2}' /proc/$JPID/status 2>/dev/null)
    [ -n "$a" ] && [ "$a" -gt "$ANON" ] && ANON=$a
    [ -n "$f" ] && [ "$f" -gt "$FILE" ] && FILE=$f
  fi
  sleep 0.2
done
wait $TPID
RC=$?
set -e
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
WALL=$(grep "Elapsed (wall clock)" "$OUT/time.txt" | awk '{print $NF}')
WALL_S=$(echo "$WALL" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
CPU=$(awk '/User time|System time/ {s += $NF} END {print s}' "$OUT/time.txt")
RSS=$(grep "Maximum resident set size" "$OUT/time.txt" | awk '{print $NF}')
# the JVM also exits 1 on an uncaught error (OutOfMemoryError...): that is a failed run, not open conflicts
if grep -q -E "^Exception in thread|OutOfMemoryError" "$OUT/stderr.txt"; then
  echo "N=$N read floor (sqlite3, 3 inputs, 2 layers): ${F}s"
  echo "bdfsync sync FAILED after ${WALL_S}s (CPU ${CPU}s, peak RSS $((RSS / 1024)) MiB, exit $RC):"
  head -3 "$OUT/stderr.txt"
  exit 3
fi
echo "N=$N read floor (sqlite3, 3 inputs, 2 layers): ${F}s"
echo "bdfsync sync: wall ${WALL_S}s, CPU (user+sys) ${CPU}s, ratio $(echo "scale=1; $WALL_S / $F" | bc), peak RSS $((RSS / 1024)) MiB" \
     "(anonymous $((ANON / 1024)) MiB, file-backed map of the inputs $((FILE / 1024)) MiB), exit $RC (1 = open conflicts remain)"
echo "load average before: $LOAD0, after: $LOAD1"
head -5 "$OUT/summary.txt"
grep "^phases:" "$OUT/summary.txt" || true
[ -s "$OUT/stderr.txt" ] && head -3 "$OUT/stderr.txt" || true
