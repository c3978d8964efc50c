package fr.bdfsync.core.inspect;

import java.util.ArrayList;
import java.util.List;

/** What {@code inspect} found in one source file: its format, the CRSs of its layers, its layers. */
public record SourceReport(String path, String format, List<String> crs, List<String> themes, List<LayerReport> layers) {
    public SourceReport {
        crs = List.copyOf(crs);
        themes = List.copyOf(themes);
        layers = List.copyOf(layers);
    }

    /** The layer of that name, or null. */
    public LayerReport layer(String name) {
        for (LayerReport l : layers) if (l.name().equals(name)) return l;
        return null;
    }

    static List<String> distinct(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) if (v != null && !out.contains(v)) out.add(v);
        return out;
    }
}
