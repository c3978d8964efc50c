#!/usr/bin/env bash
# Benchmark of `bdfsync diff` against the sqlite3 read floor, on data made by the shared generator.
# Usage: bench/diff-bench.sh [N ...]            (default: 10000 100000 1000000)
# Env:   BENCH_DIR   where data is generated / reused (default /work/bench-data; outside the repository)
#        GEN         the generator (default ../shared/bench/gen_bdtopo_like.py beside the repository)
#        RUNS        timed runs per measure, best kept (default 3)
#        THREE_WAY   1 to also time the three-way diff (ancestor base, national edited, local edited-renum)
#        VARIANTS    the two-way variants timed (default "edited edited-renum"; the renumbered floor thrashes the page
#                    cache at 1M when the four 4 GB files do not fit in it together)
#        THREE_WAY_JAVA_OPTS  JVM options of the three-way run (default as two-way: the key tables are dropped before rows are fetched)
#        BDFSYNC_HEAP  heap cap (default 768m: keeps peak RSS under 1 GiB at 1M). bdfsync runs through the launcher
#                    (./bdfsync), with the options it gives `diff` (collector, compiler, huge pages, class-data sharing:
#                    docs/decisions.md) under that cap
#        BDFSYNC_JAVA_OPTS  JVM options replacing the launcher's (see ./bdfsync)
#        WARM        1 (default) to read the inputs once, untimed, before each floor and each bdfsync measure: the
#                    issue's figures are warm-cache ones, and at 1M the page cache may have dropped a 4 GB input since
#                    (the three-way floor measured 7.0 to 10.1 s within twenty minutes without it); 0 to skip
# Prints, per N: the floor (sqlite3 reading every row of every layer of the inputs, warm cache: the issue's
# "SELECT count(*), sum(length(geom))", and "SELECT *" printed to /dev/null), bdfsync diff
# wall time and peak RSS (/usr/bin/time -v), the ratio, the CPU seconds (user+sys) of the floor and of bdfsync and
# their ratio (steadier than wall time on a loaded machine), the 1-minute load, and whether the counts agree with the manifest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/work/bench-data}"
GEN="${GEN:-$here/../shared/bench/gen_bdtopo_like.py}"
RUNS="${RUNS:-3}"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
command -v sqlite3 >/dev/null || { echo "sqlite3 is required (apt-get install sqlite3)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required (apt-get install time)" >&2; exit 2; }
(cd "$here" && mvn -q -B -o -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package >/dev/null)
export BDFSYNC_HEAP="${BDFSYNC_HEAP:-768m}"

gen() { # n
  local d="$BENCH_DIR/n$1"
  if [ ! -f "$d/edited.manifest.json" ]; then python3 "$GEN" -n "$1" --seed 42 -o "$d" >&2; fi
  if [ ! -f "$d/edited-renum.manifest.json" ]; then python3 "$GEN" -n "$1" --seed 42 -o "$d" --edited-only --renumber-fids --edited-name edited-renum >&2; fi
}

floor() { # query files... : best wall seconds and best CPU seconds (user+sys) of sqlite3 running the query on every layer of every file
  local best=999999 bcpu=999999 t s e f l c cpu q=$1 tlog
  shift
  tlog=$(mktemp)
  for _ in $(seq "$RUNS"); do
    s=$(date +%s.%N); cpu=0
    for f in "$@"; do
      for l in zone_de_vegetation troncon_hydrographique; do
        /usr/bin/time -f '%U %S' -o "$tlog" sqlite3 "$f" "${q//LAYER/$l}" >/dev/null
        c=$(awk '{print $1 + $2}' "$tlog"); cpu=$(echo "$cpu + $c" | bc -l)
      done
    done
    e=$(date +%s.%N); t=$(echo "$e - $s" | bc -l)
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
    bcpu=$(echo "if ($cpu < $bcpu) $cpu else $bcpu" | bc -l)
  done
  rm -f "$tlog"
  printf '%.2f %.2f' "$best" "$bcpu"
}

timed() { # args... : best wall seconds, max RSS (MiB) and best CPU seconds (user+sys) of bdfsync diff; output kept in $out
  local best=999999 rss=0 bcpu=999999 log t r c
  log=$(mktemp)
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v "$here/bdfsync" diff "$@" --summary >"$out" 2>"$log" || { cat "$log" >&2; exit 1; }
    t=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    r=$(grep 'Maximum resident' "$log" | awk '{print $NF}')
    c=$(grep -E '(User|System) time' "$log" | awk '{s += $NF} END {print s}')
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
    bcpu=$(echo "if ($c < $bcpu) $c else $bcpu" | bc -l)
    [ "$r" -gt "$rss" ] && rss=$r
  done
  rm -f "$log"
  printf '%.2f %d %.2f' "$best" $((rss / 1024)) "$bcpu"
}

