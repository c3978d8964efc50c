package fr.bdfsync.core.feature;

import java.util.Locale;

/**
 * Attribute types, after the GeoPackage data types (Requirement 5 of the spec) to which every
 * source format is mapped. Values in a {@link Feature} are held as: INTEGER and BOOLEAN as
 * {@link Long} and {@link Boolean}, REAL as {@link Double}, TEXT, DATE and DATETIME as
 * {@link String} (ISO 8601, as GeoPackage stores them), BLOB as {@code byte[]}.
 */
public enum FieldType {
    INTEGER, REAL, TEXT, BOOLEAN, DATE, DATETIME, BLOB;

    /** Maps a declared SQLite/GeoPackage column type ("TEXT(24)", "MEDIUMINT", "DOUBLE"...) to a field type. */
    public static FieldType fromSqlType(String declared) {
        if (declared == null || declared.isBlank()) return TEXT;
        String t = declared.trim().toUpperCase(Locale.ROOT);
        int paren = t.indexOf('(');
        if (paren >= 0) t = t.substring(0, paren).trim();
        switch (t) {
            case "BOOLEAN": return BOOLEAN;
            case "TINYINT": case "SMALLINT": case "MEDIUMINT": case "INT": case "INTEGER": case "BIGINT": return INTEGER;
            case "FLOAT": case "DOUBLE": case "REAL": case "NUMERIC": return REAL;
            case "DATE": return DATE;
            case "DATETIME": case "TIMESTAMP": return DATETIME;
            case "BLOB": return BLOB;
            default:
                if (t.contains("INT")) return INTEGER;
                if (t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB")) return TEXT;
                if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) return REAL;
                return TEXT;
        }
    }

    /** The GeoPackage type name used when writing a column of this type. */
    public String sqlType() {
        switch (this) {
            case INTEGER: return "INTEGER";
            case REAL: return "REAL";
            case BOOLEAN: return "BOOLEAN";
            case DATE: return "DATE";
            case DATETIME: return "DATETIME";
            case BLOB: return "BLOB";
            default: return "TEXT";
        }
    }
}
