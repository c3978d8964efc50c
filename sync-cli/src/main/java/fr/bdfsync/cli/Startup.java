package fr.bdfsync.cli;

import fr.bdfsync.core.io.crs.CrsCatalog;
import fr.bdfsync.core.theme.ThemeCatalog;

/**
 * Reads the bundled catalogues (themes, known CRSs) on a thread of their own while the main thread builds the
 * command line: their first read loads and initialises Jackson's data binding, a few hundred milliseconds of one
 * core in a cold JVM that every command reading a dataset would otherwise wait for. Both are read once and kept
 * ({@link ThemeCatalog#bundled()}, {@link CrsCatalog#all()}); a command that needs one before this thread is done
 * waits on the class initialisation or reads it itself. A failure here is ignored: the command meets the same
 * error where it reads the catalogue, and reports it there.
 */
final class Startup {
    private Startup() {
    }

    static void readCataloguesInBackground() {
        Thread t = new Thread(() -> {
            try {
                ThemeCatalog.bundled();
                CrsCatalog.all();
            } catch (RuntimeException | Error ignored) {
                // reported by the command that needs the catalogue
            }
        }, "bdfsync-catalogues");
        t.setDaemon(true);
        t.start();
    }
}
