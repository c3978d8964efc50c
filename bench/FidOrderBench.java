import fr.bdfsync.core.io.sqlite.*;
import java.nio.file.*;
import java.sql.*;
import java.util.*;

/**
 * Rows by fid, read in two orders (BENCHMARKS.md, "sync, ninth round"): N random fids of a GeoPackage table (fids 1 to
 * 1,000,000) found one by one with the pure-Java reader ({@code TableCursor.find}), first in batches of 500 each sorted
 * (how the sync read rows before its ninth round), then sorted as a whole; two rounds each, wall and thread CPU time.
 * Usage: java -cp sync-cli/target/bdfsync.jar bench/FidOrderBench.java FILE.gpkg TABLE N
 */
public class FidOrderBench {
    public static void main(String[] a) throws Exception {
        Path p = Path.of(a[0]);
        String table = a[1];
        int n = Integer.parseInt(a[2]);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + p);
        SqliteTable t = SqliteTable.describe(c, p, table).table();
        long[] fids = new long[n];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) fids[i] = 1 + r.nextInt(1_000_000);
        for (String mode : new String[] {"random500", "sorted", "random500", "sorted"}) {
            long[] f = fids.clone();
            if (mode.equals("sorted")) Arrays.sort(f);
            else for (int i = 0; i < n; i += 500) Arrays.sort(f, i, Math.min(n, i + 500));
            long t0 = System.nanoTime(), cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long sum = 0;
            try (SqliteFile file = SqliteFile.open(p)) {
                TableCursor cur = t.cursor(file);
                for (long fid : f) if (cur.find(fid)) sum += cur.payloadLength();
            }
            long cpu1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            System.out.printf("%s: %d finds, %.2f s wall, %.2f s thread CPU (%d bytes)%n", mode, n, (System.nanoTime() - t0) / 1e9, (cpu1 - cpu0) / 1e9, sum);
        }
    }
}
