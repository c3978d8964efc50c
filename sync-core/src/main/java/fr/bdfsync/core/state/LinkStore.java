package fr.bdfsync.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.match.AttachResult;
import fr.bdfsync.core.match.Cardinality;
import fr.bdfsync.core.match.Link;
import fr.bdfsync.core.match.LinkIndex;
import fr.bdfsync.core.match.LinkStatus;
import fr.bdfsync.core.match.MeasuresJson;
import fr.bdfsync.core.match.PriorLinks;
import mil.nga.geopackage.GeoPackageManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The link table of the sync state: a GeoPackage that bdfsync owns (by default {@code <local>.bdfsync-state.gpkg}
 * beside the local data; the user's own files are never written) holding two plain tables:
 * {@code bdfsync_attach_links} (every link of the last run with both fingerprints) and
 * {@code bdfsync_attach_decisions} (confirm / reject by the user, kept across runs). Updates are SQLite
 * transactions: a failed run leaves the previous state whole.
 */
public final class LinkStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path path;
    private final Connection connection;

    private LinkStore(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    /** The default state file beside a local dataset: {@code dir/name.bdfsync-state.gpkg}. */
    public static Path defaultFor(Path local) {
        String name = local.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return local.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".bdfsync-state.gpkg");
    }

    /** Opens a state file, creating it (as an empty GeoPackage) when absent. */
    public static LinkStore open(Path path) {
        try {
            if (!Files.exists(path)) {
                if (!path.getFileName().toString().endsWith(".gpkg")) throw BdfsyncException.usage("state file must end in .gpkg: " + path);
                Path dir = path.toAbsolutePath().getParent();
                if (dir != null) Files.createDirectories(dir);
                GeoPackageManager.create(path.toFile(), false);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath());
            LinkStore s = new LinkStore(path, c);
            s.createTables();
            return s;
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            if (e instanceof BdfsyncException) throw (BdfsyncException) e;
            throw BdfsyncException.invalid(path, null, null, "cannot open the sync state: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    private void createTables() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS bdfsync_attach_links (local_layer TEXT NOT NULL, national_layer TEXT NOT NULL,"
                    + " local_fid INTEGER NOT NULL, national_fid INTEGER, national_key TEXT, cardinality TEXT NOT NULL,"
                    + " confidence REAL NOT NULL, rule TEXT NOT NULL, status TEXT NOT NULL, link_group TEXT, reason TEXT,"
                    + " measures TEXT, local_fp TEXT NOT NULL, national_fp TEXT, updated TEXT NOT NULL)");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS bdfsync_attach_links_local ON bdfsync_attach_links (local_layer, national_layer, local_fid)");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS bdfsync_attach_decisions (local_layer TEXT NOT NULL, national_layer TEXT NOT NULL,"
                    + " local_fid INTEGER NOT NULL, national_key TEXT NOT NULL, decision TEXT NOT NULL, decided TEXT NOT NULL,"
                    + " PRIMARY KEY (local_layer, national_layer, local_fid, national_key))");
        }
    }

    /** What earlier runs stored for this pair of layers. */
    public PriorLinks prior(String localLayer, String nationalLayer) {
        Map<Long, List<PriorLinks.Stored>> stored = new HashMap<>();
        Map<Long, Map<String, PriorLinks.Decision>> decisions = new HashMap<>();
        Set<String> keys = new HashSet<>();
        try {
            for (PriorLinks.Stored st : storedRows(localLayer, nationalLayer)) {
                stored.computeIfAbsent(st.link().localFid(), k -> new ArrayList<>()).add(st);
                if (st.link().nationalKey() != null) keys.add(st.link().nationalKey());
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT local_fid, national_key, decision FROM bdfsync_attach_decisions"
                    + " WHERE local_layer = ? AND national_layer = ?")) {
                ps.setString(1, localLayer);
                ps.setString(2, nationalLayer);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        decisions.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .put(rs.getString(2), PriorLinks.Decision.valueOf(rs.getString(3)));
                        keys.add(rs.getString(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(path, null, null, "cannot read the link table: " + e.getMessage(), e);
        }
        return new PriorLinks() {
            @Override
            public List<Stored> storedFor(long localFid) {
                return stored.getOrDefault(localFid, List.of());
            }

            @Override
            public Set<String> referencedNationalKeys() {
                return keys;
            }

            @Override
            public Map<String, Decision> decisionsFor(long localFid) {
                return decisions.getOrDefault(localFid, Map.of());
            }
        };
    }

    /**
     * The stored links of a pair of layers as a {@link LinkIndex}: what a diff needs to treat a local layer without a
     * key column as keyed by the national key ({@code keyFor(localFid)}), without running attach again.
     */
    public LinkIndex index(String localLayer, String nationalLayer) {
        List<Link> links = new ArrayList<>();
        for (PriorLinks.Stored st : storedRows(localLayer, nationalLayer)) links.add(st.link());
        return LinkIndex.of(links);
    }

    private List<PriorLinks.Stored> storedRows(String localLayer, String nationalLayer) {
        List<PriorLinks.Stored> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT local_fid, national_fid, national_key, cardinality, confidence, rule,"
                + " status, link_group, reason, measures, local_fp, national_fp FROM bdfsync_attach_links"
                + " WHERE local_layer = ? AND national_layer = ? ORDER BY rowid")) {
            ps.setString(1, localLayer);
            ps.setString(2, nationalLayer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Link l = new Link(rs.getLong(1), rs.getLong(2), rs.getString(3), Cardinality.fromLabel(rs.getString(4)),
                            rs.getDouble(5), rs.getString(6), LinkStatus.fromLabel(rs.getString(7)), rs.getString(8),
                            rs.getString(9) == null ? "" : rs.getString(9), readMeasures(rs.getString(10)));
                    out.add(new PriorLinks.Stored(l, rs.getString(11), rs.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(path, localLayer, null, "cannot read the link table: " + e.getMessage(), e);
        }
        return out;
    }

    /** Replaces the links of this pair of layers by those of a run, with both sides' fingerprints, in one transaction. */
    public void save(AttachResult r) {
        save(r, MeasuresJson.of(r.links()));
    }

    /** As {@link #save(AttachResult)}, with the links' measures already written ({@link MeasuresJson#of(List)}, in the links' order). */
    public void save(AttachResult r, List<String> measures) {
        String now = Instant.now().toString();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM bdfsync_attach_links WHERE local_layer = ? AND national_layer = ?")) {
                del.setString(1, r.localLayer());
                del.setString(2, r.nationalLayer());
                del.executeUpdate();
            }
            try (PreparedStatement ins = connection.prepareStatement("INSERT INTO bdfsync_attach_links VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < r.links().size(); i++) {
                    Link l = r.links().get(i);
                    ins.setString(1, r.localLayer());
                    ins.setString(2, r.nationalLayer());
                    ins.setLong(3, l.localFid());
                    ins.setLong(4, l.nationalFid());
                    ins.setString(5, l.nationalKey());
                    ins.setString(6, l.cardinality().label());
                    ins.setDouble(7, l.confidence());
                    ins.setString(8, l.rule());
                    ins.setString(9, l.status().label());
                    ins.setString(10, l.group());
                    ins.setString(11, l.reason());
                    ins.setString(12, measures.get(i));
                    ins.setString(13, r.localFingerprints().get(l.localFid()));
                    ins.setString(14, l.nationalKey() == null ? null : r.nationalFingerprints().get(l.nationalKey()));
                    ins.setString(15, now);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the previous state stays as it was
            }
            throw BdfsyncException.output(path, "cannot save the link table: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #save(AttachResult, List)} on a thread of its own while {@code alongside} runs on the caller's (the links
     * GeoPackage, another file: the two writes overlap); returns when both are done, the save's wall time in
     * nanoseconds. A failure of either is rethrown (the save's first).
     */
    public long saveAlongside(AttachResult r, List<String> measures, Runnable alongside) {
        long[] took = new long[1];
        java.util.concurrent.CompletableFuture<Void> saving = java.util.concurrent.CompletableFuture.runAsync(() -> {
            long t0 = System.nanoTime();
            save(r, measures);
            took[0] = System.nanoTime() - t0;
        }, task -> {
            Thread t = new Thread(task, "bdfsync-attach-state");
            t.setDaemon(true);
            t.start();
        });
        RuntimeException other = null;
        try {
            alongside.run();
        } catch (RuntimeException e) {
            other = e;
        }
        try {
            saving.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
        if (other != null) throw other;
        return took[0];
    }

    /**
     * Records a user's decision on a link named {@code <local layer>:<local fid>:<national key>} (the {@code link_id}
     * of the links GeoPackage). The link must exist in the table.
     */
    public void decide(String linkId, PriorLinks.Decision decision) {
        int k = linkId.lastIndexOf(':');
        int f = k > 0 ? linkId.lastIndexOf(':', k - 1) : -1;
        if (f <= 0 || k == linkId.length() - 1) throw BdfsyncException.usage("link id must read <local layer>:<local fid>:<national key>, got '" + linkId + "'");
        String layer = linkId.substring(0, f);
        String key = linkId.substring(k + 1);
        long fid;
        try {
            fid = Long.parseLong(linkId.substring(f + 1, k));
        } catch (NumberFormatException e) {
            throw BdfsyncException.usage("link id '" + linkId + "': local fid is not a number");
        }
        try {
            String nationalLayer = null;
            try (PreparedStatement ps = connection.prepareStatement("SELECT national_layer FROM bdfsync_attach_links"
                    + " WHERE local_layer = ? AND local_fid = ? AND national_key = ? LIMIT 1")) {
                ps.setString(1, layer);
                ps.setLong(2, fid);
                ps.setString(3, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) nationalLayer = rs.getString(1);
                }
            }
            if (nationalLayer == null) throw new BdfsyncException(ExitCode.NOT_FOUND, BdfsyncException.where(path, layer, "fid " + fid, "no link to '" + key + "' in the state"));
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO bdfsync_attach_decisions VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, layer);
                ps.setString(2, nationalLayer);
                ps.setLong(3, fid);
                ps.setString(4, key);
                ps.setString(5, decision.name());
                ps.setString(6, Instant.now().toString());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw BdfsyncException.output(path, "cannot record the decision: " + e.getMessage(), e);
        }
    }

    /** Number of decisions recorded, by decision. */
    public Map<String, Integer> decisionCounts() {
        Map<String, Integer> m = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT decision, count(*) FROM bdfsync_attach_decisions GROUP BY decision")) {
            while (rs.next()) m.put(rs.getString(1), rs.getInt(2));
        } catch (SQLException e) {
            throw BdfsyncException.invalid(path, null, null, "cannot read decisions: " + e.getMessage(), e);
        }
        return m;
    }

    private static Map<String, Double> readMeasures(String s) {
        if (s == null || s.isEmpty()) return Map.of();
        try {
            return JSON.readValue(s, new TypeReference<Map<String, Double>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to save
        }
    }
}
