package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.locationtech.jts.geom.Geometry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The per-feature cost of each step `attach` must take for a local polygon and its true national match, whatever the
 * candidate search: the issue's own requirements (read and parse the local polygon, check its validity, fingerprint
 * it; read and parse the matched national polygon, fingerprint it; the overlap measures: both areas, the intersection
 * area, the centroids; the link's representative point) and, apart, the outline (Hausdorff) distance that
 * `polygon.same` adds. Each step is timed alone, in thread CPU time, over the same true pairs, round after round in one
 * thread (the figures of the last rounds are warm); the inputs' rows are read into memory first (their reading is timed
 * as the first step, from the page cache).
 *
 * Run by bench/attach_step_floor.sh (compiles this file against the jar, in the jar's package, for its package-private
 * classes).
 */
public final class AttachStepFloor {
    private static final ThreadMXBean T = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) throws Exception {
        Path local = Path.of(a[0]), national = Path.of(a[1]), truth = Path.of(a[2]);
        int n = Integer.parseInt(a[3]);
        int rounds = Integer.parseInt(a[4]);
        String localLayer = a.length > 5 ? a[5] : "local_zone_de_vegetation";
        String nationalLayer = a.length > 6 ? a[6] : "zone_de_vegetation";

        // truth: local fid -> its one national key (features with exactly one key: the 1:1 kinds)
        Map<Long, String> keyOf = new HashMap<>();
        var features = new com.fasterxml.jackson.databind.ObjectMapper().readTree(truth.toFile()).get("features");
        for (var it = features.fields(); it.hasNext() && keyOf.size() < n; ) {
            var e = it.next();
            var keys = e.getValue().get("keys");
            if (keys.size() == 1) keyOf.put(Long.parseLong(e.getKey()), keys.get(0).asText());
        }
        long[] lfids = keyOf.keySet().stream().mapToLong(Long::longValue).sorted().toArray();

        long t0 = T.getCurrentThreadCpuTime();
        List<Feature> locals = new ArrayList<>();
        try (GpkgDataset ds = GpkgDataset.open(local); FeatureCursor c = ds.read(localLayer, lfids)) {
            while (c.hasNext()) locals.add(c.next());
        }
        long t1 = T.getCurrentThreadCpuTime();
        Map<String, Long> nfidOf = new HashMap<>();
        try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + national);
             var rs = conn.createStatement().executeQuery("select fid, cleabs from \"" + nationalLayer.replace("\"", "\"\"") + "\"")) {
            while (rs.next()) nfidOf.put(rs.getString(2), rs.getLong(1));
        }
        long[] nfids = new long[locals.size()];
        for (int i = 0; i < nfids.length; i++) nfids[i] = nfidOf.get(keyOf.get(locals.get(i).fid()));
        long[] sorted = nfids.clone();
        Arrays.sort(sorted);
        long t2 = T.getCurrentThreadCpuTime();
        Map<Long, Feature> nationalRows = new HashMap<>();
        try (GpkgDataset ds = GpkgDataset.open(national); FeatureCursor c = ds.read(nationalLayer, sorted)) {
            while (c.hasNext()) { Feature f = c.next(); nationalRows.put(f.fid(), f); }
        }
        long t3 = T.getCurrentThreadCpuTime();
        Feature[] nats = new Feature[nfids.length];
        for (int i = 0; i < nfids.length; i++) nats[i] = nationalRows.get(nfids[i]);
        int k = locals.size();
        System.out.printf("%d true pairs (1:1); first read (cold code, page cache): local rows %.1f µs, national rows by fid %.1f µs per feature%n",
                k, (t1 - t0) / 1e3 / k, (t3 - t2) / 1e3 / k);

        Geometry[] lg = new Geometry[k], ng = new Geometry[k];
        Shape[] ls = new Shape[k], ns = new Shape[k];
        Md5FeatureFingerprint md5 = new Md5FeatureFingerprint();
        double[] sink = new double[1];
        String[] names = {"local parse", "local validity (SimpleShell)", "local MD5", "national parse", "national MD5",
                "areas + centroids", "intersection area", "representative point (national)", "outline distance (Hausdorff)",
                "reference: JTS isValid (local)", "reference: JTS OverlayNG intersection area", "reference: JTS DiscreteHausdorffDistance"};
        int extra = 4; // the outline distance and the JTS references are not in the sum of required steps
        IntConsumer[] steps = {
                i -> lg[i] = parse(locals.get(i)),
                i -> { if (!SimpleShell.surelyValid(lg[i])) sink[0] += lg[i].isValid() ? 1 : 0; },
                i -> sink[0] += md5.of(locals.get(i)).length(),
                i -> ng[i] = parse(nats[i]),
                i -> sink[0] += md5.of(nats[i]).length(),
                i -> { ls[i] = Shape.of(lg[i]); ns[i] = Shape.of(ng[i]); sink[0] += ls[i].area() + ns[i].area() + PolygonMeasures.centroidDistance(ls[i], ns[i]); },
                i -> sink[0] += IntersectionArea.of(lg[i], ng[i]),
                i -> sink[0] += AreaInteriorPoint.of(ng[i]).getX(),
                i -> sink[0] += PolygonMeasures.hausdorff(ls[i], ns[i]),
                i -> sink[0] += lg[i].isValid() ? 1 : 0,
                i -> sink[0] += org.locationtech.jts.operation.overlayng.OverlayNG.overlay(lg[i], ng[i], org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION).getArea(),
                i -> sink[0] += org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(lg[i], ng[i]),
        };
        double[][] us = new double[rounds][steps.length];
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < steps.length; s++) {
                long c0 = T.getCurrentThreadCpuTime();
                for (int i = 0; i < k; i++) steps[s].accept(i);
                us[r][s] = (T.getCurrentThreadCpuTime() - c0) / 1e3 / k;
            }
        }
        System.out.printf("%-34s %s%n", "step (CPU-µs per feature)", "round 1 (cold) ... last rounds");
        double req = 0, reqCold = 0;
        for (int s = 0; s < steps.length; s++) {
            StringBuilder b = new StringBuilder();
            for (int r = 0; r < rounds; r++) b.append(String.format("%7.2f", us[r][s]));
            System.out.printf("%-34s %s%n", names[s], b);
            if (s < steps.length - extra) { req += us[rounds - 1][s]; reqCold += us[0][s]; }
        }
        System.out.printf("required steps, sum: %.1f µs cold (round 1), %.1f µs warm (last round); + outline distance %.1f µs warm (sink %s)%n",
                reqCold, req, us[rounds - 1][steps.length - extra], sink[0] > 0 ? "ok" : "0");
    }

    private static Geometry parse(Feature f) {
        try {
            return PackedWkb.read(f.geometry(), LocalFeatures.PACKED);
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException("fid " + f.fid(), e);
        }
    }
}
