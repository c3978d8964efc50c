package fr.bdfsync.core.pkg;

import fr.bdfsync.core.Phases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Builds a signed contribution package: validates every change (geometry validity, label scope, theme
 * rules), packages those that pass and reports the others; reproducible for the same request.
 * <p>
 * The changes are put in package order first; their geometries are then checked on threads of their own, in that
 * order, while changes.gpkg is written from the verdicts already given (the writer waits for a verdict not yet there):
 * validation and writing overlap instead of following each other. The same changes are packaged, in the same order,
 * as when all were validated before the writing.
 */
public final class PackageBuilder {
    private PackageBuilder() {
    }

    public static BuildResult build(BuildRequest r, Path target) {
        Phases phases = new Phases();
        long t = System.nanoTime();
        ChangeValidator validator = new ChangeValidator(new ScopeCheck(r.label()), r.rules() == null ? ChangeRules.NONE : r.rules());
        List<PackageChange> changes = r.changes();
        // package order, and for each change in that order its index in the request (a stable sort: ties keep their order)
        Integer[] order = new Integer[changes.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Comparator<Integer> byPackageOrder = (a, b) -> PackageWriter.ORDER.compare(changes.get(a), changes.get(b));
        java.util.Arrays.sort(order, byPackageOrder);
        List<PackageChange> sorted = new ArrayList<>(order.length);
        for (Integer i : order) sorted.add(changes.get(i));
        t = phases.add("sort", t);
        PackageChange[] refusedAt = new PackageChange[changes.size()];
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Manifest.BaseLayer> baseLayers = new TreeMap<>();
        long[] accepted = {0};
        Manifest m;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        try (ChangeValidator.GeometryVerdicts verdicts = validator.checkInBackground(sorted, threads)) {
            Iterator<PackageChange> acceptedChanges = new Iterator<>() {
                private int i;
                private PackageChange next;

                @Override
                public boolean hasNext() {
                    while (next == null && i < sorted.size()) {
                        PackageChange c = sorted.get(i);
                        Refusal why = verdicts.check(i);
                        if (why == null) {
                            next = c;
                            accepted[0]++;
                            Manifest.BaseLayer b = r.baseLayers() == null ? null : r.baseLayers().get(c.layer());
                            if (b != null) baseLayers.putIfAbsent(c.layer(), b);
                        } else {
                            refusedAt[order[i]] = c.withReason(why.toString());
                            reasons.merge(why.reason(), 1L, Long::sum);
                        }
                        i++;
                    }
                    return next != null;
                }

                @Override
                public PackageChange next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    PackageChange c = next;
                    next = null;
                    return c;
                }
            };
            m = PackageWriter.write(target, r.created(), () -> new PackageWriter.Header(Manifest.KIND_CONTRIBUTION, r.created(), r.label(),
                            new Manifest.Base(r.edition(), RowFingerprint.ALGORITHM, baseLayers), r.keyColumn(),
                            new Manifest.Validation(changes.size(), accepted[0], reasons), new Manifest.Qa(r.openConflicts()), null),
                    r.nationalSchemas(), acceptedChanges, "validation and changes.gpkg", r.lineage() == null ? List.of() : r.lineage(),
                    r.qaConflicts(), r.privateKey(), r.publicKey(), phases);
        }
        List<PackageChange> refused = new ArrayList<>();
        for (PackageChange c : refusedAt) if (c != null) refused.add(c);
        return new BuildResult(target, m, refused, phases.millis());
    }
}
