#!/usr/bin/env python3
"""Writes the SQL of the SQLite floor of an in-place apply (bench/sqlite-apply-floor.sh): the changes of a bdfsync
package's changes.gpkg (attached as "pkg") applied to a national GeoPackage (main) by set statements, per layer:
the key -> fid map by one join (one scan of the national layer, the package's keys in an automatic index), then in
ONE transaction one DELETE ... WHERE fid IN (...), one UPDATE ... FROM for the geometry updates (SET geom only, so
that the R-tree triggers' AFTER UPDATE OF geom fire for those rows only, as with apply's per-column statements), one
UPDATE ... FROM for the attribute updates (each column set to the package's value when the change names it, else
kept), one INSERT ... SELECT, each in national fid order.
Usage: apply_sql.py CHANGES.gpkg KEY_COLUMN VARIANT > apply.sql
VARIANT: triggers (the GeoPackage's own R-tree triggers run, on the native ST_* of gpkg_envelope.so),
         notriggers (the triggers dropped inside the transaction and the R-tree not maintained: the table writes alone).
Not in the floor: the fingerprint preconditions (SHA-256 of each changed row), the label and scope checks."""
import json, sqlite3, sys

changes, key, variant = sys.argv[1], sys.argv[2], sys.argv[3]
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
out.append(".print begin")
out.append("BEGIN IMMEDIATE;")
for layer in layers:
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({q(layer)})")]
    geom = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)).fetchone()[0]
    attrs = [c for c in cols if c not in ("fid", geom) and not c.startswith("bdfsync_")]
    L, m, G = q(layer), q("m_" + layer), q(geom)
    if variant == "notriggers":
        for kind in ("insert", "update1", "update2", "update3", "update4", "delete"):
            out.append(f".print drop-trigger {kind}")
            out.append(f"DROP TRIGGER {q('rtree_' + layer + '_' + geom + '_' + kind)};")
        out.append(f".print delete {layer}")
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
out.append(".print commit")
out.append("COMMIT;")
print("\n".join(out))
