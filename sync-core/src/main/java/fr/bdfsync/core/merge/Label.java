package fr.bdfsync.core.merge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A labelled community's mandate: its id, the theme it is labelled for, the attributes per layer it is
 * responsible for ({@code "*"} for every attribute of a layer; {@code "geometry"} for the geometry), and
 * its territory. Local changes outside the label are {@code scope} conflicts.
 */
public record Label(String community, String theme, Map<String, List<String>> attributes, Territory territory) {
    public Label {
        Objects.requireNonNull(community, "community");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        territory = territory == null ? Territory.EVERYWHERE : territory;
    }

    public boolean coversLayer(String layer) {
        return attributes.containsKey(layer) || attributes.containsKey(AuthorityRule.ANY);
    }

    /** True when the label covers this attribute of this layer ({@code "geometry"} for the geometry). */
    public boolean coversAttribute(String layer, String attribute) {
        return covers(attributes.get(layer), attribute) || covers(attributes.get(AuthorityRule.ANY), attribute);
    }

    private static boolean covers(List<String> list, String attribute) {
        return list != null && (list.contains(attribute) || list.contains(AuthorityRule.ANY));
    }
}
