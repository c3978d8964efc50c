#!/usr/bin/env bash
# Compares the outputs of two sync runs (e.g. two jars on the same job, outputs in two folders), ignoring creation
# timestamps and the output folder: conflicts.json, report.json, lineage.json as text; merged.gpkg, changes.gpkg,
# report.gpkg by `sqlite3 .dump`; summary.txt (stdout of `bdfsync sync`) without the `phases:` line. Exit 1 on a difference.
# The data root (the output folder's parent, where sync-bench.sh finds nN/) is masked too, so two runs of
# sync-bench.sh under two roots of links to the same data compare equal (the sync state records the edition's path).
# Usage: bench/sync-compare.sh DIR_A DIR_B
A=$1; B=$2; rc=0
norm() { sed -E 's/"created" : "[^"]*"/"created"/; s#'"$2"'#OUT#g' "$1"; }
for f in conflicts.json report.json lineage.json; do
  if ! cmp -s <(norm $A/$f $A) <(norm $B/$f $B); then echo "DIFF $f"; rc=1; else echo "same $f"; fi
done
for f in merged.gpkg changes.gpkg report.gpkg; do
  if ! cmp -s <(sqlite3 $A/$f .dump | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TS/g' | sed "s#$A#OUT#g; s#$(dirname $A)/#ROOT/#g") <(sqlite3 $B/$f .dump | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TS/g' | sed "s#$B#OUT#g; s#$(dirname $B)/#ROOT/#g"); then echo "DIFF $f (dump)"; rc=1; else echo "same $f (dump)"; fi
done
if ! cmp -s <(grep -v "^phases:" $A/summary.txt | sed "s#$A#OUT#g") <(grep -v "^phases:" $B/summary.txt | sed "s#$B#OUT#g"); then echo "DIFF summary.txt"; rc=1; else echo "same summary.txt"; fi
exit $rc
