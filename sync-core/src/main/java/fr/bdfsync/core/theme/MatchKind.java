package fr.bdfsync.core.theme;

/** How a source name (layer or column) was tied to a catalogue name, from the surest to the loosest. */
public enum MatchKind {
    /** Same name. */
    EXACT,
    /** Same name but for letter case (Shapefile deliveries write names in upper case). */
    CASE_INSENSITIVE,
    /** One of the catalogue's aliases: a Shapefile-truncated name or an older-edition name. */
    ALIAS,
    /** A layer whose name starts with a catalogue layer name ("troncon_hydrographique_corr_geom"). */
    NAME_PREFIX,
    /** A layer of another name whose columns and geometry fit a catalogue layer. */
    SCHEMA
}
