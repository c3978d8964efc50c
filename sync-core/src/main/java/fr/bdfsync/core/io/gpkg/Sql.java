package fr.bdfsync.core.io.gpkg;

/** SQL identifier and literal quoting: no statement is ever built from an unquoted name. */
public final class Sql {
    private Sql() {
    }

    /** Quotes an identifier for SQLite: "name", with inner double quotes doubled. Rejects NUL. */
    public static String id(String name) {
        if (name.indexOf('\0') >= 0) throw new IllegalArgumentException("identifier contains NUL: " + name.replace("\0", "\\0"));
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
