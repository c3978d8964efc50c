package fr.bdfsync.core.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs GDAL's own tools on files we wrote; skips when GDAL is not installed (CI installs it). */
public final class Gdal {
    private Gdal() {
    }

    public record Result(int exitCode, String output) {
    }

    /** GDAL's GeoPackage validator (Debian python3-gdal). */
    public static Result validateGpkg(Path gpkg) {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        Result probe = run(List.of("/usr/bin/python3", "-c", "import osgeo_utils.samples.validate_gpkg"));
        Assumptions.assumeTrue(probe.exitCode() == 0, "python3-gdal not installed");
        return run(List.of("/usr/bin/python3", "-m", "osgeo_utils.samples.validate_gpkg", gpkg.toString()));
    }

    public static Result ogrinfo(Path file) {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/ogrinfo")), "gdal-bin not installed");
        return run(List.of("/usr/bin/ogrinfo", "-ro", "-so", "-al", file.toString()));
    }

    public static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timeout");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
