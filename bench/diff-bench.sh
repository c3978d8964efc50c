#!/usr/bin/env bash
# Benchmark of `bdfsync diff` against the sqlite3 read floor, on data made by the shared generator.
# Usage: bench/diff-bench.sh [N ...]            (default: 10000 100000 1000000)
# Env:   BENCH_DIR   where data is generated / reused (default /work/bench-data; outside the repository)
#        GEN         the generator (default ../shared/bench/gen_bdtopo_like.py beside the repository)
#        RUNS        timed runs per measure, best kept (default 3)
#        THREE_WAY   1 to also time the three-way diff: ancestor base, national edited, local $THREE_WAY_LOCAL
#        THREE_WAY_LOCAL  the local side of the three-way diff (default local43): local43 is an independent edit of
#                    the same base (seed 43; the national edited.gpkg is seed 42), fids aligned with base, i.e. a local
#                    producer's copy of the base with its own edits: national-only and local-only changes, and where
#                    both seeds picked the same feature (about 0.5 % of the features) both-disjoint, divergent, delete-edit,
#                    edit-delete and convergent (deleted on both) features. edited-renum is the old, degenerate variant
#                    (before 2026-11-27): the national edit set again with renumbered fids, every change convergent.
#                    Both run with --tolerance 0.001 as the two-way rows do (earlier three-way rows ran at the
#                    catalogue's tolerances, which absorb a third of the generator's geometry edits), so that the
#                    per-class counts can be checked against the two manifests (check3 below)
#        VARIANTS    the two-way variants timed (default "edited edited-renum"; " " for none; the renumbered floor thrashes the page
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
# their ratio (steadier than wall time on a loaded machine), the 1-minute load, and whether the counts agree with the manifest
# (three-way: whether the per-class counts agree with those derived from the two manifests; a line below the row gives
# bdfsync's counts summed over the layers).
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

gen() { # n names... : base.gpkg (seed 42) and the named edits of it, those missing only
  local d="$BENCH_DIR/n$1" n=$1 name args
  shift
  [ -f "$d/base.gpkg" ] || python3 "$GEN" -n "$n" --seed 42 -o "$d" --base-only >&2
  for name in "$@"; do
    [ -f "$d/$name.manifest.json" ] && continue
    case $name in
      edited) args=(--seed 42) ;;
      edited-renum) args=(--seed 42 --renumber-fids) ;;
      local43) args=(--seed 43) ;;   # the edits depend on the seed only: another edit set of the same base
      *) echo "no recipe for $name.gpkg" >&2; exit 2 ;;
    esac
    python3 "$GEN" -n "$n" -o "$d" --edited-only --edited-name "$name" "${args[@]}" >&2
  done
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

