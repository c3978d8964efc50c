package fr.bdfsync.core.diff;

/**
 * A difference of layer structure between the two sides: a column added or removed, a column whose type
 * changed, or a change of geometry type or CRS. A schema change is reported, never a crash.
 */
public record SchemaChange(Kind kind, String column, String oldValue, String newValue) {
    public enum Kind {
        COLUMN_ADDED, COLUMN_REMOVED, COLUMN_RETYPED, GEOMETRY_TYPE_CHANGED, CRS_CHANGED, LAYER_ADDED, LAYER_REMOVED;

        Kind inverse() {
            switch (this) {
                case COLUMN_ADDED: return COLUMN_REMOVED;
                case COLUMN_REMOVED: return COLUMN_ADDED;
                case LAYER_ADDED: return LAYER_REMOVED;
                case LAYER_REMOVED: return LAYER_ADDED;
                default: return this;
            }
        }
    }

    public SchemaChange inverse() {
        return new SchemaChange(kind.inverse(), column, newValue, oldValue);
    }

    public String describe() {
        switch (kind) {
            case COLUMN_ADDED: return "column '" + column + "' added (" + newValue + ")";
            case COLUMN_REMOVED: return "column '" + column + "' removed (was " + oldValue + ")";
            case COLUMN_RETYPED: return "column '" + column + "' retyped " + oldValue + " -> " + newValue;
            case GEOMETRY_TYPE_CHANGED: return "geometry type " + oldValue + " -> " + newValue;
            case CRS_CHANGED: return "CRS " + oldValue + " -> " + newValue;
            case LAYER_ADDED: return "layer added";
            default: return "layer removed";
        }
    }
}
