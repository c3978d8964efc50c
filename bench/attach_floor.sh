#!/usr/bin/env bash
# Read floor of the attach benchmark's inputs: what SQLite alone takes to read the local layer (every row and blob),
# the national R-tree (what the attach's national index reads) and every national row (more than the attach reads:
# it reads only the candidates), on a warm page cache. Compare with the phases of `bdfsync attach --verbose`.
#
# Usage: [LOCAL=...] [NATIONAL=...] bench/attach_floor.sh   (defaults: the EVERY=10 benchmark's files)
set -euo pipefail
L="${LOCAL:-/work/bench-data/attach/local1000000-every10.gpkg}"
N="${NATIONAL:-/work/bench-data/n1000000/base.gpkg}"
cat "$L" "$N" > /dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
t() { /usr/bin/time -f "%e s wall, %U u + %S s CPU: $1" sqlite3 "$2" "$3"; }
t "local rows and blobs (rows|bytes)" "$L" "select count(*), sum(length(geom)) from local_zone_de_vegetation"
t "national R-tree scan (entries|sum of widths)" "$N" "select count(*), sum(maxx-minx) from rtree_zone_de_vegetation_geom"
t "national rows, key and blob (rows|blob bytes|key bytes)" "$N" "select count(*), sum(length(geom)), sum(length(cleabs)) from zone_de_vegetation"
