package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

/**
 * The process {@link InPlaceApplyTest} kills: applies a package in place with a page cache of a few pages (so that
 * changed pages are written to the file, their originals saved in the journal, before any commit), prints
 * {@link #READY} after the given number of writes and then waits, holding the transaction open, to be killed.
 */
final class InPlaceKillChild {
    static final String READY = "bdfsync-kill-me";

    private InPlaceKillChild() {
    }

    public static void main(String[] args) throws Exception {
        Path pkg = Path.of(args[0]);
        LabelRegistry registry = LabelRegistry.read(Path.of(args[1]));
        Path national = Path.of(args[2]);
        long stopAt = Long.parseLong(args[3]);
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
            PackageApplier.apply(vp, national, null, new ApplyOptions(false, null, true, null, null, PkgFixtures.CREATED), (c, writes) -> {
                if (writes == 1) {
                    try (Statement st = c.createStatement()) {
                        st.execute("PRAGMA cache_size = 10");
                    }
                }
                if (writes == stopAt) {
                    System.out.println(READY);
                    System.out.flush();
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    System.exit(3); // never commits
                }
            });
        }
        System.out.println("finished without being killed: " + List.of(args));
    }
}
