package fr.bdfsync.core.diff;

/** One attribute whose value changed: its (mapped) column name, the old and the new value. */
public record AttributeChange(String column, Object oldValue, Object newValue) {
    public AttributeChange inverse() {
        return new AttributeChange(column, newValue, oldValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeChange && ((AttributeChange) o).column.equals(column)
                && Row.valueEquals(((AttributeChange) o).oldValue, oldValue) && Row.valueEquals(((AttributeChange) o).newValue, newValue);
    }

    @Override
    public int hashCode() {
        return column.hashCode();
    }
}
