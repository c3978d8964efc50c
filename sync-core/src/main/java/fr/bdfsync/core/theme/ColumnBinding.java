package fr.bdfsync.core.theme;

import fr.bdfsync.core.feature.Field;

/** A source column (index in the schema's fields) and the catalogue attribute it is, or null when unknown. */
public record ColumnBinding(int index, Field field, AttributeMatch match) {
    public boolean isKnown() {
        return match != null;
    }
}
