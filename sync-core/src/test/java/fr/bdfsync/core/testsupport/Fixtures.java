package fr.bdfsync.core.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The team's own small fixtures in {@code testdata/fixtures/} (committed; rebuilt by make_fixtures.sh). */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path dir() {
        Path p = RealData.repoRoot().resolve("testdata/fixtures");
        if (!Files.isDirectory(p)) throw new IllegalStateException("fixtures missing: " + p);
        return p;
    }

    public static Path file(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) throw new IllegalStateException("fixture missing: " + p);
        return p;
    }
}
