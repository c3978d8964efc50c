package fr.bdfsync.core.pkg;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * What a labelled community may change: its themes, per layer the attributes it is authoritative for
 * ({@code "geometry"} for the geometry, {@code "*"} for everything including inserts and deletes), and its
 * territory.
 */
@JsonPropertyOrder({"communityId", "communityName", "themes", "layers", "territory"})
public record Label(String communityId, String communityName, List<String> themes, Map<String, List<String>> layers,
                    Territory territory) {
    public static final String ALL = "*";
    public static final String GEOMETRY = "geometry";

    public Label {
        themes = themes == null ? List.of() : List.copyOf(themes);
        layers = layers == null ? Map.of() : new java.util.TreeMap<>(layers);
    }

    public boolean coversLayer(String layer) {
        return layers.containsKey(layer);
    }

    /** True when the label gives every right on the layer ({@code "*"}). */
    public boolean coversAll(String layer) {
        List<String> attrs = layers.get(layer);
        return attrs != null && attrs.contains(ALL);
    }

    public boolean coversAttribute(String layer, String attribute) {
        List<String> attrs = layers.get(layer);
        return attrs != null && (attrs.contains(ALL) || attrs.contains(attribute));
    }

    /** True when every right of {@code other} is also one of this label's (same community assumed). */
    @JsonIgnore
    public boolean contains(Label other) {
        for (Map.Entry<String, List<String>> e : other.layers.entrySet()) {
            if (!coversLayer(e.getKey())) return false;
            for (String a : e.getValue()) {
                if (a.equals(ALL) ? !coversAll(e.getKey()) : !coversAttribute(e.getKey(), a)) return false;
            }
        }
        Territory mine = territory == null ? Territory.NONE : territory;
        Territory theirs = other.territory == null ? Territory.NONE : other.territory;
        return mine.contains(theirs);
    }

    /** Territory: départements (recorded) and a polygon in EPSG:2154 (enforced when present). */
    @JsonPropertyOrder({"departements", "polygon", "srid"})
    public record Territory(List<String> departements, String polygon, Integer srid) {
        public static final Territory NONE = new Territory(List.of(), null, null);

        public Territory {
            departements = departements == null ? List.of() : List.copyOf(departements);
        }

        boolean contains(Territory other) {
            if (polygon == null) return true;
            if (other.polygon == null) return false;
            return TerritoryShape.parse(polygon).covers(TerritoryShape.parse(other.polygon));
        }
    }
}
