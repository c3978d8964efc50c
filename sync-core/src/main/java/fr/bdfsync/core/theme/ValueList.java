package fr.bdfsync.core.theme;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An enumerated list of values of an attribute ("persistance": Permanent, Intermittent, Inconnue).
 * A <em>closed</em> list is checked: any other value is reported. An open list only documents the values
 * seen or expected; it is never used to reject a value (we could not confirm it is complete).
 */
public record ValueList(String name, boolean closed, List<String> values) {
    public ValueList {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (Set.copyOf(values).size() != values.size()) throw new IllegalArgumentException("value list " + name + " repeats a value");
    }

    /** True when the value is in the list. Numbers are compared by their integer text ("0", "-1"). */
    public boolean contains(Object value) {
        if (value == null) return true;
        return values.contains(text(value));
    }

    static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) return Long.toString((long) d);
        }
        return value.toString();
    }
}
