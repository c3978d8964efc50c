package fr.bdfsync.core.pkg;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The transcription of the R-tree module's rounding gives, for every bound, the value SQLite stores. */
class RtreeRoundingTest {
    @Test
    void roundsAsSqliteStoresOnRandomBounds() throws Exception {
        Random r = new Random(7);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = c.createStatement()) {
            st.execute("CREATE VIRTUAL TABLE t USING rtree(id, minx, maxx, miny, maxy)");
            double[][] boxes = new double[20_000][];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < boxes.length; i++) {
                    double a = value(r, i);
                    double b = value(r, i);
                    double lo = Math.min(a, b);
                    double hi = Math.max(a, b);
                    boxes[i] = new double[]{lo, hi, lo, hi};
                    ps.setInt(1, i);
                    for (int k = 0; k < 4; k++) ps.setDouble(k + 2, boxes[i][k]);
                    ps.executeUpdate();
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, minx, maxx, miny, maxy FROM t ORDER BY id")) {
                int n = 0;
                while (rs.next()) {
                    double[] b = boxes[rs.getInt(1)];
                    assertEquals(rs.getDouble(2), RtreeRounding.down(b[0]), "minx of " + b[0]);
                    assertEquals(rs.getDouble(3), RtreeRounding.up(b[1]), "maxx of " + b[1]);
                    assertEquals(rs.getDouble(4), RtreeRounding.down(b[2]), "miny of " + b[2]);
                    assertEquals(rs.getDouble(5), RtreeRounding.up(b[3]), "maxy of " + b[3]);
                    n++;
                }
                assertEquals(boxes.length, n);
            }
        }
    }

    /** Lambert-93 coordinates, degrees, small and negative values, exact floats, and values one ulp off a float. */
    private static double value(Random r, int i) {
        switch (i % 6) {
            case 0:
                return 100_000 + r.nextDouble() * 1_200_000;
            case 1:
                return 6_000_000 + r.nextDouble() * 1_200_000;
            case 2:
                return -180 + r.nextDouble() * 360;
            case 3:
                return (r.nextDouble() - 0.5) * 1e-3;
            case 4:
                return (float) ((r.nextDouble() - 0.5) * 2e6);
            default:
                double f = (float) ((r.nextDouble() - 0.5) * 2e7);
                return r.nextBoolean() ? Math.nextUp(f) : Math.nextDown(f);
        }
    }
}
