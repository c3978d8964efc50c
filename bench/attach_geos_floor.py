#!/usr/bin/env python3
"""What a native overlay costs on the attach benchmark's true pairs: for the first N sure 1:1 links of a links table,
parse both polygons (WKB) and compute the intersection over union with GEOS (through GDAL's OGR bindings), timing the
CPU of that loop alone (rows are read beforehand). Compare with `bdfsync attach`'s CPU per local feature: the issue's
50,000 local features/s on 2 cores leaves 40 CPU-microseconds per local feature for everything.

Usage: /usr/bin/python3 bench/attach_geos_floor.py LINKS.gpkg LOCAL.gpkg NATIONAL.gpkg [N=20000]
  e.g. after bench/attach_bench.sh 1000000 /work/bench-data/attach (EVERY=10):
  /usr/bin/python3 bench/attach_geos_floor.py /work/bench-data/attach/links1000000-every10.gpkg \
      /work/bench-data/attach/local1000000-every10.gpkg /work/bench-data/n1000000/base.gpkg 20000
Needs python3-gdal (GEOS inside GDAL). Layers: local_zone_de_vegetation and zone_de_vegetation.
"""
import sqlite3, time, sys
from osgeo import ogr
ogr.UseExceptions()
links, local, national = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
pairs = sqlite3.connect(links).execute("select local_fid, national_fid from attach_links where status='sure' and cardinality='1:1' limit ?", (n,)).fetchall()
lc = sqlite3.connect(local); nc = sqlite3.connect(national)
def wkb(blob):  # GeoPackage blob -> WKB (skip header with envelope)
    flags = blob[3]; env = (flags >> 1) & 7
    return bytes(blob[8 + [0, 32, 48, 48, 64][env]:])
lb = [wkb(lc.execute("select geom from local_zone_de_vegetation where fid=?", (a,)).fetchone()[0]) for a, b in pairs]
nb = [wkb(nc.execute("select geom from zone_de_vegetation where fid=?", (b,)).fetchone()[0]) for a, b in pairs]
verts = 0
t0 = time.process_time()
s = 0.0
for a, b in zip(lb, nb):
    ga = ogr.CreateGeometryFromWkb(a); gb = ogr.CreateGeometryFromWkb(b)
    i = ga.Intersection(gb).GetArea()
    s += i / (ga.GetArea() + gb.GetArea() - i)
t1 = time.process_time()
for a, b in zip(lb, nb):
    ga = ogr.CreateGeometryFromWkb(a); gb = ogr.CreateGeometryFromWkb(b)
t2 = time.process_time()
print(f"{len(pairs)} true 1:1 pairs: parse + GEOS intersection area + IoU {t1-t0:.2f} CPU-s ({(t1-t0)/len(pairs)*1e6:.0f} us/pair), parse alone {t2-t1:.2f} s; mean IoU {s/len(pairs):.4f}")
