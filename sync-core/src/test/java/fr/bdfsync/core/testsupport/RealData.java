package fr.bdfsync.core.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the team's shared real extracts in {@code ../shared/testdata/real} (relative to the repository
 * root) and skips the calling test cleanly when they are absent. They are never copied into the repository.
 */
public final class RealData {
    private RealData() {
    }

    /** The real-data folder, or a skipped test when it is not beside the repository. */
    public static Path dir() {
        Path root = repoRoot();
        Path real = root.resolve("../shared/testdata/real").normalize();
        Assumptions.assumeTrue(Files.isDirectory(real), "real data absent: " + real);
        return real;
    }

    /** A file under the real-data folder, e.g. {@code file("bdtopo-v3-redon-35236/bdtopo_v3_redon_35236.gpkg")}. */
    public static Path file(String relative) {
        Path p = dir().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "real data file absent: " + p);
        return p;
    }

    public static final String REDON = "bdtopo-v3-redon-35236/bdtopo_v3_redon_35236.gpkg";
    public static final String OLEMPS_V3 = "bdtopo-v3-olemps-12174/bdtopo_v3_olemps_12174.gpkg";
    public static final String OLEMPS_V22 = "bdtopo-v22-olemps-12174/bdtopo_v22_olemps_12174.gpkg";
    public static final String REFHYDRO = "evs-bdtopo2021-refhydro-corrections/reference_hydrographique.gpkg";
    public static final String SARTHE_V20 = "bdtopo-v20-sarthe-72-ed2011/bdtopo_v20_sarthe_ed2011.gpkg";
    public static final String OSM_REDON = "osm-redon-2019/osm_redon_2019.gpkg";

    /** The repository root: the nearest ancestor of the working directory holding the parent pom. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("sync-core"))) return p;
            p = p.getParent();
        }
        return Path.of("").toAbsolutePath();
    }
}
