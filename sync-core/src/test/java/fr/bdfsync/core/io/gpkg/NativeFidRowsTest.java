package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows read by fid with the pure-Java reader equal the rows SQL gives, value for value and byte for byte. */
class NativeFidRowsTest {
    @ParameterizedTest
    @ValueSource(strings = {RealData.REDON, RealData.OLEMPS_V22, RealData.OSM_REDON})
    void everyLayerReadsByFidAsBySql(String file) {
        Path gpkg = RealData.file(file); // skips when the real data are absent
        Random rnd = new Random(3);
        int compared = 0;
        try (GpkgDataset ds = GpkgDataset.open(gpkg)) {
            for (String layer : ds.layerNames()) {
                List<Long> all = new ArrayList<>();
                try (FeatureCursor c = ds.read(layer)) {
                    while (c.hasNext()) all.add(c.next().fid());
                }
                // a random third of the fids, plus fids that do not exist (below, between and beyond)
                List<Long> wanted = new ArrayList<>(List.of(-5L, 0L));
                for (long f : all) if (rnd.nextInt(3) == 0) wanted.add(f);
                if (!all.isEmpty()) wanted.add(all.get(all.size() - 1) + 7);
                long[] fids = wanted.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
                List<Feature> bySql = read(ds.read(layer, fids));
                List<Feature> natively = read(NativeFidRows.open(ds, layer, fids));
                assertEquals(bySql.size(), natively.size(), layer);
                for (int i = 0; i < bySql.size(); i++) {
                    Feature a = bySql.get(i);
                    Feature b = natively.get(i);
                    assertEquals(a.fid(), b.fid(), layer);
                    assertTrue(Arrays.deepEquals(a.values(), b.values()), layer + " fid " + a.fid() + ": " + Arrays.deepToString(a.values())
                            + " vs " + Arrays.deepToString(b.values()));
                    assertEquals(a.geometry() == null, b.geometry() == null, layer + " fid " + a.fid());
                    if (a.geometry() != null) assertArrayEquals(a.geometry().storedBytes(), b.geometry().storedBytes(), layer + " fid " + a.fid());
                    compared++;
                }
            }
        }
        assertTrue(compared > 100, compared + " rows compared");
    }

    private static List<Feature> read(FeatureCursor c) {
        List<Feature> out = new ArrayList<>();
        try (c) {
            while (c.hasNext()) out.add(c.next());
        }
        return out;
    }
}
