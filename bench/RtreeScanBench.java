// Micro-benchmark of the sync's R-tree reads: every entry of each layer's GeoPackage R-tree, two ways, alternately:
//   sql   - a full scan of the rtree_<table>_<geom> virtual table through JDBC (five getters a row): main until round 8;
//   nodes - the node table read with the pure-Java SQLite reader, depth first (io.gpkg.RtreeNodes): the sync now.
// Both must give the same entries in the same order: the bench checks it (count, and a hash over fid and the four
// bounds in order) and fails otherwise.
// Usage: java -cp sync-cli/target/bdfsync.jar bench/RtreeScanBench.java FILE.gpkg [ROUNDS]   (ROUNDS=3)
// Prints per layer and way the wall time and this thread's CPU time of each round. The file is only read.
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgRtree;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Path;

public class RtreeScanBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Method nodes = Class.forName("fr.bdfsync.core.io.gpkg.RtreeNodes").getDeclaredMethod("scan", GpkgDataset.class, String.class, GpkgRtree.BoundsSink.class);
        nodes.setAccessible(true);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (GpkgDataset ds = GpkgDataset.open(file)) {
            for (String layer : ds.layerNames()) {
                Schema s = ds.schema(layer);
                String rtree = GpkgRtree.find(ds.connection(), s);
                if (rtree == null) continue;
                for (int r = 0; r < rounds; r++) {
                    for (String way : new String[] {"sql", "nodes"}) {
                        long[] acc = new long[2]; // count, hash
                        GpkgRtree.BoundsSink sink = (fid, b) -> {
                            acc[0]++;
                            long h = acc[1] * 31 + fid;
                            h = h * 31 + Double.doubleToLongBits(b.getMinX());
                            h = h * 31 + Double.doubleToLongBits(b.getMaxX());
                            h = h * 31 + Double.doubleToLongBits(b.getMinY());
                            acc[1] = h * 31 + Double.doubleToLongBits(b.getMaxY());
                        };
                        long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                        if (way.equals("sql")) GpkgRtree.scan(ds.connection(), rtree, sink);
                        else if (!(Boolean) nodes.invoke(null, ds, rtree, sink)) throw new IllegalStateException("the pure-Java reader cannot read " + rtree);
                        System.out.printf("%s %s round %d: %d entries, hash %016x, wall %.3f s, cpu %.3f s%n", layer, way, r + 1, acc[0], acc[1],
                                (System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
                        if (way.equals("sql")) {
                            sqlCount = acc[0];
                            sqlHash = acc[1];
                        } else if (acc[0] != sqlCount || acc[1] != sqlHash) {
                            throw new IllegalStateException(layer + ": the two scans differ");
                        }
                    }
                }
            }
        }
    }

    private static long sqlCount, sqlHash;
}
