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

/**
 * The first, cheap pass over one side of a layer. One query returns per row the fid, the key and the
 * compared attributes already concatenated by SQLite (see {@link #attributeExpression}) and the geometry blob; Java hashes
 * the attribute text and the WKB bytes. No value is decoded and nothing is kept but a {@link KeyTable}.
 */
final class LayerScanner {
    private static final int MAX_REPORTED = 20;

    private LayerScanner() {
    }

    /**
     * @param compared compared column names (mapped), in the same order on every side
     * @param asText   compared columns whose type differs between sides: compared by their text
     */
    static KeyTable scan(LayerSource src, List<String> compared, Set<String> asText) {
        StringBuilder attrs = new StringBuilder();
        for (String c : compared) {
            if (attrs.length() > 0) attrs.append("||x'ff'||");
            String col = Sql.id(src.columns().get(c).name());
            attrs.append(attributeExpression(col, src.columns().get(c).type(), asText.contains(c)));
        }
        if (attrs.length() == 0) attrs.append("''");
        String geom = src.schema().hasGeometry() ? Sql.id(src.schema().geometryColumn()) : "NULL";
        String sql = "SELECT " + src.fidExpression() + ", " + Sql.id(src.keySourceColumn()) + ", " + attrs + ", " + geom
                + " FROM " + Sql.id(src.layer());
        KeyTable table = new KeyTable(largestRowid(src));
        List<String> duplicates = new ArrayList<>();
        long nulls = 0;
        List<Long> nullFids = new ArrayList<>();
        try (Statement st = src.dataset().connection().createStatement()) {
            st.setFetchSize(4096);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    long fid = rs.getLong(1);
                    byte[] key = rs.getBytes(2);
                    byte[] a = rs.getBytes(3);
                    byte[] g = rs.getBytes(4);
                    if (key == null || key.length == 0) {
                        nulls++;
                        if (nullFids.size() < MAX_REPORTED) nullFids.add(fid);
                        continue;
                    }
                    long ah = a == null ? 0 : Hash64.hash(a, 0, a.length, 1);
                    long gh = g == null ? 0 : Hash64.hash(g, wkbOffset(src, g, fid), g.length, 2);
                    int dup = table.add(key, fid, ah, gh);
                    if (dup >= 0 && duplicates.size() < MAX_REPORTED) {
                        duplicates.add(new String(key, StandardCharsets.UTF_8) + " (fids " + table.fid(dup) + ", " + fid + ")");
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

    private static int wkbOffset(LayerSource src, byte[] g, long fid) {
        try {
            return GpkgGeometry.wkbOffset(g);
        } catch (IllegalArgumentException e) {
            throw BdfsyncException.invalid(src.dataset().path(), src.layer(), "fid " + fid, e.getMessage());
        }
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
