package fr.bdfsync.core.merge;

import java.util.Objects;

/**
 * One line of the authority matrix: for a theme, a layer and an attribute (each may be {@code "*"}; the
 * attribute {@code "geometry"} is the geometry), who is authoritative.
 */
public record AuthorityRule(String theme, String layer, String attribute, Authority authority) {
    public static final String ANY = "*";
    public static final String GEOMETRY = "geometry";

    public AuthorityRule {
        theme = theme == null ? ANY : theme;
        layer = layer == null ? ANY : layer;
        attribute = attribute == null ? ANY : attribute;
        Objects.requireNonNull(authority, "authority");
    }

    boolean matches(String theme, String layer, String attribute) {
        return matches(this.theme, theme) && matches(this.layer, layer) && matches(this.attribute, attribute);
    }

    private static boolean matches(String pattern, String value) {
        return ANY.equals(pattern) || pattern.equals(value);
    }

    /** The more named parts, the more specific: attribute weighs most, then layer, then theme. */
    int specificity() {
        return (ANY.equals(attribute) ? 0 : 4) + (ANY.equals(layer) ? 0 : 2) + (ANY.equals(theme) ? 0 : 1);
    }
}
