package fr.bdfsync.core.feature;

import java.util.Objects;

/** One attribute column: its name as in the source, and its type. */
public record Field(String name, FieldType type) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
