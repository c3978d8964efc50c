#!/usr/bin/env python3
"""Writes the SQL of the SQLite floor of an in-place apply (bench/sqlite-apply-floor.sh): the changes of a bdfsync
package's changes.gpkg (attached as "pkg") applied to a national GeoPackage (main) by set statements, per layer:
the key -> fid map by one join (one scan of the national layer, the package's keys in an automatic index), then in
ONE transaction one DELETE ... WHERE fid IN (...), one UPDATE ... FROM for the geometry updates (SET geom only, so
that the R-tree triggers' AFTER UPDATE OF geom fire for those rows only, as with apply's per-column statements), one
UPDATE ... FROM for the attribute updates (each column set to the package's value when the change names it, else
kept), one INSERT ... SELECT, each in national fid order.
Usage: apply_sql.py CHANGES.gpkg KEY_COLUMN VARIANT NATIONAL.gpkg [CACHE_KIB] > apply.sql  (NATIONAL: read for its
trigger SQL; CACHE_KIB: the page cache of the transaction, default 16384 = apply's 16 MiB)
VARIANT: triggers (the GeoPackage's own R-tree triggers run, on the native ST_* of gpkg_envelope.so),
         notriggers (the triggers dropped inside the transaction and the R-tree not maintained: the table writes alone),
         setrtree (the triggers dropped, the R-tree kept right by set statements as apply keeps it, the triggers created
         again before the commit: the same R-tree rows as the triggers give).
Not in the floor: the fingerprint preconditions (SHA-256 of each changed row), the label and scope checks."""
import json, sqlite3, sys

changes, key, variant, national = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
cache_kib = int(sys.argv[5]) if len(sys.argv) > 5 else 16384
nat = sqlite3.connect(f"file:{national}?mode=ro", uri=True)
db = sqlite3.connect(f"file:{changes}?mode=ro", uri=True)
def q(name): return '"' + name.replace('"', '""') + '"'
def lit(text): return "'" + text.replace("'", "''") + "'"
layers = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name")]
out = [".timer on", ".bail on", "PRAGMA temp_store = MEMORY;"]
for layer in layers:
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({q(layer)})")]
    geom = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)).fetchone()[0]
    attrs = [c for c in cols if c not in ("fid", geom) and not c.startswith("bdfsync_")]
    L, m = q(layer), q("m_" + layer)
    out.append(f".print key-map {layer}")
    out.append(f"CREATE TEMP TABLE {m} AS SELECT n.fid AS nfid, c.fid AS cfid, c.bdfsync_op AS op, c.bdfsync_changed AS changed "
               f"FROM main.{L} n CROSS JOIN pkg.{L} c ON c.bdfsync_key = n.{q(key)} "
               f"WHERE c.bdfsync_op IN ('update', 'delete') ORDER BY n.fid;")
