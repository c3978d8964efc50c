#!/usr/bin/python3
"""Derive a "local" version of a national layer, with the ground truth of which national feature(s) each local
feature describes. Needs GDAL's Python bindings (Debian: python3-gdal; run with /usr/bin/python3).

Every national feature gets one perturbation kind, drawn with a seeded random generator (same inputs and seed,
same output):
  shift     translated by 0.5-3 m in a random direction
  noise     translated by 0.5-3 m, and every vertex moved by up to 1 m more
  densify   translated by 0.5-3 m, vertices added every 2 m
  simplify  translated by 0.5-3 m, Douglas-Peucker at 1 m
  split     (lines) cut in two at 30-70 % of its length, both pieces shifted alike  -> two local features, n:1
  merge     (polygons) unioned with a touching national polygon, shifted          -> one local feature, 1:n
  delete    left out of the local version (a national feature nobody mapped)
plus `--added` local-only features (a copy of a random national feature moved 300-600 m away, truth: none).
The identifier column (cleabs / ID) is dropped, `NATURE` is renamed `type`, every other attribute is dropped.

Usage: gen_local_version.py NATIONAL.gpkg LAYER OUT.gpkg TRUTH.json [--seed 7] [--rates shift=..,...] [--added 0.02]
TRUTH.json: {"layer": L, "key": K, "features": {"<local fid>": {"kind": k, "keys": [national keys]}}, "deleted": [...]}
"""
import argparse
import json
import math
import random
import sys

from osgeo import gdal, ogr, osr

ogr.UseExceptions()
gdal.PushErrorHandler('CPLQuietErrorHandler')

LINE_KINDS = {"shift": 0.3, "noise": 0.2, "densify": 0.2, "simplify": 0.1, "split": 0.15, "delete": 0.05}
POLY_KINDS = {"shift": 0.3, "noise": 0.2, "densify": 0.2, "simplify": 0.1, "merge": 0.15, "delete": 0.05}


def translate(g, dx, dy):
    g = g.Clone()
    for i in range(max(1, g.GetGeometryCount()) if g.GetGeometryCount() else 1):
        pass
    _apply(g, lambda x, y: (x + dx, y + dy))
    return g


def _apply(g, fn):
    if g.GetGeometryCount() > 0:
        for i in range(g.GetGeometryCount()):
            _apply(g.GetGeometryRef(i), fn)
        return
    for i in range(g.GetPointCount()):
        x, y = g.GetX(i), g.GetY(i)
        nx, ny = fn(x, y)
        g.SetPoint_2D(i, nx, ny)


def jitter(g, rng, amount):
    g = g.Clone()
    if g.GetDimension() == 2:
        # keep rings closed: move every vertex but the closing one, then copy the first onto the last
        def ring_apply(r):
            n = r.GetPointCount()
            for i in range(n - 1):
                a = rng.uniform(0, 2 * math.pi)
                d = rng.uniform(0, amount)
                r.SetPoint_2D(i, r.GetX(i) + d * math.cos(a), r.GetY(i) + d * math.sin(a))
            r.SetPoint_2D(n - 1, r.GetX(0), r.GetY(0))

        def walk(x):
            if x.GetGeometryType() in (ogr.wkbLinearRing,) or (x.GetGeometryCount() == 0):
                ring_apply(x)
            else:
                for i in range(x.GetGeometryCount()):
                    walk(x.GetGeometryRef(i))
        walk(g)
        return g.Buffer(0) if not g.IsValid() else g
    _apply(g, lambda x, y: (x + rng.uniform(-amount, amount), y + rng.uniform(-amount, amount)))
    return g


def shift_of(rng):
    d = rng.uniform(0.5, 3.0)
    a = rng.uniform(0, 2 * math.pi)
    return d * math.cos(a), d * math.sin(a)


def split_line(g, frac):
    """Two pieces of a (multi)line at `frac` of its length (the parts of a multiline are chained)."""
    pts = []
    for i in range(g.GetGeometryCount() or 1):
        part = g.GetGeometryRef(i) if g.GetGeometryCount() else g
        pts.extend([(part.GetX(j), part.GetY(j)) for j in range(part.GetPointCount())])
    total = sum(math.dist(pts[i], pts[i + 1]) for i in range(len(pts) - 1))
    target = total * frac
    acc = 0
    for i in range(len(pts) - 1):
        seg = math.dist(pts[i], pts[i + 1])
        if acc + seg >= target and seg > 0:
            t = (target - acc) / seg
            cut = (pts[i][0] + t * (pts[i + 1][0] - pts[i][0]), pts[i][1] + t * (pts[i + 1][1] - pts[i][1]))
            return _line(pts[:i + 1] + [cut]), _line([cut] + pts[i + 1:])
        acc += seg
    return None