timed() { # args... : best wall seconds, max RSS (MiB) and best CPU seconds (user+sys) of bdfsync diff; output kept in
  # $out, and the --timings line of the fastest run, if asked for, in $out.timings
  local best=999999 rss=0 bcpu=999999 log t r c
  log=$(mktemp)
  : >"$out.timings"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v "$here/bdfsync" diff "$@" --summary >"$out" 2>"$log" || { cat "$log" >&2; exit 1; }
    t=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    r=$(grep 'Maximum resident' "$log" | awk '{print $NF}')
    c=$(grep -E '(User|System) time' "$log" | awk '{s += $NF} END {print s}')
    [ "$(echo "$t < $best" | bc -l)" = 1 ] && { grep '^timings:' "$log" >"$out.timings" || true; }
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

check3() { # national-manifest local-manifest output : compares the three-way per-class counts with the two manifests
  python3 - "$1" "$2" "$3" <<'PY'
import json, re, sys
# The classes follow from the two edit sets of one base (cleabs per category and layer):
#   changed on one side only -> national-only / local-only; deleted on both -> convergent;
#   deleted on one side, updated on the other -> delete-edit / edit-delete;
#   attributes on one side, geometry on the other -> both-disjoint;
#   the same category on both (attributes, geometry, or inserted: a cleabs drawn by both seeds, since the generator's
#   j-th insert takes serial (n+j)*100 plus a random 0..99) -> convergent when both manifests come from one edit (same
#   seed and rates: edited-renum), else divergent (each attribute edit sets its own random date_modification, each
#   geometry edit makes its own random moves, each insert is its own random feature).
nat, loc = (json.load(open(f)) for f in sys.argv[1:3])
same = all(nat[k] == loc[k] for k in ("n_base_per_layer", "seed", "rates"))
text = open(sys.argv[3]).read()
upd = ("attribute_updated", "geometry_updated")
bad, total = [], {}
for layer in nat["layers"]:
    a = {c: set(nat["layers"][layer][c]) for c in upd + ("deleted", "inserted")}
    b = {c: set(loc["layers"][layer][c]) for c in upd + ("deleted", "inserted")}
    sa, sb = set().union(*a.values()), set().union(*b.values())
    twice = sum(len(a[c] & b[c]) for c in upd + ("inserted",))
    want = {"national-only": len(sa - sb), "local-only": len(sb - sa),
            "convergent": len(a["deleted"] & b["deleted"]) + (twice if same else 0),
            "both-disjoint": len(a[upd[0]] & b[upd[1]]) + len(a[upd[1]] & b[upd[0]]),
            "divergent": 0 if same else twice,
            "delete-edit": sum(len(a["deleted"] & b[c]) for c in upd),
            "edit-delete": sum(len(a[c] & b["deleted"]) for c in upd),
            "unchanged": nat["n_base_per_layer"] - len((sa - a["inserted"]) | (sb - b["inserted"]))}
    r = re.search("^" + re.escape(layer) + r" \(key [^)]*\): (.*)\n  national: (.*)$", text, re.M)
    got = {k: int(v) for v, k in re.findall(r"(\d+) ([a-z-]+)", r.group(1))} if r else {}
    # and each side's change set against its own manifest (no geometry edit absorbed at 1 mm)
    sides = [int(x) for x in re.findall(r"\d+", r.group(2))] if r else []
    want_sides = [x for m in (a, b) for x in (len(m["inserted"]), len(m["deleted"]), len(m[upd[0]]) + len(m[upd[1]]))] + [0, 0]
    if sides != want_sides:
        bad.append("%s national/local inserted, deleted, updated, absorbed %s (want %s)" % (layer, sides, want_sides))
    for k, v in got.items():
        total[k] = total.get(k, 0) + v
    bad += ["%s %s %d (want %d)" % (layer, k, got.get(k, 0), v) for k, v in want.items() if got.get(k, 0) != v]
    bad += ["%s %s %d (want 0)" % (layer, k, v) for k, v in got.items() if k not in want]
print("agrees with manifests" if not bad else "DISAGREES with manifests: " + "; ".join(bad))
print("#   three-way classes, all layers: " + ", ".join("%d %s" % (v, k) for k, v in total.items()))
PY
}

warm() { # files... : read them into the page cache (untimed) unless WARM=0
  [ "${WARM:-1}" = 1 ] && cat "$@" >/dev/null
  return 0
}

measure() { # n label file... -- bdfsync-diff-arg... : the floor over the files (both queries), then bdfsync; prints
  # the row up to the check column, which the caller prints
  local n=$1 label=$2 files=() f fc f2 t rss tc
  shift 2
  while [ "$1" != -- ]; do files+=("$1"); shift; done
  shift
  warm "${files[@]}"
  read -r f fc <<<"$(floor "$Q1" "${files[@]}")"
  read -r f2 _ <<<"$(floor "$Q2" "${files[@]}")"
  warm "${files[@]}"
  read -r t rss tc <<<"$(timed "$@")"
  printf '%-9s %-17s %8s %8s %9s %8.2f %8.2f %8s %9s %9s %8.2f %6s  ' "$n" "$label" "$f" "$f2" "$t" "$(echo "$t / $f" | bc -l)" "$(echo "$t / $f2" | bc -l)" "$rss" "$fc" "$tc" "$(echo "$tc / $fc" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
}

out=$(mktemp)
local3="${THREE_WAY_LOCAL:-local43}"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -1)"
Q1="SELECT count(*), sum(length(geom)) FROM LAYER"
Q2="SELECT * FROM LAYER"
printf '%-9s %-17s %8s %8s %9s %8s %8s %8s %9s %9s %8s %6s  %s\n' N variant floor_s star_s bdfsync_s ratio ratio* rss_MiB floor_cpu bdf_cpu cpu_ratio load check
primed=0
for n in "${sizes[@]}"; do
  gen "$n" edited ${VARIANTS:-edited edited-renum} $([ "${THREE_WAY:-0}" = 1 ] && echo "$local3")
  d="$BENCH_DIR/n$n"
  # one untimed diff first: after a build, the launcher's first run writes its class-data archive (docs/decisions.md)
  [ "$primed" = 1 ] || { "$here/bdfsync" diff "$d/base.gpkg" "$d/edited.gpkg" --summary >/dev/null; primed=1; }
  for variant in ${VARIANTS:-edited edited-renum}; do
    measure "$n" "$variant" "$d/base.gpkg" "$d/$variant.gpkg" -- "$d/base.gpkg" "$d/$variant.gpkg" --tolerance 0.001
    check "$d/$variant.manifest.json" "$out"
  done
  if [ "${THREE_WAY:-0}" = 1 ]; then
    BDFSYNC_JAVA_OPTS="${THREE_WAY_JAVA_OPTS:-${BDFSYNC_JAVA_OPTS:-}}" measure "$n" "3way-$local3" "$d/base.gpkg" "$d/edited.gpkg" "$d/$local3.gpkg" \
      -- "$d/edited.gpkg" "$d/$local3.gpkg" --ancestor "$d/base.gpkg" --tolerance 0.001 --timings
    check3 "$d/edited.manifest.json" "$d/$local3.manifest.json" "$out"
    sed 's/^/#   /' "$out.timings"
  fi
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$out" "$out.timings"
