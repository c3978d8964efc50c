#!/usr/bin/env python3
"""Precision / recall of `bdfsync attach` against a ground truth written by testdata/gen_local_version.py.

Usage: attach_quality.py LINKS.gpkg TRUTH.json [--layer LOCAL_LAYER] [--json]

Per perturbation kind and overall, over local features:
  sure precision   = sure link rows whose national key is in the feature's truth / all sure link rows
  sure recall      = truth (local, national) pairs found by a sure link / all truth pairs
  uncertain share  = local features with at least one uncertain link and no sure one / local features
  unmatched ok     = local-only features ("added") left unmatched or uncertain (not surely linked)
Standard library only (sqlite3).
"""
import argparse
import collections
import json
import sqlite3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("links")
    ap.add_argument("truth")
    ap.add_argument("--layer", default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    truth = json.load(open(a.truth))
    db = sqlite3.connect(a.links)
    q = "SELECT local_layer, local_fid, national_key, status FROM attach_links UNION ALL SELECT local_layer, local_fid, national_key, status FROM attach_unmatched"
    rows = collections.defaultdict(list)
    for layer, fid, key, status in db.execute(q):
        if a.layer and layer != a.layer:
            continue
        rows[str(fid)].append((key, status))
    stats = collections.defaultdict(lambda: collections.Counter())
    for fid, t in truth["features"].items():
        kind = t["kind"]
        keys = set(t["keys"])
        links = rows.get(fid, [])
        s = stats[kind]
        s["features"] += 1
        sure = [k for k, st in links if st == "sure"]
        unc = [k for k, st in links if st == "uncertain"]
        s["sure_rows"] += len(sure)
        s["sure_correct"] += sum(1 for k in sure if k in keys)
        s["truth_pairs"] += len(keys)
        s["truth_found"] += len(keys & set(sure))
        if not sure and unc:
            s["uncertain"] += 1
        if not sure and not unc:
            s["unmatched"] += 1
    total = collections.Counter()
    for s in stats.values():
        total.update(s)
    stats["ALL"] = total
    out = {}
    for kind in sorted(stats, key=lambda k: (k == "ALL", k)):
        s = stats[kind]
        out[kind] = {
            "features": s["features"],
            "sure_precision": round(s["sure_correct"] / s["sure_rows"], 4) if s["sure_rows"] else None,
            "sure_recall": round(s["truth_found"] / s["truth_pairs"], 4) if s["truth_pairs"] else None,
            "uncertain_share": round(s["uncertain"] / s["features"], 4) if s["features"] else None,
            "unmatched": s["unmatched"],
        }
    if a.json:
        print(json.dumps(out, indent=1))
        return
    print(f"{'kind':10} {'features':>8} {'precision':>9} {'recall':>7} {'uncertain':>9} {'unmatched':>9}")
    for kind, o in out.items():
        fmt = lambda v: "-" if v is None else f"{v:.4f}"
        print(f"{kind:10} {o['features']:>8} {fmt(o['sure_precision']):>9} {fmt(o['sure_recall']):>7} {fmt(o['uncertain_share']):>9} {o['unmatched']:>9}")


if __name__ == "__main__":
    main()
