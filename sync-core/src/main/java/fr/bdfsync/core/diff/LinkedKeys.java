package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keys for a local dataset that has no key column, taken from the links {@code bdfsync attach} made: a local row's
 * key is the national key of its link. Usable links are the sure ones (user-confirmed links are sure) and, in a sync
 * state, uncertain ones the user confirmed; rejected and uncertain links are not used. A row without a usable link
 * is keyed {@code fid:N} (an insert, as under {@link DiffEngine.UnkeyedRows#BY_FID}).
 * <p>
 * A key is given to a row only when the link is one to one both ways. Rows of n:1, 1:n (or tangled n:m) links cannot
 * be expressed as one key per row: they form {@link Group}s, reported with their fids and keys, and are left out of
 * the comparison on both sides (the local rows and the national features they link to), rather than an arbitrary
 * pick or a false insert and delete.
 * <p>
 * Reads either the links GeoPackage of {@code attach --output} (table {@code attach_links}) or a sync state
 * ({@code bdfsync_attach_links}, with the user's decisions in {@code bdfsync_attach_decisions}). Read-only.
 */
public final class LinkedKeys {
    /** One stored link as the diff needs it. */
    public record LinkRow(String localLayer, String nationalLayer, long localFid, String nationalKey, String status,
                          String decision) {
        boolean usable() {
            if (nationalKey == null || nationalKey.isEmpty() || "REJECTED".equals(decision)) return false;
            return "sure".equalsIgnoreCase(status) || "CONFIRMED".equals(decision);
        }
    }

    /** Local rows and national keys tied by links that are not one to one; {@code cardinality} is 1:n, n:1 or n:m. */
    public record Group(String cardinality, List<Long> localFids, List<String> nationalKeys) {
    }

    /** The links of one national layer. */
    private record LayerLinks(String localLayer, Map<Long, String> keyOfFid, Set<Long> leftOutFids, Set<String> leftOutKeys,
                              List<Group> groups) {
    }

    private final Map<String, LayerLinks> byNational;

    private LinkedKeys(Map<String, LayerLinks> byNational) {
        this.byNational = byNational;
    }

    /** The links of a links GeoPackage ({@code attach --output}) or of a sync state. */
    public static LinkedKeys read(Path file) {
        if (!Files.isRegularFile(file)) throw BdfsyncException.notFound(file, "no such links file");
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties())) {
            List<LinkRow> rows = new ArrayList<>();
            String sql;
            if (hasTable(c, "bdfsync_attach_links")) {
                boolean decisions = hasTable(c, "bdfsync_attach_decisions");
                sql = "SELECT l.local_layer, l.national_layer, l.local_fid, l.national_key, l.status, "
                        + (decisions ? "d.decision FROM bdfsync_attach_links l LEFT JOIN bdfsync_attach_decisions d ON d.local_layer = l.local_layer"
                        + " AND d.national_layer = l.national_layer AND d.local_fid = l.local_fid AND d.national_key = l.national_key"
                        : "NULL FROM bdfsync_attach_links l");
            } else if (hasTable(c, "attach_links")) {
                sql = "SELECT local_layer, national_layer, local_fid, national_key, status, NULL FROM attach_links";
            } else {
                throw BdfsyncException.invalid(file, null, null, "holds no link table (attach_links from attach --output,"
                        + " or bdfsync_attach_links of a sync state)");
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(new LinkRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return of(rows);
        } catch (SQLException e) {
            throw BdfsyncException.invalid(file, null, null, "cannot read links: " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Keys from link rows (any order). A national layer must be linked from a single local layer. */
    public static LinkedKeys of(List<LinkRow> rows) {
        Map<String, String> localOf = new TreeMap<>();
        Map<String, List<LinkRow>> usable = new TreeMap<>();
        for (LinkRow r : rows) {
            String nl = r.nationalLayer().toLowerCase(Locale.ROOT);
            String before = localOf.putIfAbsent(nl, r.localLayer());
            if (before != null && !before.equals(r.localLayer())) {
                throw BdfsyncException.usage("links attach both '" + before + "' and '" + r.localLayer() + "' to national layer '"
                        + r.nationalLayer() + "': the diff needs one local layer per national layer");
            }
            usable.computeIfAbsent(nl, k -> new ArrayList<>());
            if (r.usable()) usable.get(nl).add(r);
        }
        Map<String, LayerLinks> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<LinkRow>> e : usable.entrySet()) out.put(e.getKey(), layer(localOf.get(e.getKey()), e.getValue()));
        return new LinkedKeys(out);
    }

    /** Splits one layer's usable links into 1:1 keys and groups (connected local rows and keys). */
    private static LayerLinks layer(String localLayer, List<LinkRow> rows) {
        Map<Long, Set<String>> keysOf = new TreeMap<>();
        Map<String, Set<Long>> fidsOf = new TreeMap<>();
        for (LinkRow r : rows) {
            keysOf.computeIfAbsent(r.localFid(), k -> new TreeSet<>()).add(r.nationalKey());
            fidsOf.computeIfAbsent(r.nationalKey(), k -> new TreeSet<>()).add(r.localFid());
        }
        Map<Long, String> keyOfFid = new HashMap<>();
        Set<Long> leftOutFids = new HashSet<>();
        Set<String> leftOutKeys = new HashSet<>();
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<Long, Set<String>> e : keysOf.entrySet()) {
            long fid = e.getKey();
            if (leftOutFids.contains(fid)) continue;
            String only = e.getValue().size() == 1 ? e.getValue().iterator().next() : null;
            if (only != null && fidsOf.get(only).size() == 1) {
                keyOfFid.put(fid, only);
                continue;
            }
            // the connected group of this row: every row and key reachable through links
            Set<Long> fids = new TreeSet<>();
            Set<String> keys = new TreeSet<>();
            Deque<Long> todo = new ArrayDeque<>(List.of(fid));
            while (!todo.isEmpty()) {
                long f = todo.pop();
                if (!fids.add(f)) continue;
                for (String k : keysOf.get(f)) if (keys.add(k)) todo.addAll(fidsOf.get(k));
            }
            leftOutFids.addAll(fids);
            leftOutKeys.addAll(keys);
            String card = fids.size() == 1 ? "1:n" : keys.size() == 1 ? "n:1" : "n:m";
            groups.add(new Group(card, List.copyOf(fids), List.copyOf(keys)));
        }
        return new LayerLinks(localLayer, keyOfFid, leftOutFids, leftOutKeys, List.copyOf(groups));
    }

    /** National layers these links attach a local layer to (lower case). */
    public Set<String> nationalLayers() {
        return byNational.keySet();
    }

    /** The local layer linked to a national layer, or null. */
    public String localLayer(String nationalLayer) {
        LayerLinks l = byNational.get(nationalLayer.toLowerCase(Locale.ROOT));
        return l == null ? null : l.localLayer();
    }

    /** Whether a national layer has links. */
    public boolean covers(String nationalLayer) {
        return byNational.containsKey(nationalLayer.toLowerCase(Locale.ROOT));
    }

    /**
     * The key of a local row: the national key of its one-to-one link, {@code fid:N} when it has no usable link, null
     * when it belongs to a {@link Group} (left out of the comparison).
     */
    public String keyFor(String nationalLayer, long localFid) {
        LayerLinks l = byNational.get(nationalLayer.toLowerCase(Locale.ROOT));
        if (l == null) return DiffEngine.provisionalKey(localFid);
        if (l.leftOutFids().contains(localFid)) return null;
        String k = l.keyOfFid().get(localFid);
        return k != null ? k : DiffEngine.provisionalKey(localFid);
    }

    /** Number of local rows keyed through a one-to-one link. */
    public int linkedCount(String nationalLayer) {
        LayerLinks l = byNational.get(nationalLayer.toLowerCase(Locale.ROOT));
        return l == null ? 0 : l.keyOfFid().size();
    }

    /** The groups of a national layer that could not be keyed (n:1, 1:n, n:m), by first local fid. */
    public List<Group> groups(String nationalLayer) {
        LayerLinks l = byNational.get(nationalLayer.toLowerCase(Locale.ROOT));
        return l == null ? List.of() : l.groups();
    }

    /** The mapping with each linked local layer added as an alias of its national layer (so both compare as one layer). */
    public AttributeMapping withLayerAliases(AttributeMapping m) {
        Map<String, List<String>> aliases = new HashMap<>(m.layerAliases());
        Map<String, Map<String, String>> columns = new HashMap<>(m.layerColumns());
        for (Map.Entry<String, LayerLinks> e : byNational.entrySet()) {
            List<String> a = new ArrayList<>(aliases.getOrDefault(e.getKey(), List.of()));
            if (!a.contains(e.getValue().localLayer())) a.add(e.getValue().localLayer());
            aliases.put(e.getKey(), a);
        }
        return new AttributeMapping(m.columns(), columns, aliases);
    }

    /**
     * The source of a linked local table: keyed like the national side ({@code keyColumn}) but with no key column of its
     * own (every row reaches the scanner as unkeyed, where {@link #keyFor} names it).
     */
    static LayerSource source(GpkgDataset ds, String table, String layer, AttributeMapping mapping, String keyColumn) {
        LayerSource plain = LayerSource.open(ds, table, layer, mapping, LayerDiffSettings.DEFAULTS.withKeyColumn(ds.schema(table).primaryKey()));
        Map<String, Field> columns = new LinkedHashMap<>(plain.columns());
        columns.remove(keyColumn); // the links give the key, not a column of the local table
        return new LayerSource(ds, table, plain.schema(), columns, keyColumn, null);
    }

    /** Rows of the local side with their key column set from the links (what the national rows carry). */
    Row[] withKeys(String layer, String keyColumn, Row[] rows) {
        Row[] out = new Row[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Row r = rows[i];
            String k = r == null ? null : keyFor(layer, r.fid());
            if (k == null || DiffEngine.isProvisionalKey(k)) {
                out[i] = r;
                continue;
            }
            TreeMap<String, Object> values = new TreeMap<>(r.attributes());
            values.put(keyColumn, k);
            out[i] = new Row(r.fid(), values, r.geometry());
        }
        return out;
    }

    /** The change set without the features of left-out groups, and without the key column reported as removed. */
    LayerDiff filter(LayerDiff d) {
        LayerLinks l = byNational.get(d.layer().toLowerCase(Locale.ROOT));
        if (l == null) return d;
        List<FeatureChange> changes = new ArrayList<>();
        for (FeatureChange c : d.changes()) if (!l.leftOutKeys().contains(c.key())) changes.add(c);
        List<SchemaChange> schema = new ArrayList<>();
        for (SchemaChange s : d.schemaChanges()) {
            if (s.kind() == SchemaChange.Kind.COLUMN_REMOVED && d.keyColumn() != null && d.keyColumn().equals(s.column())) continue;
            if (s.kind() == SchemaChange.Kind.COLUMN_ADDED && d.keyColumn() != null && d.keyColumn().equals(s.column())) continue;
            schema.add(s);
        }
        return new LayerDiff(d.layer(), d.keyColumn(), d.xyTolerance(), d.crs(), schema, changes, d.unchanged(), d.absorbedByTolerance());
    }

    /** The three-way result without the features of left-out groups. */
    ThreeWayLayer filter(ThreeWayLayer t) {
        LayerLinks l = byNational.get(t.layer().toLowerCase(Locale.ROOT));
        if (l == null) return t;
        List<ThreeWayFeature> features = new ArrayList<>();
        for (ThreeWayFeature f : t.features()) if (!l.leftOutKeys().contains(f.key())) features.add(f);
        return new ThreeWayLayer(t.layer(), filter(t.national()), filter(t.local()), features, t.unchanged());
    }
}
