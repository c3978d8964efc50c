package fr.bdfsync.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@link Main#run} in-process and keeps its exit code and both streams; locates the repository's data. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("sync-core"))) return p;
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    /** A file of the shared real extracts; the test is skipped when it is absent. */
    static Path realFile(String relative) {
        Path p = repoRoot().resolve("../shared/testdata/real").resolve(relative).normalize();
        Assumptions.assumeTrue(Files.exists(p), "real data absent: " + p);
        return p;
    }
}
