package fr.bdfsync.core.merge;

import org.locationtech.jts.geom.Geometry;

/**
 * Whether a local change falls inside the community's label: its theme, the layer and attribute it is
 * labelled for, and its territory. Without a label every change is in scope (nothing to check against).
 */
public final class ScopeCheck {
    private final String jobTheme;
    private final Label label;

    public ScopeCheck(String jobTheme, Label label) {
        this.jobTheme = jobTheme;
        this.label = label;
    }

    /**
     * Why a local change of this attribute ({@code "geometry"}, or null for a creation or deletion) is out of
     * scope, or null when it is in scope.
     */
    public String violation(String layer, String attribute, Geometry where) {
        return violationAt(layer, attribute, () -> where);
    }

    /** As above, the location asked for only when the label has a territory. */
    public String violationAt(String layer, String attribute, java.util.function.Supplier<Geometry> where) {
        if (label == null) return null;
        if (label.theme() != null && !label.theme().equals(jobTheme)) {
            return "community " + label.community() + " is labelled for theme " + label.theme() + ", not " + jobTheme;
        }
        if (!label.coversLayer(layer)) return "community " + label.community() + " is not labelled for layer " + layer;
        if (attribute != null && !label.coversAttribute(layer, attribute)) {
            return "community " + label.community() + " is not labelled for " + layer + "." + attribute;
        }
        if (!label.territory().covers(where)) return "outside the territory of community " + label.community() + " (" + label.territory() + ")";
        return null;
    }
}
