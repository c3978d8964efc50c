package fr.bdfsync.core.io.geojson;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bdfsync.core.feature.FieldType;

import java.util.regex.Pattern;

/**
 * Infers the type of one GeoJSON property from every value it takes across the features: integers only give
 * INTEGER, integers and decimals REAL, booleans BOOLEAN, strings that are all ISO dates DATE (all ISO
 * date-times DATETIME), anything else TEXT (objects and arrays as their JSON text). Nulls say nothing.
 */
final class PropertyTypes {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?");

    private boolean integer;
    private boolean real;
    private boolean bool;
    private boolean string;
    private boolean other;
    private boolean allDates = true;
    private boolean allDateTimes = true;

    void add(JsonNode v) {
        if (v == null || v.isNull()) return;
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong()) integer = true;
            else real = true;
        } else if (v.isNumber()) {
            real = true;
        } else if (v.isBoolean()) {
            bool = true;
        } else if (v.isTextual()) {
            string = true;
            String s = v.textValue();
            if (allDates && !DATE.matcher(s).matches()) allDates = false;
            if (allDateTimes && !DATETIME.matcher(s).matches()) allDateTimes = false;
        } else {
            other = true;
        }
    }

    FieldType type() {
        if (other || (string && (integer || real || bool)) || (bool && (integer || real))) return FieldType.TEXT;
        if (string) return allDates ? FieldType.DATE : allDateTimes ? FieldType.DATETIME : FieldType.TEXT;
        if (real) return FieldType.REAL;
        if (integer) return FieldType.INTEGER;
        if (bool) return FieldType.BOOLEAN;
        return FieldType.TEXT;
    }

    /** A JSON value as the Java value of a field of this type (see {@link fr.bdfsync.core.feature.FieldType}). */
    static Object value(JsonNode v, FieldType type) {
        if (v == null || v.isNull()) return null;
        switch (type) {
            case INTEGER:
                return v.longValue();
            case REAL:
                return v.doubleValue();
            case BOOLEAN:
                return v.booleanValue();
            default:
                return v.isValueNode() ? v.asText() : v.toString();
        }
    }
}
