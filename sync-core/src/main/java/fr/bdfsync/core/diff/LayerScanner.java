package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.io.gpkg.Sql;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The first, cheap pass over one side of a layer. One query returns per row the fid, the byte lengths of the key and
 * of the geometry, and one text built by SQLite: the key, the compared attributes (see {@link #attributeExpression}) and
 * the geometry blob; Java splits it by the lengths and hashes the attribute bytes and the WKB bytes (header skipped).
 * No value is decoded and nothing is kept but a {@link KeyTable}.
 */
final class LayerScanner {
    private static final int MAX_REPORTED = 20;

    private LayerScanner() {
    }

    /**
     * @param compared compared column names (mapped), in the same order on every side
     * @param asText   compared columns whose type differs between sides: compared by their text
     * @param unkeyed  the key of a row without one, from its fid ({@code fid:N}, or a linked key: {@link LinkedKeys});
     *                 null when such rows are refused; a null key leaves the row out
     */
    static KeyTable scan(LayerSource src, List<String> compared, Set<String> asText, LongFunction<String> unkeyed) {
        StringBuilder attrs = new StringBuilder();
        for (String c : compared) {
            if (attrs.length() > 0) attrs.append("||x'ff'||");
            String col = Sql.id(src.columns().get(c).name());
            attrs.append(attributeExpression(col, src.columns().get(c).type(), asText.contains(c)));
        }
        if (attrs.length() == 0) attrs.append("''");
        // One text per row, key || attributes || geometry, with the key's and the geometry's byte lengths packed in one
        // integer: one value crosses JNI instead of three (each a call, a copy and an allocation: the scan's main cost).
        String key = src.keySourceColumn() == null ? "x''" : "ifnull(CAST(" + Sql.id(src.keySourceColumn()) + " AS BLOB),x'')";
        String geom = src.schema().hasGeometry() ? Sql.id(src.schema().geometryColumn()) : "NULL";
        String sql = "SELECT " + src.fidExpression() + ", octet_length(" + key + ") * 4294967296 + ifnull(octet_length(" + geom
                + "),-1) + 1, " + key + "||" + attrs + "||ifnull(" + geom + ",x'') FROM " + Sql.id(src.layer());
        KeyTable table = new KeyTable(largestRowid(src));
        List<String> duplicates = new ArrayList<>();
        long nulls = 0;
        List<Long> nullFids = new ArrayList<>();
        try (Statement st = src.dataset().connection().createStatement()) {
            st.setFetchSize(4096);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    long fid = rs.getLong(1);
                    long lengths = rs.getLong(2);
                    byte[] row = rs.getBytes(3);
                    int keyLength = (int) (lengths >>> 32), geomLength = (int) (lengths & 0xFFFFFFFFL) - 1;
                    if (keyLength == 0 && unkeyed != null) {
                        String given = unkeyed.apply(fid);
                        if (given == null) continue;
                        int geomStart = geomLength < 0 ? row.length : row.length - geomLength;
                        byte[] k = given.getBytes(StandardCharsets.UTF_8);
                        long ah = Hash64.hash(row, 0, geomStart, 1);
                        long gh = geomLength < 0 ? 0 : Hash64.hash(row, geomStart + wkbOffset(src, row, geomStart, fid), row.length, 2);
                        table.add(k, 0, k.length, fid, ah, gh);
                        continue;
                    }
                    if (keyLength == 0) {
                        nulls++;
                        if (nullFids.size() < MAX_REPORTED) nullFids.add(fid);
                        continue;
                    }
                    int geomStart = geomLength < 0 ? row.length : row.length - geomLength;
                    if (geomStart < keyLength) {
                        throw BdfsyncException.invalid(src.dataset().path(), src.layer(), "fid " + fid, "unreadable row (key or geometry lengths)");
                    }
                    long ah = Hash64.hash(row, keyLength, geomStart, 1);
                    long gh = geomLength < 0 ? 0 : Hash64.hash(row, geomStart + wkbOffset(src, row, geomStart, fid), row.length, 2);
                    int dup = table.add(row, 0, keyLength, fid, ah, gh);
                    if (dup >= 0 && duplicates.size() < MAX_REPORTED) {
                        duplicates.add(new String(row, 0, keyLength, StandardCharsets.UTF_8) + " (fids " + table.fid(dup) + ", " + fid + ")");
                    }
                }
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(src.dataset().path(), src.layer(), null, "cannot read rows: " + e.getMessage(), e);
        }
        if (!duplicates.isEmpty() || nulls > 0) {
            StringBuilder msg = new StringBuilder("key column '" + src.keySourceColumn() + "' is not a unique non-null identifier:");
            if (!duplicates.isEmpty()) msg.append(" duplicate keys ").append(String.join("; ", duplicates)).append(duplicates.size() == MAX_REPORTED ? "; ..." : "");
            if (nulls > 0) msg.append(duplicates.isEmpty() ? "" : ",").append(" ").append(nulls).append(" null or empty keys (fids ").append(nullFids).append(nulls > MAX_REPORTED ? " ..." : "").append(")");
            throw BdfsyncException.schema(src.dataset().path(), src.layer(), msg.toString());
        }
        return table;
    }

    /** The largest rowid (a B-tree descent, not a scan): a size hint for the key table; 0 when unknown. */
    private static long largestRowid(LayerSource src) {
        try (Statement st = src.dataset().connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT max(rowid) FROM " + Sql.id(src.layer()))) {
            return rs.next() ? Math.max(0, rs.getLong(1)) : 0;
        } catch (SQLException e) {
            return 0; // a table without rowid: no hint, the table grows as it fills
        }
    }

    /** Length of the GeoPackage header of the blob at {@code row[from..]} (0 for bare WKB), as {@link GpkgGeometry#wkbOffset}. */
    private static int wkbOffset(LayerSource src, byte[] row, int from, long fid) {
        int length = row.length - from;
        if (length < 8 || row[from] != 'G' || row[from + 1] != 'P') return 0;
        int indicator = (row[from + 3] >> 1) & 0x7;
        int offset = indicator == 0 ? 8 : indicator == 1 ? 40 : indicator <= 3 ? 56 : indicator == 4 ? 72 : -1;
        if (offset < 0 || offset > length) {
            throw BdfsyncException.invalid(src.dataset().path(), src.layer(), "fid " + fid, offset < 0
                    ? "invalid GeoPackage envelope indicator " + indicator : "GeoPackage geometry blob shorter than its header");
        }
        return offset;
    }

    /**
     * The SQL text of one compared value. Text columns are taken as they are, NULL written as byte 0xFE and
     * columns separated by 0xFF: neither byte occurs in UTF-8 text, and this costs SQLite about half of
     * {@code quote()}. Other types go through {@code quote()}, which keeps the storage class and prints reals
     * so that they round-trip; a retyped column is compared by its text.
     */
    private static String attributeExpression(String col, FieldType type, boolean asText) {
        if (asText) return "quote(CAST(" + col + " AS TEXT))";
        if (type == FieldType.TEXT || type == FieldType.DATE || type == FieldType.DATETIME) return "ifnull(" + col + ",x'fe')";
        return "quote(" + col + ")";
    }

    /** True when a column is compared as text because its type differs between the sides. */
    static boolean retyped(FieldType a, FieldType b) {
        return a != b;
    }
}
