package fr.bdfsync.core.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code bdfsync inspect}: one {@link SourceReport} per input. Its JSON form is versioned by its
 * single top-level key {@value #FORMAT}; fields are only ever added within a version.
 */
public record InspectReport(List<SourceReport> sources) {
    public static final String FORMAT = "bdfsync.inspect/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public InspectReport {
        sources = List.copyOf(sources);
    }

    /** {"bdfsync.inspect/v1": {"sources": [...]}}, indented, map keys sorted (stable output). */
    public String toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sources", sources);
        try {
            return MAPPER.writeValueAsString(Map.of(FORMAT, body)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write inspect report as JSON", e);
        }
    }
}
