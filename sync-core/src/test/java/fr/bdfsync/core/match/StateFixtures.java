package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.GeometryType;

import java.nio.file.Path;

/** Line fixtures for tests of other packages: rows {fid, key-or-null, wkt}. */
public final class StateFixtures {
    private StateFixtures() {
    }

    public static Path lines(Path file, String layer, boolean keyed, Object[]... rows) {
        Object[][] full = new Object[rows.length][];
        for (int i = 0; i < rows.length; i++) full[i] = new Object[]{rows[i][0], rows[i][1], "Haie", rows[i][2]};
        return Fixtures.layer(file, layer, GeometryType.LINESTRING, keyed, full);
    }
}
