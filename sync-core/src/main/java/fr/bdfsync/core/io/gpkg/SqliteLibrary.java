package fr.bdfsync.core.io.gpkg;

import org.sqlite.SQLiteJDBCLoader;

/**
 * sqlite-jdbc's native library, which its first connection extracts to the temporary folder (comparing the copy
 * already there byte for byte with the one in the jar) and loads: tens to hundreds of milliseconds of a cold JVM.
 * {@link #load()} does it ahead, e.g. on a thread of its own at start-up, so that the first connection finds it
 * loaded.
 */
public final class SqliteLibrary {
    private SqliteLibrary() {
    }

    /** Extracts and loads the native library if not done yet; false when it could not (the first connection then fails with sqlite-jdbc's own message). */
    public static boolean load() {
        try {
            return SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
