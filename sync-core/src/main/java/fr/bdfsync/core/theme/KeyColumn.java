package fr.bdfsync.core.theme;

/**
 * The column that identifies the features of a source layer, and where that choice came from. A null column
 * with {@link Source#PRIMARY_KEY} means the feature id (the GeoPackage primary key, the row number elsewhere).
 */
public record KeyColumn(String column, Source source) {
    public enum Source {
        /** The catalogue key ({@code cleabs}), found under its own name or an alias. */
        CATALOGUE,
        /** A column the user named. */
        USER,
        /** The source's primary key / feature id: a generic layer with no better identity. */
        PRIMARY_KEY
    }

    public boolean isFeatureId() {
        return column == null;
    }

    /** The column name, or "fid" for the feature id. */
    public String label() {
        return column == null ? "fid" : column;
    }
}
