package fr.bdfsync.core.inspect;

/**
 * The catalogue layer a source layer was recognised as, how ({@link fr.bdfsync.core.theme.MatchKind} name), and
 * whether the declared geometry fits the catalogue's (same dimension; single and Multi types both fit).
 */
public record ThemeMatchReport(String theme, String layer, String matchedBy, String expectedGeometryType,
                               boolean geometryFits) {
}
