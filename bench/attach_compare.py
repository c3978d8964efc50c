#!/usr/bin/env python3
"""Compares the outputs of two `bdfsync attach` runs row by row: every column of `attach_links` and `attach_unmatched`
(geometry included, in fid order) of the links GeoPackages, the state's `bdfsync_attach_links` (every column but
`updated`, in row order) and the summary JSON byte for byte. Prints one line per table and IDENTICAL or DIFFER.

Usage: bench/attach_compare.py A B   where A.links.gpkg, A.state.gpkg and A.summary.json are one run's outputs
(the same for B), e.g. after
  java -Xmx4g -XX:+UseParallelGC -jar JAR attach --verbose --local L --national N --national-layer zone_de_vegetation \\
       --state A.state.gpkg --output A.links.gpkg --summary A.summary.json
"""
import hashlib
import sqlite3
import sys


def digest(db, sql):
    c = sqlite3.connect(db)
    m = hashlib.sha256()
    n = 0
    for row in c.execute(sql):
        m.update(repr(row).encode())
        n += 1
    return n, m.hexdigest()


def main(a, b):
    ok = True
    for t in ("attach_links", "attach_unmatched"):
        x = digest(a + ".links.gpkg", f"select * from {t} order by fid")
        y = digest(b + ".links.gpkg", f"select * from {t} order by fid")
        print(t, x[0], y[0], "same" if x == y else "DIFFERENT")
        ok &= x == y
    cols = ("local_layer,national_layer,local_fid,national_fid,national_key,cardinality,confidence,rule,status,"
            "link_group,reason,measures,local_fp,national_fp")
    x = digest(a + ".state.gpkg", f"select {cols} from bdfsync_attach_links order by rowid")
    y = digest(b + ".state.gpkg", f"select {cols} from bdfsync_attach_links order by rowid")
    print("state", x[0], y[0], "same" if x == y else "DIFFERENT")
    ok &= x == y
    same = open(a + ".summary.json", "rb").read() == open(b + ".summary.json", "rb").read()
    print("summary", "same" if same else "DIFFERENT")
    ok &= same
    print("IDENTICAL" if ok else "DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