# the page cache of the writes (apply's: 16 MiB), set after the key maps: a scan through a big cache is slower (every
# page read goes into newly allocated memory; docs/pkg.md, round 11), and apply's key scan does not go through SQLite
out.append(f"PRAGMA main.cache_size = -{cache_kib};")
out.append(".print begin")
out.append("BEGIN IMMEDIATE;")
for layer in layers:
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({q(layer)})")]
    geom = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)).fetchone()[0]
    attrs = [c for c in cols if c not in ("fid", geom) and not c.startswith("bdfsync_")]
    L, m, G = q(layer), q("m_" + layer), q(geom)
    rtree = q(f"rtree_{layer}_{geom}")
    triggers = [(q(f"rtree_{layer}_{geom}_{kind}"), nat.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                 (f"rtree_{layer}_{geom}_{kind}",)).fetchone()[0]) for kind in ("insert", "update1", "update2", "update3", "update4", "delete")]
    if variant == "setrtree":
        out.append(f"CREATE TEMP TABLE {q('hi_' + layer)} AS SELECT seq AS f FROM main.sqlite_sequence WHERE name = {lit(layer)};")
    if variant in ("notriggers", "setrtree"):
        for kind in ("insert", "update1", "update2", "update3", "update4", "delete"):
            out.append(f".print drop-trigger {kind}")
            out.append(f"DROP TRIGGER {q('rtree_' + layer + '_' + geom + '_' + kind)};")
    out.append(f".print delete {layer}")
    out.append(f"DELETE FROM main.{L} WHERE fid IN (SELECT nfid FROM {m} WHERE op = 'delete');")
    out.append(f".print update-geometry {layer}")
    out.append(f"UPDATE main.{L} SET {G} = c.{G} FROM {m} JOIN pkg.{L} c ON c.fid = {m}.cfid "
               f"WHERE main.{L}.fid = {m}.nfid AND {m}.op = 'update' AND instr({m}.changed, '\"geometry\"') > 0;")
    sets = ", ".join(f"{q(a)} = CASE WHEN instr({m}.changed, {lit(json.dumps(a))}) > 0 THEN c.{q(a)} ELSE main.{L}.{q(a)} END"
                     for a in attrs if a != key)
    out.append(f".print update-attributes {layer}")
    out.append(f"UPDATE main.{L} SET {sets} FROM {m} JOIN pkg.{L} c ON c.fid = {m}.cfid "
               f"WHERE main.{L}.fid = {m}.nfid AND {m}.op = 'update' AND {m}.changed <> '[\"geometry\"]';")
    names = ", ".join(q(a) for a in attrs)
    out.append(f".print insert {layer}")
    out.append(f"INSERT INTO main.{L} ({names}, {G}) SELECT {', '.join('c.' + q(a) for a in attrs)}, c.{G} "
               f"FROM pkg.{L} c WHERE c.bdfsync_op = 'insert' ORDER BY c.fid;")
    if variant == "setrtree":
        # the R-tree kept right by set statements, as apply keeps it without the triggers (SpatialIndex): entries of the
        # deleted rows removed, the new boxes of geometry updates written only where the stored box differs (the new box
        # rounded by SQLite's own R-tree code through a temporary R-tree), the inserted rows' boxes added; then the
        # triggers created again from their own SQL, in the same transaction
        box, hi = q("box_" + layer), q("hi_" + layer)
        nonempty = "{g} IS NOT NULL AND NOT ST_IsEmpty({g})"
        out.append(f".print rtree-delete {layer}")
        out.append(f"DELETE FROM main.{rtree} WHERE id IN (SELECT nfid FROM {m} WHERE op = 'delete');")
        out.append(f".print rtree-update {layer}")
        out.append(f"CREATE VIRTUAL TABLE temp.{box} USING rtree(id, minx, maxx, miny, maxy);")
        out.append(f"INSERT INTO temp.{box} SELECT {m}.nfid, ST_MinX(c.{G}), ST_MaxX(c.{G}), ST_MinY(c.{G}), ST_MaxY(c.{G}) "
                   f"FROM {m} JOIN pkg.{L} c ON c.fid = {m}.cfid WHERE {m}.op = 'update' AND instr({m}.changed, '\"geometry\"') > 0 "
                   f"AND {nonempty.format(g='c.' + G)};")
        out.append(f"INSERT OR REPLACE INTO main.{rtree} SELECT b.* FROM temp.{box} b LEFT JOIN main.{rtree} r ON r.id = b.id "
                   f"WHERE r.id IS NULL OR r.minx <> b.minx OR r.maxx <> b.maxx OR r.miny <> b.miny OR r.maxy <> b.maxy ORDER BY b.id;")
        out.append(f"DELETE FROM main.{rtree} WHERE id IN (SELECT {m}.nfid FROM {m} JOIN pkg.{L} c ON c.fid = {m}.cfid "
                   f"WHERE {m}.op = 'update' AND instr({m}.changed, '\"geometry\"') > 0 AND NOT ({nonempty.format(g='c.' + G)}));")
        out.append(f".print rtree-insert {layer}")
        out.append(f"INSERT INTO main.{rtree} SELECT fid, ST_MinX({G}), ST_MaxX({G}), ST_MinY({G}), ST_MaxY({G}) FROM main.{L} "
                   f"WHERE fid > (SELECT f FROM temp.{hi}) AND {nonempty.format(g=G)} ORDER BY fid;")
        out.append(f".print create-triggers {layer}")
        for name, sql in triggers:
            out.append(sql.rstrip(";") + ";")
out.append(".print commit")
out.append("COMMIT;")
print("\n".join(out))
