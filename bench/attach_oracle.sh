#!/usr/bin/env bash
# `attach` with a perfect candidate oracle: the national layer cut down to the true matches of the local features
# (from the benchmark's truth file), so that every candidate a local feature gets is, with rare exceptions, its own
# match. What is left is the cost of the pipeline itself (local read, validity, fingerprints, index, the true pairs'
# scoring, resolver, the two output files) with no neighbour to reject: the most that any candidate pruning could
# save. Run after bench/attach_bench.sh has made the local version and its truth.
#
# Usage: [KINDS=...] [RUNS=2] [WARM_ROUNDS=5] bench/attach_oracle.sh [N=1000000] [OUTDIR=/work/bench-data/attach] [EVERY=10]
#   cold: RUNS fresh `./bdfsync attach` runs (what a user runs); warm: WARM_ROUNDS rounds in one JVM
#   (bench/AttachWarmAB.java; round 0 is cold). Needs ogr2ogr (gdal-bin), GNU time.
set -euo pipefail
N="${1:-1000000}"
OUT="${2:-/work/bench-data/attach}"
EVERY="${3:-10}"
KINDS="${KINDS:-shift=0.4,noise=0.3,densify=0.2,simplify=0.1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NATIONAL="${NATIONAL:-/work/bench-data/n$N/base.gpkg}"
tag="$N"; [ "$EVERY" -gt 1 ] && tag="$N-every$EVERY"
[ "$KINDS" != "shift=0.4,noise=0.3,densify=0.2,simplify=0.1" ] && tag="$tag-$(echo "$KINDS" | tr -c 'a-z0-9\n' '_')"
LOCAL="$OUT/local$tag.gpkg"; TRUTH="$OUT/truth$tag.json"
[ -f "$LOCAL" ] && [ -f "$TRUTH" ] || { echo "run bench/attach_bench.sh first: $LOCAL or $TRUTH missing" >&2; exit 2; }
ORACLE="$OUT/oracle$tag.gpkg"
if [ ! -f "$ORACLE" ]; then
  sql=$(mktemp)
  python3 - "$TRUTH" "$NATIONAL" "$sql" <<'PY'
import json, sqlite3, sys
keys = set()
for f in json.load(open(sys.argv[1]))["features"].values():
    keys.update(f["keys"])
db = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
fids = [fid for fid, c in db.execute("select fid, cleabs from zone_de_vegetation") if c in keys]
open(sys.argv[3], "w").write("SELECT * FROM zone_de_vegetation WHERE fid IN (" + ",".join(map(str, fids)) + ")")
print(f"oracle: {len(fids)} national features of {len(keys)} true keys", file=sys.stderr)
PY
  ogr2ogr -f GPKG "$ORACLE.tmp" "$NATIONAL" -sql @"$sql" -nln zone_de_vegetation -preserve_fid
  mv "$ORACLE.tmp" "$ORACLE"; rm -f "$sql"
fi
BDFSYNC="${BDFSYNC:-$here/bdfsync}"
"$BDFSYNC" --version >/dev/null
cat "$LOCAL" "$ORACLE" > /dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for r in $(seq 1 "${RUNS:-2}"); do
  /usr/bin/time -f "cold run $r: %e s wall, %U s user, %S s system, %M KiB peak RSS" "$BDFSYNC" attach --verbose --local "$LOCAL" \
    --national "$ORACLE" --national-layer zone_de_vegetation --state "$work/s$r.gpkg" --output "$work/l$r.gpkg" \
    --summary "$work/j$r.json" 2>&1 | grep -E 'timings|sure|cold run'
done
if [ "${WARM_ROUNDS:-5}" -gt 0 ]; then
  jar="${BDFSYNC_JAR:-$here/sync-cli/target/bdfsync.jar}"
  java -Xmx6g -Xmn256m -XX:+UseParallelGC "$here/bench/AttachWarmAB.java" "$jar" "${WARM_ROUNDS:-5}" "$LOCAL" "$ORACLE"
fi
