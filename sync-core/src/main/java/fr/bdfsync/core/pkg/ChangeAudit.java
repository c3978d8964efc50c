package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The verification of a package's changes, fed one change at a time in the order they are read: no key has two
 * changes of one operation, every change lies within the registered label (layer, attributes, new geometry in
 * the territory), the lineage names changes of the package, and the counts are the manifest's. Used by
 * {@link PackageVerifier} on its own read of the changes and by {@link PackageApplier} during its read, so that
 * apply reads the changes once; {@link #finish} refuses the package, and then nothing is written.
 */
final class ChangeAudit {
    private static final int MAX_LISTED = 5;

    private final Path pkg;
    private final ScopeCheck scope;
    private final Map<String, Set<String>> keys = new HashMap<>();
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();
    private final List<String> outside = new ArrayList<>();
    private long outsideCount;

    ChangeAudit(Path pkg, ScopeCheck scope) {
        this.pkg = pkg;
        this.scope = scope;
    }

    void add(PackageChange c) {
        if (!keys.computeIfAbsent(c.layer(), k -> new HashSet<>()).add(c.key() + "\u0000" + c.op())) {
            throw PackageRefused.of(pkg, "layer '" + c.layer() + "': key '" + c.key() + "' has two " + c.op().code() + " changes");
        }
        Refusal why = scope.checkRights(c);
        if (why == null && c.geometry() != null) why = scope.checkLocation(c.geometry());
        if (why != null && ++outsideCount <= MAX_LISTED) outside.add("layer '" + c.layer() + "' key '" + c.key() + "': " + why.detail());
        PackageWriter.count(counts, c);
    }

    /**
     * Adds what {@code other} saw of later layers (no layer in common): the same state as if its changes had been added
     * here after this audit's own, so the refusals list the same first changes.
     */
    void absorb(ChangeAudit other) {
        for (String layer : other.keys.keySet()) {
            if (keys.containsKey(layer)) throw new IllegalArgumentException("layer '" + layer + "' audited twice");
        }
        keys.putAll(other.keys);
        other.counts.forEach((layer, c) -> counts.computeIfAbsent(layer, k -> new TreeMap<>()).putAll(c));
        for (String o : other.outside) if (outside.size() < MAX_LISTED) outside.add(o);
        outsideCount += other.outsideCount;
    }

    /** Refuses the package for any change outside the label, a lineage naming no change, or counts unlike the manifest's. */
    Map<String, Map<String, Long>> finish(List<Lineage> lineage, Manifest m) {
        if (outsideCount > 0) {
            throw PackageRefused.of(pkg, outsideCount + " change(s) fall outside the label: " + String.join("; ", outside)
                    + (outsideCount > MAX_LISTED ? "; ..." : ""));
        }
        for (Lineage l : lineage) {
            Set<String> layerKeys = keys.get(l.layer());
            List<String> named = new ArrayList<>(l.fromKeys());
            named.addAll(l.toKeys());
            for (String k : named) {
                boolean known = layerKeys != null && (layerKeys.contains(k + "\u0000" + ChangeOp.DELETE) || layerKeys.contains(k + "\u0000" + ChangeOp.UPDATE)
                        || layerKeys.contains(k + "\u0000" + ChangeOp.INSERT));
                if (!known) throw PackageRefused.of(pkg, "lineage names key '" + k + "' of layer '" + l.layer() + "', which no change of the package has");
            }
        }
        if (!counts.equals(m.counts())) throw PackageRefused.of(pkg, "counts in the manifest " + m.counts() + " differ from changes.gpkg " + counts);
        return counts;
    }
}
