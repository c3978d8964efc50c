package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a signed contribution package: validates every change (geometry validity, label scope, theme
 * rules), packages those that pass and reports the others; reproducible for the same request.
 */
public final class PackageBuilder {
    private PackageBuilder() {
    }

    public static BuildResult build(BuildRequest r, Path target) {
        Phases phases = new Phases();
        long t = System.nanoTime();
        ChangeValidator validator = new ChangeValidator(new ScopeCheck(r.label()), r.rules() == null ? ChangeRules.NONE : r.rules());
        List<PackageChange> accepted = new ArrayList<>();
        List<PackageChange> refused = new ArrayList<>();
        Map<String, Long> reasons = new TreeMap<>();
        List<Refusal> verdicts = validator.checkAll(r.changes(), Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < verdicts.size(); i++) {
            PackageChange c = r.changes().get(i);
            Refusal why = verdicts.get(i);
            if (why == null) {
                accepted.add(c);
            } else {
                refused.add(c.withReason(why.toString()));
                reasons.merge(why.reason(), 1L, Long::sum);
            }
        }
        phases.add("validation", t);
        Map<String, Manifest.BaseLayer> baseLayers = new TreeMap<>();
        for (PackageChange c : accepted) {
            Manifest.BaseLayer b = r.baseLayers() == null ? null : r.baseLayers().get(c.layer());
            if (b != null) baseLayers.putIfAbsent(c.layer(), b);
        }
        PackageWriter.Header h = new PackageWriter.Header(Manifest.KIND_CONTRIBUTION, r.created(), r.label(),
                new Manifest.Base(r.edition(), RowFingerprint.ALGORITHM, baseLayers), r.keyColumn(),
                new Manifest.Validation(r.changes().size(), accepted.size(), reasons), new Manifest.Qa(r.openConflicts()), null);
        Manifest m = PackageWriter.write(target, h, r.nationalSchemas(), accepted, r.lineage() == null ? List.of() : r.lineage(),
                r.qaConflicts(), r.privateKey(), r.publicKey(), phases);
        return new BuildResult(target, m, refused, phases.millis());
    }
}