def _line(pts):
    l = ogr.Geometry(ogr.wkbLineString)
    for x, y in pts:
        l.AddPoint_2D(x, y)
    return l


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("national")
    ap.add_argument("layer")
    ap.add_argument("out")
    ap.add_argument("truth")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--added", type=float, default=0.02, help="local-only features, as a share of the national count")
    ap.add_argument("--kinds", default=None, help="kind=weight,... (default depends on the geometry type)")
    ap.add_argument("--every", type=int, default=1, help="derive only national features whose fid is a multiple of this "
                    "(a 100k local layer from a 1M national one: --every 10)")
    a = ap.parse_args()
    rng = random.Random(a.seed)

    src = ogr.Open(a.national)
    lyr = src.GetLayerByName(a.layer)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    key = next((n for n in names if n.lower() == "cleabs"), None) or next(n for n in names if n.lower() == "id")
    nature = next((n for n in names if n.lower() == "nature"), None)
    if a.every > 1:
        lyr.SetAttributeFilter("fid %% %d = 0" % a.every)
    feats = []
    for f in lyr:
        g = f.GetGeometryRef()
        if g is None or g.IsEmpty():
            continue
        g = g.Clone()
        g.FlattenTo2D()
        feats.append((f.GetField(key), f.GetField(nature) if nature else None, g))
    feats.sort(key=lambda t: t[0])
    polygonal = feats[0][2].GetDimension() == 2
    kinds = POLY_KINDS if polygonal else LINE_KINDS
    if a.kinds:
        kinds = {k: float(v) for k, v in (kv.split("=") for kv in a.kinds.split(","))}
    kind_names = list(kinds)
    weights = [kinds[k] for k in kind_names]

    out_ds = ogr.GetDriverByName("GPKG").CreateDataSource(a.out)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    gtype = ogr.wkbMultiPolygon if polygonal else ogr.wkbMultiLineString
    out = out_ds.CreateLayer("local_" + a.layer, srs, gtype, ["FID=fid"])
    out.CreateField(ogr.FieldDefn("type", ogr.OFTString))
    truth = {"layer": a.layer, "key": key, "seed": a.seed, "features": {}, "deleted": []}
    merged_into = set()
    fid = [0]

    def write(geom, nat, kind, keys):
        fid[0] += 1
        f = ogr.Feature(out.GetLayerDefn())
        f.SetFID(fid[0])
        f.SetField("type", nat)
        f.SetGeometry(ogr.ForceToMultiPolygon(geom) if polygonal else ogr.ForceToMultiLineString(geom))
        out.CreateFeature(f)
        truth["features"][str(fid[0])] = {"kind": kind, "keys": keys}

    index = {}
    if polygonal:
        for i, (_, _, g) in enumerate(feats):
            index[i] = g.GetEnvelope()
    for i, (k, nat, g) in enumerate(feats):
        if k in merged_into:
            continue
        kind = rng.choices(kind_names, weights)[0]
        dx, dy = shift_of(rng)
        if kind == "delete":
            truth["deleted"].append(k)
            continue
        if kind == "split":
            parts = split_line(g, rng.uniform(0.3, 0.7))
            if parts:
                for p in parts:
                    write(translate(p, dx, dy), nat, "split", [k])
                continue
            kind = "shift"
        if kind == "merge":
            partner = None
            for j in range(i + 1, len(feats)):  # only features not written yet
                k2, _, g2 = feats[j]
                e1, e2 = index[i], index[j]
                if k2 in merged_into or not (e1[0] <= e2[1] and e2[0] <= e1[1] and e1[2] <= e2[3] and e2[2] <= e1[3]):
                    continue
                if g.Touches(g2) or (g.Intersects(g2) and g.Intersection(g2).GetArea() < 1):
                    partner = (j, k2, g2)
                    break
            if partner:
                merged_into.add(partner[1])
                merged_into.add(k)
                u = g.Union(partner[2]).Buffer(0)
                write(translate(u, dx, dy), nat, "merge", sorted([k, partner[1]]))
                continue
            kind = "shift"
        if kind == "noise":
            geom = jitter(translate(g, dx, dy), rng, 1.0)
        elif kind == "densify":
            geom = translate(g, dx, dy)
            geom.Segmentize(2.0)
        elif kind == "simplify":
            geom = translate(g, dx, dy).SimplifyPreserveTopology(1.0)
        else:
            geom = translate(g, dx, dy)
        write(geom, nat, kind, [k])
    for _ in range(int(len(feats) * a.added)):
        k, nat, g = feats[rng.randrange(len(feats))]
        d = rng.uniform(300, 600)
        t = rng.uniform(0, 2 * math.pi)
        moved = translate(g, d * math.cos(t), d * math.sin(t))
        # only truly local-only when it lands on no national feature of similar size
        write(moved, nat, "added", [])
    out_ds = None
    with open(a.truth, "w") as fh:
        json.dump(truth, fh, indent=1, sort_keys=True)
    counts = {}
    for v in truth["features"].values():
        counts[v["kind"]] = counts.get(v["kind"], 0) + 1
    print(f"{a.out}: {fid[0]} local features from {len(feats)} national; kinds {counts}; deleted {len(truth['deleted'])}", file=sys.stderr)


if __name__ == "__main__":
    main()
