package fr.bdfsync.cli;

import fr.bdfsync.core.io.crs.CrsCatalog;
import fr.bdfsync.core.io.gpkg.SqliteLibrary;
import fr.bdfsync.core.theme.ThemeCatalog;

/**
 * Loads sqlite-jdbc's native library and reads the bundled catalogues (themes, known CRSs) on a thread of their own
 * while the main thread builds the command line: the library's extraction and the catalogues' first read (which
 * loads and initialises Jackson's data binding) are a few hundred milliseconds of one core in a cold JVM that every
 * command reading a dataset would otherwise wait for. The catalogues are read once and kept
 * ({@link ThemeCatalog#bundled()}, {@link CrsCatalog#all()}); a command that needs one before this thread is done
 * waits on the class initialisation or reads it itself. A failure here is ignored: the command meets the same
 * error where it reads the catalogue, and reports it there.
 */
final class Startup {
    private Startup() {
    }

    static void prepareInBackground() {
        Thread t = new Thread(() -> {
            try {
                SqliteLibrary.load();
                ThemeCatalog.bundled();
                CrsCatalog.all();
            } catch (RuntimeException | Error ignored) {
                // reported by the command that needs the catalogue
            }
        }, "bdfsync-startup");
        t.setDaemon(true);
        t.start();
    }
}
