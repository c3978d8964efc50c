package fr.bdfsync.core.theme;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A source layer seen through the catalogue: which catalogue layer it is (none for a <em>generic</em> layer),
 * which catalogue attribute each column is, which attributes are missing, its key column and its tolerance.
 * Built by {@link ThemeCatalog#bind}; immutable.
 * <p>
 * Key choice: the catalogue key ({@code cleabs}, through its aliases such as {@code ID}) when the layer is a
 * catalogue layer and has it; else the column the user named, when the layer has it (ignoring case); else the
 * source's primary key (feature id).
 */
public final class LayerBinding {
    /** Tolerance of a generic layer: geometries are compared exactly unless the caller says otherwise. */
    public static final double GENERIC_TOLERANCE = 0.0;

    private final Schema schema;
    private final LayerMatch match;
    private final List<ColumnBinding> columns;
    private final List<AttributeDef> missing;
    private final KeyColumn key;
    private final int keyIndex;
    private final int toleranceIndex;

    private LayerBinding(Schema schema, LayerMatch match, List<ColumnBinding> columns, List<AttributeDef> missing,
                         KeyColumn key, int keyIndex, int toleranceIndex) {
        this.schema = schema;
        this.match = match;
        this.columns = List.copyOf(columns);
        this.missing = List.copyOf(missing);
        this.key = key;
        this.keyIndex = keyIndex;
        this.toleranceIndex = toleranceIndex;
    }

    static LayerBinding of(Schema schema, LayerMatch match, String userKey) {
        List<ColumnBinding> columns = new ArrayList<>();
        List<AttributeDef> missing = new ArrayList<>();
        int keyIndex = -1;
        int toleranceIndex = -1;
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            AttributeMatch m = match == null ? null : match.layer().resolve(fields.get(i).name()).orElse(null);
            columns.add(new ColumnBinding(i, fields.get(i), m));
        }
        if (match != null) {
            LayerDef layer = match.layer();
            for (AttributeDef a : layer.attributes()) {
                int idx = indexOf(columns, a);
                if (idx < 0) missing.add(a);
                if (a.name().equals(layer.key())) keyIndex = idx;
                if (a.name().equals(layer.toleranceAttribute())) toleranceIndex = idx;
            }
        }
        KeyColumn key;
        if (keyIndex >= 0) {
            key = new KeyColumn(fields.get(keyIndex).name(), KeyColumn.Source.CATALOGUE);
        } else if (userKey != null && schema.indexOfIgnoreCase(userKey) >= 0) {
            keyIndex = schema.indexOfIgnoreCase(userKey);
            key = new KeyColumn(fields.get(keyIndex).name(), KeyColumn.Source.USER);
        } else {
            keyIndex = -1;
            key = new KeyColumn(null, KeyColumn.Source.PRIMARY_KEY);
        }
        return new LayerBinding(schema, match, columns, missing, key, keyIndex, toleranceIndex);
    }

    private static int indexOf(List<ColumnBinding> columns, AttributeDef a) {
        // the surest match wins when several columns answer to one attribute (e.g. both "cleabs" and "ID")
        int best = -1;
        for (ColumnBinding c : columns) {
            if (c.match() != null && c.match().attribute() == a
                    && (best < 0 || c.match().kind().ordinal() < columns.get(best).match().kind().ordinal())) {
                best = c.index();
            }
        }
        return best;
    }

    public Schema schema() {
        return schema;
    }

    public Optional<LayerMatch> match() {
        return Optional.ofNullable(match);
    }

    /** True for a layer the catalogue does not describe. */
    public boolean isGeneric() {
        return match == null;
    }

    public List<ColumnBinding> columns() {
        return columns;
    }

    /** Source columns that are no attribute of the catalogue layer (every column of a generic layer). */
    public List<String> unknownColumns() {
        List<String> out = new ArrayList<>();
        for (ColumnBinding c : columns) if (!c.isKnown()) out.add(c.field().name());
        return out;
    }

    /** Catalogue attributes absent from the source. */
    public List<AttributeDef> missingAttributes() {
        return missing;
    }

    public KeyColumn key() {
        return key;
    }

    /** Index of the key column in the schema's fields, -1 when the key is the feature id. */
    public int keyIndex() {
        return keyIndex;
    }

    /** The key of a feature: the key column's value, or the feature id. */
    public Object keyOf(Feature f) {
        return keyIndex < 0 ? (Object) f.fid() : f.value(keyIndex);
    }

    /** The layer's default tolerance in metres ({@link #GENERIC_TOLERANCE} for a generic layer). */
    public double defaultTolerance() {
        return match == null ? GENERIC_TOLERANCE : match.layer().toleranceMetres();
    }

    /** Index of the per-feature tolerance column ({@code precision_planimetrique}), or -1. */
    public int toleranceIndex() {
        return toleranceIndex;
    }

    /** The tolerance of one feature: its {@code precision_planimetrique} when positive, else the layer default. */
    public double toleranceOf(Feature f) {
        if (toleranceIndex >= 0) {
            Object v = f.value(toleranceIndex);
            double d = Double.NaN;
            if (v instanceof Number) d = ((Number) v).doubleValue();
            else if (v != null) {
                try {
                    d = Double.parseDouble(v.toString().trim());
                } catch (NumberFormatException ignored) {
                    // not a number: fall back to the default
                }
            }
            if (d > 0 && !Double.isInfinite(d)) return d;
        }
        return defaultTolerance();
    }

    /** The catalogue attribute of a source column, when known. */
    public Optional<AttributeDef> attributeAt(int fieldIndex) {
        AttributeMatch m = columns.get(fieldIndex).match();
        return m == null ? Optional.empty() : Optional.of(m.attribute());
    }
}