check() { # manifest output : compares per-layer counts with the manifest
  python3 - "$1" "$2" <<'PY'
import json, re, sys
m = json.load(open(sys.argv[1]))["layers"]
text = open(sys.argv[2]).read()
ok = True
for layer, cats in m.items():
    r = re.search(re.escape(layer) + r" \(key [^)]*\): (\d+) inserted, (\d+) deleted, (\d+) updated \((\d+) attributes, (\d+) geometry\)", text)
    got = tuple(int(x) for x in r.groups()) if r else None
    want = (len(cats["inserted"]), len(cats["deleted"]), len(cats["attribute_updated"]) + len(cats["geometry_updated"]),
            len(cats["attribute_updated"]), len(cats["geometry_updated"]))
    ok &= got == want
print("agrees with manifest" if ok else "DISAGREES with manifest")
PY
}

warm() { # files... : read them into the page cache (untimed) unless WARM=0
  [ "${WARM:-1}" = 1 ] && cat "$@" >/dev/null
  return 0
}

out=$(mktemp)
echo "# $(date -u +%FT%TZ) $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -1)"
Q1="SELECT count(*), sum(length(geom)) FROM LAYER"
Q2="SELECT * FROM LAYER"
printf '%-9s %-13s %8s %8s %9s %8s %8s %8s %9s %9s %8s %6s  %s\n' N variant floor_s star_s bdfsync_s ratio ratio* rss_MiB floor_cpu bdf_cpu cpu_ratio load check
primed=0
for n in "${sizes[@]}"; do
  gen "$n"
  d="$BENCH_DIR/n$n"
  # one untimed diff first: after a build, the launcher's first run writes its class-data archive (docs/decisions.md)
  [ "$primed" = 1 ] || { "$here/bdfsync" diff "$d/base.gpkg" "$d/edited.gpkg" --summary >/dev/null; primed=1; }
  for variant in ${VARIANTS:-edited edited-renum}; do
    warm "$d/base.gpkg" "$d/$variant.gpkg"
    read -r f fc <<<"$(floor "$Q1" "$d/base.gpkg" "$d/$variant.gpkg")"
    read -r f2 _ <<<"$(floor "$Q2" "$d/base.gpkg" "$d/$variant.gpkg")"
    warm "$d/base.gpkg" "$d/$variant.gpkg"
    read -r t rss tc <<<"$(timed "$d/base.gpkg" "$d/$variant.gpkg" --tolerance 0.001)"
    printf '%-9s %-13s %8s %8s %9s %8.2f %8.2f %8s %9s %9s %8.2f %6s  %s\n' "$n" "$variant" "$f" "$f2" "$t" "$(echo "$t / $f" | bc -l)" "$(echo "$t / $f2" | bc -l)" "$rss" "$fc" "$tc" "$(echo "$tc / $fc" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)" "$(check "$d/$variant.manifest.json" "$out")"
  done
  if [ "${THREE_WAY:-0}" = 1 ]; then
    warm "$d/base.gpkg" "$d/edited.gpkg" "$d/edited-renum.gpkg"
    read -r f fc <<<"$(floor "$Q1" "$d/base.gpkg" "$d/edited.gpkg" "$d/edited-renum.gpkg")"
    read -r f2 _ <<<"$(floor "$Q2" "$d/base.gpkg" "$d/edited.gpkg" "$d/edited-renum.gpkg")"
    warm "$d/base.gpkg" "$d/edited.gpkg" "$d/edited-renum.gpkg"
    read -r t rss tc <<<"$(BDFSYNC_JAVA_OPTS="${THREE_WAY_JAVA_OPTS:-${BDFSYNC_JAVA_OPTS:-}}" timed "$d/edited.gpkg" "$d/edited-renum.gpkg" --ancestor "$d/base.gpkg")"
    printf '%-9s %-13s %8s %8s %9s %8.2f %8.2f %8s %9s %9s %8.2f %6s  %s\n' "$n" "three-way" "$f" "$f2" "$t" "$(echo "$t / $f" | bc -l)" "$(echo "$t / $f2" | bc -l)" "$rss" "$fc" "$tc" "$(echo "$tc / $fc" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)" "$(grep -o '[0-9]* convergent' "$out" | tr '\n' ' ')"
  fi
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$out"
