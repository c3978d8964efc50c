package fr.bdfsync.core.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON summary of an attach run ({@code "format": "bdfsync.attach/v1"}): per pair of layers, local features by
 * status (a feature counts as sure when all its links are sure, unmatched when it has none, else uncertain), link
 * rows by status and by cardinality, a histogram of link confidences (ten bins of 0.1, unmatched left out),
 * reused and matched counts, and the problems met. Built as plain maps for Jackson.
 */
public final class AttachSummary {
    public static final String FORMAT = "bdfsync.attach/v1";

    private AttachSummary() {
    }

    public static Map<String, Object> of(List<AttachResult> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        List<Object> layers = new ArrayList<>();
        for (AttachResult r : results) layers.add(layer(r));
        root.put("layers", layers);
        return root;
    }

    static Map<String, Object> layer(AttachResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local_layer", r.localLayer());
        m.put("national_layer", r.nationalLayer());
        m.put("search_distance_m", r.searchDistance());
        Map<Long, LinkStatus> perFeature = new LinkedHashMap<>();
        Map<String, Integer> rowsByStatus = counter(LinkStatus.SURE.label(), LinkStatus.UNCERTAIN.label(), LinkStatus.UNMATCHED.label());
        Map<String, Integer> byCardinality = counter("1:1", "1:n", "n:1");
        Map<String, Integer> byRule = new java.util.TreeMap<>();
        int[] histogram = new int[10];
        for (Link l : r.links()) {
            rowsByStatus.merge(l.status().label(), 1, Integer::sum);
            perFeature.merge(l.localFid(), l.status(), (a, b) -> a == b ? a : LinkStatus.UNCERTAIN);
            if (l.status() != LinkStatus.UNMATCHED) {
                byCardinality.merge(l.cardinality().label(), 1, Integer::sum);
                byRule.merge(l.rule(), 1, Integer::sum);
                histogram[Math.min(9, (int) Math.floor(l.confidence() * 10))]++;
            }
        }
        Map<String, Integer> features = counter(LinkStatus.SURE.label(), LinkStatus.UNCERTAIN.label(), LinkStatus.UNMATCHED.label());
        for (LinkStatus s : perFeature.values()) features.merge(s.label(), 1, Integer::sum);
        m.put("local_features", perFeature.size());
        m.put("features_by_status", features);
        m.put("links_by_status", rowsByStatus);
        m.put("links_by_cardinality", byCardinality);
        m.put("links_by_rule", byRule);
        Map<String, Integer> h = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) h.put(String.format(java.util.Locale.ROOT, "%.1f-%.1f", i / 10.0, (i + 1) / 10.0), histogram[i]);
        m.put("confidence_histogram", h);
        m.put("reused", r.reused());
        m.put("matched", r.matched());
        m.put("problems", r.problems());
        return m;
    }

    private static Map<String, Integer> counter(String... keys) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String k : keys) m.put(k, 0);
        return m;
    }

    /** Local features by status, for tests and the CLI's one-line report. */
    public static Map<LinkStatus, Integer> featureCounts(AttachResult r) {
        Map<Long, LinkStatus> perFeature = new HashMap<>();
        for (Link l : r.links()) perFeature.merge(l.localFid(), l.status(), (a, b) -> a == b ? a : LinkStatus.UNCERTAIN);
        Map<LinkStatus, Integer> c = new java.util.EnumMap<>(LinkStatus.class);
        for (LinkStatus s : LinkStatus.values()) c.put(s, 0);
        for (LinkStatus s : perFeature.values()) c.merge(s, 1, Integer::sum);
        return c;
    }
}
