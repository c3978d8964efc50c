package fr.bdfsync.core.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A link's measures as the JSON text both the links GeoPackage ({@code measures} column) and the sync state store:
 * an object with the keys in alphabetical order, numbers as Jackson writes doubles. Written once per link for both
 * files (they were serialised twice), on every core.
 */
public final class MeasuresJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MeasuresJson() {
    }

    /** The JSON object of one link's measures, keys sorted. */
    public static String of(Map<String, Double> measures) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(measures));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The measures of every link, in the links' order (computed in parallel; the result does not depend on it). */
    public static List<String> of(List<Link> links) {
        return links.parallelStream().map(l -> of(l.measures())).toList();
    }
}
