package fr.bdfsync.core.theme;

import fr.bdfsync.core.feature.FieldType;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One attribute of a catalogue layer: its BD TOPO v3 (GeoPackage) name, its type, whether BD TOPO always fills
 * it, the other names it goes by in Shapefile deliveries and older editions, and its value list (or null).
 */
public record AttributeDef(String name, FieldType type, boolean mandatory, List<String> aliases, ValueList valueList) {
    private static final Set<String> BOOLEAN_TEXTS = Set.of("0", "1", "true", "false", "oui", "non", "t", "f");

    public AttributeDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** True when a source column of this name is this attribute (name or alias, ignoring case). */
    public boolean answersTo(String column) {
        if (name.equalsIgnoreCase(column)) return true;
        for (String a : aliases) if (a.equalsIgnoreCase(column)) return true;
        return false;
    }

    /**
     * Whether a value is acceptable for this attribute: booleans must read as a boolean (0/1, true/false,
     * Oui/Non as Shapefile deliveries write them), values of a closed list must be in it. Null is always
     * acceptable here (mandatory attributes are a separate check).
     */
    public boolean accepts(Object value) {
        if (value == null) return true;
        if (type == FieldType.BOOLEAN) {
            if (value instanceof Boolean) return true;
            if (value instanceof Number) {
                double d = ((Number) value).doubleValue();
                return d == 0 || d == 1;
            }
            return BOOLEAN_TEXTS.contains(value.toString().trim().toLowerCase(Locale.ROOT));
        }
        return valueList == null || !valueList.closed() || valueList.contains(value);
    }

    /** True when {@link #accepts} checks something for this attribute. */
    public boolean isChecked() {
        return type == FieldType.BOOLEAN || (valueList != null && valueList.closed());
    }
}
