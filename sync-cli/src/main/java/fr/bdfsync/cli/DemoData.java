package fr.bdfsync.cli;

import fr.bdfsync.core.BdfsyncException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo scenario bundled in the repository ({@code testdata/demo}: ancestor, national and local GeoPackages and
 * the generator's manifest), found beside the jar or launcher, or from the current directory upwards.
 */
record DemoData(Path dir) {
    static final String RELATIVE = "testdata/demo";

    Path ancestor() {
        return dir.resolve("ancestor.gpkg");
    }

    Path national() {
        return dir.resolve("national.gpkg");
    }

    Path local() {
        return dir.resolve("local.gpkg");
    }

    Path manifest() {
        return dir.resolve("manifest.json");
    }

    /** The explicit folder when given, else the first {@code testdata/demo} above the jar or the working directory. */
    static DemoData locate(Path explicit) {
        List<Path> starts = new ArrayList<>();
        if (explicit != null) {
            if (!Files.isRegularFile(explicit.resolve("ancestor.gpkg"))) {
                throw BdfsyncException.notFound(explicit, "not a demo folder (no ancestor.gpkg)");
            }
            return new DemoData(explicit);
        }
        try {
            Path code = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            starts.add(code.toAbsolutePath());
        } catch (URISyntaxException | RuntimeException ignored) {
            // no code location (unusual class loader): the working directory is still tried
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                Path candidate = p.resolve(RELATIVE);
                if (Files.isRegularFile(candidate.resolve("ancestor.gpkg"))) return new DemoData(candidate);
            }
        }
        throw BdfsyncException.notFound(Path.of(RELATIVE), "demo data not found beside the jar nor above the current directory "
                + "(use --data DIR, or regenerate it with testdata/generator/gen_scenario.py)");
    }
}
