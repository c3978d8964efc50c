#!/usr/bin/env bash
# The floors of the package benchmark measured on SQLite itself, with the sqlite3 CLI (docs/pkg.md, round 11):
#  - apply in place: the changes of a bdfsync package (its changes.gpkg, attached) applied to a scratch copy of
#    base.gpkg in ONE transaction by set statements (bench/sqlite-floor/apply_sql.py: per layer one DELETE ... WHERE
#    fid IN, one UPDATE ... FROM for geometries, one for attributes, one INSERT ... SELECT, in fid order), with the
#    durability of `bdfsync apply --in-place` (journal_mode=DELETE, synchronous=FULL, apply's page cache), the
#    GeoPackage's own R-tree triggers running on native ST_* functions (bench/sqlite-floor/gpkg_envelope.c);
#    variants: without the R-tree triggers (table writes alone), synchronous=OFF (no fsync), journal OFF (no journal,
#    no fsync), and "setrtree": the triggers dropped and the R-tree kept right by set statements as apply keeps it
#    (boxes of geometry updates rewritten only where they change). Not in the floor: fingerprint preconditions, label checks, the package's verification.
#  - build: reading both inputs once (cat), comparing them row by row inside SQLite aligned by fid (every column),
#    SHA-256 of the national file on one core (the base digest hashes every national row).
# Usage: bench/sqlite-apply-floor.sh [N] [PACKAGE.zip]   (data in $BENCH_DATA/nN, default /work/bench-data; without
#        a package one is built with the jar as bench/pkg-bench.sh builds it; VARIANTS="full setrtree notriggers nosync
#        nojournal" by default; CACHE_KIB=16384 the page cache of the transaction, apply's 16 MiB; 262144 = its 256 MiB until round 11). Holds /tmp/bench.lock (flock) for its whole run from N = 100,000 up.
set -euo pipefail
N=${1:-1000000}
PKG=${2:-}
if [ "$N" -ge 100000 ] && [ -z "${FLOOR_BENCH_LOCKED:-}" ]; then
  exec env FLOOR_BENCH_LOCKED=1 flock /tmp/bench.lock "$0" "$@"
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${BENCH_DATA:-/work/bench-data}/n$N
[ -n "$PKG" ] && PKG=$(cd "$(dirname "$PKG")" && pwd)/$(basename "$PKG")
WORK=$(mktemp -d "${BENCH_DATA:-/work/bench-data}/sqlite-floor.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
gcc -O2 -fPIC -shared "$ROOT/bench/sqlite-floor/gpkg_envelope.c" -o gpkg_envelope.so
if [ -z "$PKG" ]; then
  JAR=${BDFSYNC_JAR:-$ROOT/sync-cli/target/bdfsync.jar}
  B="java -XX:+UseParallelGC -Xmx1g -jar $JAR"
  . "$ROOT/bench/pkg-registry.sh"
  bench_registry "$B"
  $B package --national "$DATA/base.gpkg" --local "$DATA/edited.gpkg" --registry registry.json --community bench \
    --key community.key --created 2026-11-25T12:00:00Z --edition gen-n$N-seed42 --no-theme-rules -o p.zip >/dev/null
  PKG=$WORK/p.zip
fi
unzip -p "$PKG" changes.gpkg > changes.gpkg
sqlite3 --version | sed 's/^/sqlite3 /'
load() { uptime | sed 's/.*load/load/'; }
# t NAME CMD...: wall, CPU (user + sys), max RSS, load
t() { local name=$1; shift; local s e; s=$(date +%s%N)
  /usr/bin/time -o time.txt -f '%U %S %M' "$@"; e=$(date +%s%N)
  read -r u sy rss < time.txt
  printf '  %s: wall %d ms, cpu %s s user + %s s sys, max RSS %d MB, %s\n' "$name" $(( (e - s) / 1000000 )) "$u" "$sy" \
    $(( rss / 1024 )) "$(load)" >&2; }

echo "== build floors: read both inputs once; compare them inside SQLite aligned by fid; SHA-256 of the national file"
cat "$DATA/base.gpkg" "$DATA/edited.gpkg" > /dev/null
t "cat base + edited (page cache)" sh -c 'cat "$1" "$2" > /dev/null' sh "$DATA/base.gpkg" "$DATA/edited.gpkg"
{
  echo "ATTACH '$DATA/edited.gpkg' AS e;"
  for L in $(sqlite3 changes.gpkg "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name"); do
    cols=$(sqlite3 "$DATA/base.gpkg" "SELECT group_concat('a.\"' || name || '\" IS NOT b.\"' || name || '\"', ' OR ') FROM pragma_table_info('$L') WHERE name <> 'fid'")
    echo "SELECT '$L', (SELECT count(*) FROM main.\"$L\" a JOIN e.\"$L\" b ON a.fid = b.fid WHERE $cols) AS changed_pairs,"
    echo "  (SELECT count(*) FROM main.\"$L\" a WHERE NOT EXISTS (SELECT 1 FROM e.\"$L\" b WHERE b.fid = a.fid)) AS only_base,"
    echo "  (SELECT count(*) FROM e.\"$L\" b WHERE NOT EXISTS (SELECT 1 FROM main.\"$L\" a WHERE a.fid = b.fid)) AS only_edited;"
  done
} > compare.sql
t "sqlite3 compare base vs edited by fid, every column" sqlite3 -readonly "$DATA/base.gpkg" < compare.sql
# openssl uses the CPU's SHA instructions (sha_ni here), as the JVM's C2 intrinsic does; one core
t "openssl sha256 of base (one core)" sh -c 'openssl dgst -sha256 "$1" > /dev/null' sh "$DATA/base.gpkg"

# variant NAME TRIGGERS JOURNAL SYNCHRONOUS
variant() {
  local name=$1 trig=$2 journal=$3 sync=$4
  echo "== apply floor '$name': R-tree triggers $trig, journal_mode=$journal, synchronous=$sync, cache_size ${CACHE_KIB:-16384} KiB (set after the key maps)"
  cp "$DATA/base.gpkg" national.gpkg
  # the copy written back to disk before the timing: otherwise the kernel writes its 4 GB back during the run, and the
  # commit's fsync of the file waits for what is left of it (a national file is not a fresh copy)
  sync national.gpkg
  cat national.gpkg changes.gpkg > /dev/null
  { echo ".load ./gpkg_envelope"
    echo "PRAGMA main.journal_mode = $journal;"
    echo "PRAGMA main.synchronous = $sync;"
    echo "ATTACH 'changes.gpkg' AS pkg;"
    python3 "$ROOT/bench/sqlite-floor/apply_sql.py" changes.gpkg cleabs "$trig" "$DATA/base.gpkg" "${CACHE_KIB:-16384}"
  } > apply-$name.sql
  t "sqlite3 apply ($name), whole run" sqlite3 national.gpkg < apply-$name.sql > out-$name.txt
  # per statement (sqlite3 .timer: real, user, sys seconds)
  python3 - out-$name.txt <<'PY'
import re, sys
# every statement's time goes to the last label printed before it (.print LABEL in apply_sql.py)
label = None; per = {}; tot = {}
for line in open(sys.argv[1]):
    line = line.strip()
    m = re.match(r"Run Time: real ([\d.]+) user ([\d.]+) sys ([\d.]+)", line)
    if m:
        if label is None: continue
        r, u, s = map(float, m.groups())
        for key, table in ((label, per), (label.split()[0], tot)):
            a = table.setdefault(key, [0.0, 0.0, 0.0]); a[0] += r; a[1] += u; a[2] += s
    elif line and line not in ("delete", "wal", "off", "memory", "truncate", "persist"):
        label = line
for k, v in per.items():
    if not k.startswith("drop-trigger"): print(f"    {k:45s} real {v[0]:6.3f} s  user {v[1]:6.3f}  sys {v[2]:6.3f}")
print("    by kind: " + ", ".join(f"{k} {v[0]:.2f} s ({v[1] + v[2]:.2f} cpu)" for k, v in tot.items() if v[0] >= 0.005))
writes = [v for k, v in tot.items() if k not in ("key-map", "commit")]
w = sum(v[0] for v in writes); c = sum(v[1] + v[2] for v in writes)
print(f"    writes (every statement between BEGIN and COMMIT) {w:.2f} s ({c:.2f} cpu); commit {tot.get('commit', [0])[0]:.2f} s; "
      f"key map {tot.get('key-map', [0])[0]:.2f} s")
PY
  ls national.gpkg-* >/dev/null 2>&1 && echo "  !! journal left behind" || true
  sqlite3 national.gpkg "SELECT 'rows ' || group_concat(n, ' ') FROM (SELECT (SELECT count(*) FROM troncon_hydrographique) || ' / ' || (SELECT count(*) FROM zone_de_vegetation) AS n)"
  [ -n "${KEEP:-}" ] && mv national.gpkg "$KEEP-$name.gpkg"
  rm -f national.gpkg national.gpkg-journal
}
for v in ${VARIANTS:-full setrtree notriggers nosync nojournal}; do
  case $v in
    full) variant full triggers DELETE FULL ;;
    setrtree) variant setrtree setrtree DELETE FULL ;;
    notriggers) variant notriggers notriggers DELETE FULL ;;
    nosync) variant nosync triggers DELETE OFF ;;
    nojournal) variant nojournal triggers OFF OFF ;;
  esac
done
