// Micro-benchmark of the diff's geometry comparison on the changed geometries of a generated pair.
// Usage: java -cp sync-cli/target/bdfsync.jar bench/GeometryCompareBench.java BASE.gpkg EDITED.gpkg [ROUNDS]
// Loads every pair of geometries whose stored bytes differ for the same cleabs (both layers), then times, in
// rounds, parsing both with JTS and calling GeometryEquality.compare(Geometry, Geometry) on each pair, as the diff
// does for every changed geometry. Prints the CPU time of this thread per round (the first rounds include the JIT's
// warm-up) and a checksum of the comparisons, so two builds can be compared on the same data (run them one after
// the other, or in alternation on a loaded machine). Each round also times the diff's own path: the stored-order
// check (GeometryValue.sameInStoredOrder) first, parse and compare only what it does not prove; both counts of pairs
// found the same must agree.
import fr.bdfsync.core.feature.GeometryEquality;
import fr.bdfsync.core.feature.GeometryValue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

public class GeometryCompareBench {
    record Pair(GeometryValue a, GeometryValue b, GeometryEquality eq) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Pair> pairs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + args[0] + "?mode=ro");
             Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE 'file:" + args[1].replace("'", "''") + "?mode=ro' AS e");
            // the theme tolerances of the two generated layers (catalogue: zones 1.5 m, tronçons 1.25 m; Z 1 m)
            String[][] layers = {{"zone_de_vegetation", "1.5"}, {"troncon_hydrographique", "1.25"}};
            for (String[] l : layers) {
                GeometryEquality eq = new GeometryEquality(Double.parseDouble(l[1]), 1.0);
                try (ResultSet r = s.executeQuery("SELECT a.geom, b.geom FROM main.\"" + l[0] + "\" a JOIN e.\"" + l[0]
                        + "\" b ON a.cleabs = b.cleabs WHERE a.geom <> b.geom")) {
                    while (r.next()) pairs.add(new Pair(GeometryValue.ofGpkgBlob(r.getBytes(1)), GeometryValue.ofGpkgBlob(r.getBytes(2)), eq));
                }
            }
        }
        System.out.println(pairs.size() + " pairs of differing geometries");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            long same = 0, check = 0;
            for (Pair p : pairs) {
                GeometryEquality.Comparison x = p.eq.compare(p.a.parseTransient(), p.b.parseTransient());
                if (x.same()) same++;
                check = check * 31 + Double.hashCode(x.hausdorff()) + Double.hashCode(x.areaDelta());
            }
            long t1 = mx.getCurrentThreadCpuTime();
            // the diff's path since 2026-11-26: a pair proven the same from its stored bytes is not parsed
            long sameFast = 0, proven = 0;
            for (Pair p : pairs) {
                if (p.a.sameInStoredOrder(p.b, p.eq)) {
                    proven++;
                    sameFast++;
                } else if (p.eq.compare(p.a.parseTransient(), p.b.parseTransient()).same()) {
                    sameFast++;
                }
            }
            long t2 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d  parse+compare %8.1f ms CPU (%6.2f us/pair, %d the same within the tolerance, checksum %x)"
                            + "  stored-order check first %8.1f ms CPU (%6.2f us/pair, %d the same, %d of them without parsing)%n",
                    round, (t1 - t0) / 1e6, (t1 - t0) / 1e3 / pairs.size(), same, check,
                    (t2 - t1) / 1e6, (t2 - t1) / 1e3 / pairs.size(), sameFast, proven);
        }
    }
}
