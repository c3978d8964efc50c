package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One side's view of a target layer: the dataset, the table that stands for the layer (its own name or an
 * alias of the mapping), its schema, each source column under its compared (mapped) name, and the key.
 */
record LayerSource(GpkgDataset dataset, String layer, Schema schema, Map<String, Field> columns, String keyColumn,
                   String keySourceColumn) {

    /** Finds the table for a target layer in a dataset, or null when it has none. */
    static String findTable(GpkgDataset ds, String layer, AttributeMapping mapping) {
        for (String t : ds.layerNames()) if (t.equalsIgnoreCase(layer)) return t;
        for (String t : ds.layerNames()) if (mapping.targetLayer(t).equalsIgnoreCase(layer)) return t;
        return null;
    }

    static LayerSource open(GpkgDataset ds, String table, String layer, AttributeMapping mapping, LayerDiffSettings settings) {
        Schema schema = ds.schema(table);
        Map<String, Field> columns = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            String name = mapping.column(layer, f.name());
            if (columns.containsKey(name)) {
                throw BdfsyncException.schema(ds.path(), table, "columns '" + columns.get(name).name() + "' and '" + f.name()
                        + "' both map to '" + name + "'");
            }
            columns.put(name, f);
        }
        String key;
        String keySource;
        if (settings.keyColumn() != null) {
            key = settings.keyColumn().toLowerCase(Locale.ROOT);
            Field f = columns.get(key);
            if (f == null && schema.primaryKey() != null && schema.primaryKey().equalsIgnoreCase(key)) {
                keySource = schema.primaryKey();
            } else if (f == null) {
                throw BdfsyncException.schema(ds.path(), table, "key column '" + settings.keyColumn() + "' not found (columns: "
                        + String.join(", ", columns.keySet()) + ")");
            } else {
                keySource = f.name();
            }
        } else if (columns.containsKey("cleabs")) {
            key = "cleabs";
            keySource = columns.get("cleabs").name();
        } else if (columns.containsKey("id") && columns.get("id").type() == FieldType.TEXT) {
            key = "cleabs";
            keySource = columns.get("id").name();
            Field f = columns.remove("id");
            columns.put("cleabs", f);
        } else if (schema.primaryKey() != null) {
            key = schema.primaryKey().toLowerCase(Locale.ROOT);
            keySource = schema.primaryKey();
        } else {
            throw BdfsyncException.schema(ds.path(), table, "no key: no cleabs column, no primary key; name one with --key");
        }
        return new LayerSource(ds, table, schema, columns, key, keySource);
    }

    /** True when the key is the table's integer primary key rather than an attribute column. */
    boolean keyIsPrimaryKey() {
        return schema.primaryKey() != null && schema.primaryKey().equals(keySourceColumn) && !columns.containsKey(keyColumn);
    }

    /** SQL expression of the row id (primary key or rowid). */
    String fidExpression() {
        return schema.primaryKey() != null ? fr.bdfsync.core.io.gpkg.Sql.id(schema.primaryKey()) : "rowid";
    }

    /** Compared column names common to both sides, sorted, without the key; retyped ones are compared as text. */
    static List<String> commonColumns(LayerSource a, LayerSource b) {
        List<String> out = new ArrayList<>();
        for (String c : a.columns.keySet()) if (b.columns.containsKey(c) && !c.equals(a.keyColumn)) out.add(c);
        out.sort(null);
        return out;
    }
}
