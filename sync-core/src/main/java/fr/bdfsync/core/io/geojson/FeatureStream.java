package fr.bdfsync.core.io.geojson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.BdfsyncException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walks a GeoJSON file with Jackson's streaming parser: the top-level members other than "features" are kept
 * as small trees ({@link #members()}), and the features are handed over one at a time as trees. A file that is
 * not JSON, or not a FeatureCollection, is an INVALID_INPUT error naming the file and the position.
 */
final class FeatureStream implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path path;
    private final JsonParser parser;
    private final Map<String, JsonNode> members = new LinkedHashMap<>();
    private boolean inFeatures;
    private boolean featuresSeen;
    private JsonNode singleFeature;
    private long index;

    private FeatureStream(Path path, JsonParser parser) {
        this.path = path;
        this.parser = parser;
    }

    static FeatureStream open(Path path) {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            throw BdfsyncException.notFound(path, "cannot read: " + e.getMessage());
        }
        FeatureStream s;
        try {
            s = new FeatureStream(path, MAPPER.getFactory().createParser(in));
        } catch (IOException e) {
            try {
                in.close();
            } catch (IOException ignored) {
                // failing anyway
            }
            throw BdfsyncException.invalid(path, null, null, "cannot read: " + e.getMessage(), e);
        }
        try {
            s.start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Reads up to the features (or the end of the top-level object). */
    private void start() {
        try {
            JsonToken t = parser.nextToken();
            if (t != JsonToken.START_OBJECT) throw BdfsyncException.invalid(path, null, null, "not GeoJSON: the file is not a JSON object");
            advanceToFeatures();
            JsonNode type = members.get("type");
            String typeName = type == null ? "" : type.asText();
            if (typeName.equals("Feature")) {
                inFeatures = false;
            } else if (!typeName.equals("FeatureCollection") && !(typeName.isEmpty() && featuresSeen)) {
                throw BdfsyncException.invalid(path, null, null, "not a GeoJSON FeatureCollection (type '" + typeName + "')");
            }
        } catch (IOException e) {
            throw jsonError(e);
        }
    }

    /** Reads top-level members until the "features" array opens (inFeatures) or the object ends. */
    private void advanceToFeatures() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            if (name.equals("features")) {
                if (v != JsonToken.START_ARRAY) throw BdfsyncException.invalid(path, null, null, "\"features\" is not an array");
                inFeatures = true;
                featuresSeen = true;
                return;
            }
            if (name.equals("geometry") || name.equals("properties") || name.equals("id")
                    || name.equals("type") || name.equals("name") || name.equals("crs")) {
                members.put(name, MAPPER.readTree(parser));
            } else {
                parser.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) throw BdfsyncException.invalid(path, null, null, "not valid JSON: unexpected " + t);
        if ("Feature".equals(members.containsKey("type") ? members.get("type").asText() : null) && singleFeature == null) {
            singleFeature = MAPPER.createObjectNode().setAll(members);
        }
    }

    /** Top-level members read so far ("type", "name", "crs"). */
    Map<String, JsonNode> members() {
        return members;
    }

    /** The next feature as a tree, or null after the last one (then the rest of the top level has been read). */
    JsonNode next() {
        try {
            if (singleFeature != null) {
                JsonNode f = singleFeature;
                singleFeature = null;
                index++;
                return f;
            }
            if (!inFeatures) return null;
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                inFeatures = false;
                advanceToFeatures();
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw BdfsyncException.invalid(path, null, "#" + (index + 1), "a member of \"features\" is not an object");
            }
            index++;
            return MAPPER.readTree(parser);
        } catch (IOException e) {
            throw jsonError(e);
        }
    }

    /** 1-based position of the feature last returned. */
    long index() {
        return index;
    }

    private BdfsyncException jsonError(IOException e) {
        if (e instanceof JsonProcessingException) {
            JsonProcessingException j = (JsonProcessingException) e;
            JsonLocation at = j.getLocation();
            return BdfsyncException.invalid(path, null, null, "not valid JSON: " + j.getOriginalMessage().replace('\n', ' ')
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        }
        return BdfsyncException.invalid(path, null, null, "cannot read: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
