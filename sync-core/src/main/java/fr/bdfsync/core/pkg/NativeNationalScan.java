package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SerialType;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.SqliteTable;
import fr.bdfsync.core.io.sqlite.TableCursor;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The two full reads of a national layer done with the pure-Java SQLite reader ({@code io/sqlite}) instead of
 * sqlite-jdbc: the builder's base digest and base fingerprints ({@link #base}) and apply's key scan with the
 * fingerprints of the rows found, its preconditions ({@link #keys}).
 * Both give exactly what the SQL path of {@link NationalLayer} gives (the same decoded values, hence the same
 * fingerprints), and return null when the layer is outside what the reader supports (then the caller reads by SQL):
 * see {@link SqliteTable#describe}, plus a primary key that is not the rowid, a key column without TEXT affinity or
 * with a collation, a geometry stored as a real number, a column added with a non-null default.
 * The caller holds a read snapshot of the file ({@code diff.ReadSnapshot} or {@link NationalSnapshot}): a read
 * transaction on {@code c} with SQLite's SHARED lock (writers are kept out), and one view of the file ({@link SqliteFile})
 * that it closes after the transaction ends (closing a descriptor drops the process's POSIX locks on the file).
 */
final class NativeNationalScan {
    private NativeNationalScan() {
    }

    /**
     * The table of {@code schema}'s layer as the pure-Java reader sees it in {@code file}, described through {@code c}
     * (both on the same file, under a read snapshot the caller holds), or null when the layer must be read by SQL.
     */
    static SqliteTable table(Connection c, SqliteFile file, Schema schema) {
        try {
            SqliteTable.Description d = SqliteTable.describe(c, file.path(), schema.layer());
            if (d.table() == null || d.table().unsupportedIn(file) != null || !pkIsRowid(d.table(), schema)) return null;
            return d.table();
        } catch (SqliteTable.Unsupported e) {
            return null;
        }
    }

    /**
     * {@link NationalLayer#scan} by the pure-Java reader on {@code file} (under the caller's read snapshot), or null when
     * the layer must be read by SQL.
     */
    static NationalLayer.BaseScan base(Connection c, SqliteFile file, Schema schema, Set<Long> wanted) {
        SqliteTable table = table(c, file, schema);
        RowHasher hasher = table == null ? null : RowHasher.of(table, schema);
        if (hasher == null) return null;
        try {
            LayerDigest digest = new LayerDigest();
            Map<Long, String> found = new HashMap<>(Math.max(16, wanted.size() * 2));
            HexFormat hex = HexFormat.of();
            Record r = new Record();
            TableCursor cur = table.cursor(file);
            while (cur.next()) {
                long rowid = cur.rowid();
                if (!r.parse(cur.payload(), cur.payloadLength())) return null; // malformed: let SQLite report it
                byte[] d = hasher.digest(r, cur.payload(), rowid);
                digest.add(d);
                if (wanted.contains(rowid)) found.put(rowid, hex.formatHex(d));
            }
            return new NationalLayer.BaseScan(digest, found);
        } catch (SqliteTable.Unsupported e) {
            return null;
        }
    }

    /**
     * The key scan of {@link NationalLayer#lookup} by the pure-Java reader on {@code file} (under the caller's read
     * snapshot), or null when it must be done by SQL; {@code geometries}: keep the geometry of each row found (for the
     * territory check).
     */
    static Map<String, NationalLayer.Found> keys(Connection c, SqliteFile file, Schema schema, String keyColumn, Set<String> keys, boolean geometries) {
        SqliteTable table = table(c, file, schema);
        return table == null ? null : keys(table, file, schema, keyColumn, keys, geometries);
    }

    /**
     * One scan of {@code table} in {@code file} (opened and locked by the caller, {@link SqliteTable#unsupportedIn}
     * checked): the row id of each key of {@code keys} ({@link NationalLayer#AMBIGUOUS} for a key several rows hold)
     * and, in the same pass, the row fingerprint of the row (the precondition apply checks), computed from the page
     * bytes by the same code as the base digest; null when the layer must be read by SQL.
     */
    static Map<String, NationalLayer.Found> keys(SqliteTable table, SqliteFile file, Schema schema, String keyColumn, Set<String> keys,
                                                 boolean geometries) {
        try {
            if (!pkIsRowid(table, schema)) return null;
            int k = table.index(keyColumn);
            if (k < 0 || k == table.rowidAlias() || !"TEXT".equals(table.columns().get(k).affinity())) return null;
            // a COLLATE clause anywhere in the table's definition could change how SQL matches keys: leave it to SQL
            if (table.createSql().toUpperCase(Locale.ROOT).contains("COLLATE")) return null;
            RowHasher hasher = RowHasher.of(table, schema); // null: fingerprints read by SQL afterwards
            HexFormat hex = HexFormat.of();
            Map<String, NationalLayer.Found> map = new HashMap<>(Math.max(16, keys.size() * 2));
            Record r = new Record();
            WantedKeys wanted = new WantedKeys(keys);
            TableCursor cur = table.cursor(file);
            while (cur.next()) {
                if (!r.parse(cur.payload(), cur.payloadLength())) return null;
                // a text key that is no wanted key's bytes is skipped without being decoded (exact: see WantedKeys)
                if (k < r.columnCount() && SerialType.isText(r.serialType(k)) && !wanted.mayHold(cur.payload(), r.offset(k), r.length(k))) continue;
                Object v = table.value(r, k, cur.rowid());
                if (v == null || v instanceof byte[]) continue; // a blob never equals a text key
                if (!(v instanceof String)) return null;
                String key = (String) v;
                if (!keys.contains(key)) continue;
                if (map.containsKey(key)) {
                    map.put(key, NationalLayer.Found.AMBIGUOUS);
                    continue;
                }
                long rowid = cur.rowid();
                String fingerprint = hasher == null ? null : hex.formatHex(hasher.digest(r, cur.payload(), rowid));
                byte[] geometry = hasher == null || !geometries ? null : hasher.geometry(r, rowid);
                map.put(key, new NationalLayer.Found(rowid, fingerprint, geometry));
            }
            return map;
        } catch (SqliteTable.Unsupported e) {
            return null;
        }
    }

    /**
     * The row fingerprint of a record read by the pure-Java reader: each column taken as sqlite-jdbc's {@code getObject}
     * gives it and decoded as {@link GpkgDataset#decode} does (text that is well-formed UTF-8 hashed from the page
     * bytes, which is what the decoded String re-encodes to), so the same value as {@link NationalLayer}'s SQL path.
     */
    static final class RowHasher {
        private final SqliteTable table;
        private final List<Field> fields;
        private final int[] idx;
        private final int geom;
        private final boolean[] text;
        private final RowFingerprint.Utf8Text[] raw;
        private final Object[] values;
        private final RowFingerprint fingerprint;

        private RowHasher(SqliteTable table, Schema schema, int[] idx, int geom) {
            this.table = table;
            this.fields = schema.fields();
            this.idx = idx;
            this.geom = geom;
            this.text = new boolean[idx.length];
            this.raw = new RowFingerprint.Utf8Text[idx.length];
            this.values = new Object[idx.length];
            this.fingerprint = new RowFingerprint(schema);
            for (int i = 0; i < idx.length; i++) {
                FieldType ft = fields.get(i).type();
                text[i] = idx[i] != table.rowidAlias() && (ft == FieldType.TEXT || ft == FieldType.DATE || ft == FieldType.DATETIME);
                raw[i] = new RowFingerprint.Utf8Text();
            }
        }

        /** Null when a field or the geometry column of the schema is not in the table. */
        static RowHasher of(SqliteTable table, Schema schema) {
            List<Field> fields = schema.fields();
            int[] idx = new int[fields.size()];
            for (int i = 0; i < idx.length; i++) if ((idx[i] = table.index(fields.get(i).name())) < 0) return null;
            int geom = schema.hasGeometry() ? table.index(schema.geometryColumn()) : -1;
            if (schema.hasGeometry() && geom < 0) return null;
            return new RowHasher(table, schema, idx, geom);
        }

        /** The fingerprint of the row whose record {@code r} was parsed from {@code payload}. */
        byte[] digest(Record r, byte[] payload, long rowid) {
            for (int i = 0; i < idx.length; i++) {
                int col = idx[i];
                if (text[i] && col < r.columnCount() && SerialType.isText(r.serialType(col)) && wellFormedUtf8(payload, r.offset(col), r.length(col))) {
                    values[i] = raw[i].set(payload, r.offset(col), r.length(col)); // the bytes the decoded String re-encodes to
                } else {
                    values[i] = GpkgDataset.decode(table.value(r, col, rowid), fields.get(i).type());
                }
            }
            if (geom >= 0 && geom != table.rowidAlias() && geom < r.columnCount() && SerialType.isBlob(r.serialType(geom))) {
                // the blob digested where it lies in the record: no copy of every geometry (what getBytes would give)
                int from = r.offset(geom), to = from + r.length(geom);
                return fingerprint.digest(values, payload, from + GpkgGeometry.wkbOffset(payload, from, to), to);
            }
            byte[] blob = geometry(r, rowid);
            return fingerprint.digest(values, blob, blob == null ? 0 : GpkgGeometry.wkbOffset(blob));
        }

        /** The geometry column's value as sqlite-jdbc's {@code getBytes} gives it (a copy), null without. */
        byte[] geometry(Record r, long rowid) {
            return geom < 0 ? null : geometryBytes(table.value(r, geom, rowid));
        }
    }

    /**
     * True when {@code b[from, from + length)} is well-formed UTF-8 (RFC 3629: shortest forms, no surrogates, at most
     * U+10FFFF): exactly the inputs that Java's decoder turns into a String which re-encodes to the same bytes.
     */
    static boolean wellFormedUtf8(byte[] b, int from, int length) {
        int i = from;
        int end = from + length;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) more = 1;
            else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
                if (c == 0xE0) lo = 0xA0;
                else if (c == 0xED) hi = 0x9F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
                if (c == 0xF0) lo = 0x90;
                else if (c == 0xF4) hi = 0x8F;
            } else return false;
            if (i + more >= end) return false; // truncated sequence
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) return false;
            for (int k = 2; k <= more; k++) if ((b[i + k] & 0xC0) != 0x80) return false;
            i += more + 1;
        }
        return true;
    }

    private static boolean pkIsRowid(SqliteTable table, Schema schema) {
        return schema.primaryKey() == null || table.rowidAlias() >= 0 && table.columns().get(table.rowidAlias()).name().equalsIgnoreCase(schema.primaryKey());
    }

    /** The geometry column's value as sqlite-jdbc's {@code getBytes} gives it. */
    private static byte[] geometryBytes(Object v) {
        if (v == null || v instanceof byte[]) return (byte[]) v;
        if (v instanceof String) return ((String) v).getBytes(StandardCharsets.UTF_8);
        if (v instanceof Long) return Long.toString((Long) v).getBytes(StandardCharsets.UTF_8);
        throw new SqliteTable.Unsupported("a geometry stored as a real number");
    }
}
