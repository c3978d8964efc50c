// Micro-benchmark of how the sync writes its merged copy: a copy of a GeoPackage, then geometry + attribute updates
// of every EVERY-th row of each feature layer with an R-tree, in one transaction, three ways:
//   journal  - SQLite's defaults (rollback journal, fsync at spills and commit), the R-tree triggers calling
//              ST_MinX... back in Java (GpkgSqlFunctions): how main wrote it until round 5;
//   nojournal - journal_mode=OFF, synchronous=OFF, the triggers still calling back into Java;
//   replay   - journal_mode=OFF, synchronous=OFF, the triggers done from Java (RtreeTriggerReplay): the sync now.
// Usage: java -cp sync-cli/target/bdfsync.jar bench/MergedWriteBench.java LOCAL.gpkg MODE [EVERY]   (EVERY=13)
// Prints the wall time of the copy, the updates and the commit, and this thread's CPU time for the updates.
// The copy is written beside /tmp and deleted at the end; the input is only read.
import fr.bdfsync.core.io.gpkg.GpkgSqlFunctions;
import fr.bdfsync.core.io.gpkg.RtreeTriggerReplay;
import fr.bdfsync.core.io.gpkg.Sql;
import fr.bdfsync.core.io.gpkg.Statements;
import org.sqlite.SQLiteConfig;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

public class MergedWriteBench {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        String mode = args[1];
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 13;
        Path dst = Files.createTempFile("merged-write-bench", ".gpkg");
        try {
            long t0 = System.nanoTime();
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            long t1 = System.nanoTime();
            SQLiteConfig config = new SQLiteConfig();
            if (!mode.equals("journal")) {
                config.setJournalMode(SQLiteConfig.JournalMode.OFF);
                config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
                config.setCacheSize(-8192);
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dst, config.toProperties())) {
                GpkgSqlFunctions.register(c);
                c.setAutoCommit(false);
                RtreeTriggerReplay replay = mode.equals("replay") ? RtreeTriggerReplay.suspend(c) : null;
                if (mode.equals("replay") && replay == null) throw new IllegalStateException("the file's triggers cannot be replayed");
                List<String[]> layers = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT table_name, column_name FROM gpkg_geometry_columns")) {
                    while (rs.next()) layers.add(new String[]{rs.getString(1), rs.getString(2)});
                }
                long cpu = 0, wall = 0;
                int rows = 0;
                for (String[] l : layers) {
                    String t = Sql.id(l[0]), g = Sql.id(l[1]);
                    List<long[]> fids = new ArrayList<>();
                    List<byte[]> blobs = new ArrayList<>();
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT fid, " + g + " FROM " + t + " WHERE fid % " + every + " = 3")) {
                        while (rs.next()) {
                            fids.add(new long[]{rs.getLong(1)});
                            blobs.add(rs.getBytes(2));
                        }
                    }
                    RtreeTriggerReplay.Layer rt = replay == null ? null : replay.layer(l[0]);
                    long w = System.nanoTime(), u = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " SET nature = ?, " + g + " = ? WHERE fid = ?")) {
                        for (int i = 0; i < fids.size(); i++) {
                            ps.setString(1, "bench");
                            ps.setBytes(2, blobs.get(i));
                            ps.setLong(3, fids.get(i)[0]);
                            Statements.runOnce(ps);
                            if (rt != null) rt.updated(fids.get(i)[0], blobs.get(i));
                        }
                    }
                    cpu += ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - u;
                    wall += System.nanoTime() - w;
                    rows += fids.size();
                }
                if (replay != null) replay.restore();
                long t2 = System.nanoTime();
                c.commit();
                long t3 = System.nanoTime();
                System.out.printf("%s: %d rows; copy %.2f s, updates %.2f s (CPU %.2f s), commit %.2f s%n", mode, rows, (t1 - t0) / 1e9, wall / 1e9, cpu / 1e9,
                        (t3 - t2) / 1e9);
            }
        } finally {
            Files.deleteIfExists(dst);
        }
    }
}
