package fr.bdfsync.core.theme;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one theme file ({@code bdfsync.theme/v1} JSON) with Jackson into the catalogue records, resolving value
 * list names and checking the file is coherent: unknown fields, a value list that does not exist, two attributes
 * answering to the same name, a key or tolerance attribute that is not declared are all errors.
 */
final class ThemeFiles {
    static final String FORMAT = "bdfsync.theme/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ThemeFiles() {
    }

    record ThemeJson(String format, String theme, String label, String edition, CrsJson crs, String toleranceAttribute,
                     Map<String, ValueListJson> valueLists, List<LayerJson> layers) {
    }

    record CrsJson(@JsonProperty("default") String defaultCrs, Map<String, String> byDepartement) {
    }

    record ValueListJson(boolean closed, List<String> values) {
    }

    record LayerJson(String name, List<String> aliases, String cleabsPrefix, String geometryType, boolean hasZ,
                     double toleranceMetres, String key, List<AttributeJson> attributes) {
    }

    record AttributeJson(String name, String type, Boolean mandatory, String values, List<String> aliases) {
    }

    static Theme read(InputStream in, String source) throws IOException {
        ThemeJson json = MAPPER.readValue(in, ThemeJson.class);
        if (!FORMAT.equals(json.format())) throw new IOException(source + ": format must be " + FORMAT + ", found " + json.format());
        Map<String, ValueList> lists = new LinkedHashMap<>();
        if (json.valueLists() != null) {
            json.valueLists().forEach((name, v) -> lists.put(name, new ValueList(name, v.closed(), v.values())));
        }
        List<LayerDef> layers = new ArrayList<>();
        for (LayerJson l : json.layers()) layers.add(layer(l, lists, json.toleranceAttribute(), source));
        if (json.crs() == null) throw new IOException(source + ": no crs");
        return new Theme(json.theme(), json.label(), json.edition(), new CrsPolicy(json.crs().defaultCrs(), json.crs().byDepartement()),
                lists, layers);
    }

    private static LayerDef layer(LayerJson l, Map<String, ValueList> lists, String toleranceAttribute, String source) throws IOException {
        String where = source + ": layer " + l.name();
        List<AttributeDef> attributes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (AttributeJson a : l.attributes()) {
            ValueList list = null;
            if (a.values() != null) {
                list = lists.get(a.values());
                if (list == null) throw new IOException(where + ": attribute " + a.name() + " names an unknown value list " + a.values());
            }
            AttributeDef def = new AttributeDef(a.name(), enumValue(() -> FieldType.valueOf(a.type()), where + ": attribute " + a.name()
                    + ": unknown type " + a.type()), Boolean.TRUE.equals(a.mandatory()), a.aliases(), list);
            if (!names.add(def.name().toLowerCase(Locale.ROOT))) throw new IOException(where + ": two attributes answer to " + def.name());
            for (String alias : def.aliases()) {
                String lower = alias.toLowerCase(Locale.ROOT);
                if (!lower.equals(def.name().toLowerCase(Locale.ROOT)) && !names.add(lower)) {
                    throw new IOException(where + ": two attributes answer to " + alias);
                }
            }
            attributes.add(def);
        }
        String tolerance = null;
        for (AttributeDef a : attributes) if (a.name().equals(toleranceAttribute)) tolerance = toleranceAttribute;
        GeometryType geometryType = enumValue(() -> GeometryType.fromName(l.geometryType()), where + ": unknown geometry type " + l.geometryType());
        LayerDef def = new LayerDef(l.name(), l.aliases(), l.cleabsPrefix(), geometryType, l.hasZ(),
                l.toleranceMetres(), l.key(), tolerance, attributes);
        if (def.attribute(def.key()).isEmpty()) throw new IOException(where + ": key " + def.key() + " is not an attribute");
        if (def.cleabsPrefix() != null && def.cleabsPrefix().length() != 8) {
            throw new IOException(where + ": cleabs prefix must have 8 characters: " + def.cleabsPrefix());
        }
        return def;
    }

    private static <T> T enumValue(java.util.function.Supplier<T> parse, String error) throws IOException {
        try {
            return parse.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(error, e);
        }
    }
}
