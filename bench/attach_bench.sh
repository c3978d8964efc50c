#!/usr/bin/env bash
# Benchmark of `bdfsync attach`: N generated BD TOPO-like polygons (zone_de_vegetation, ~20-200 vertices) as the
# national layer; a local version of it (cleabs dropped, shifted 0.5-3 m, 30 % vertex noise, 20 % densified at 2 m,
# 10 % simplified, 1 % local-only features added) as the local layer. Prints wall time, features/s, peak memory,
# and the precision / recall against the truth; then a second run that reuses every stored link.
#
# Usage: bench/attach_bench.sh [N=100000] [OUTDIR=bench-data/attach]   (run from the repository root)
# Needs: python3 (generator), /usr/bin/python3 with GDAL bindings (python3-gdal), GNU time (/usr/bin/time).
set -euo pipefail
N="${1:-100000}"
OUT="${2:-bench-data/attach}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$OUT"
if [ ! -f "$OUT/n$N/base.gpkg" ]; then
  python3 "$here/../shared/bench/gen_bdtopo_like.py" -n "$N" --seed 42 -o "$OUT/n$N" --base-only
fi
if [ ! -f "$OUT/local$N.gpkg" ]; then
  /usr/bin/python3 "$here/testdata/gen_local_version.py" "$OUT/n$N/base.gpkg" zone_de_vegetation "$OUT/local$N.gpkg" "$OUT/truth$N.json" \
    --kinds shift=0.4,noise=0.3,densify=0.2,simplify=0.1 --added 0.01
fi
rm -f "$OUT/state$N.gpkg"
"$here/bdfsync" --version >/dev/null  # build outside the timing
for run in first rerun; do
  /usr/bin/time -f "%e s wall, %M KiB max RSS" -o "$OUT/time-$run.txt" \
    "$here/bdfsync" attach --local "$OUT/local$N.gpkg" --national "$OUT/n$N/base.gpkg" --national-layer zone_de_vegetation \
      --state "$OUT/state$N.gpkg" --output "$OUT/links$N.gpkg" --summary "$OUT/summary$N.json" | grep -v '^  '
  wall=$(cut -d' ' -f1 "$OUT/time-$run.txt")
  locals=$(python3 -c "import json;print(json.load(open('$OUT/summary$N.json'))['layers'][0]['local_features'])")
  echo "$run run: $(cat "$OUT/time-$run.txt"); $(python3 -c "print(round($locals/$wall))") local features/s"
done
python3 "$here/bench/attach_quality.py" "$OUT/links$N.gpkg" "$OUT/truth$N.json"
