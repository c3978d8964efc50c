package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.conflict.Decision;
import fr.bdfsync.core.conflict.Decisions;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a sync job: read the three versions of each layer (the ancestor from the job, or from the sync
 * state embedded in the local GeoPackage, or none: two-way), merge each layer, apply the authority matrix
 * and the resolution file, materialise the result, run the spatial detectors on it, then write the merged
 * dataset (with the new state inside), {@code conflicts.json} and the changes to contribute. Nothing is
 * written on a dry run; every output is written atomically, so an interrupted run leaves the inputs and
 * the previous state as they were.
 */
public final class SyncRunner {
    private final SyncJob job;
    private final SyncOptions options;

    public SyncRunner(SyncJob job, SyncOptions options) {
        this.job = job;
        this.options = options;
    }

    public SyncResult run() {
        List<Decision> decisions = options.resolutions() == null ? List.of() : ConflictsJson.readDecisions(options.resolutions());
        try (Dataset national = Datasets.open(job.national());
             Dataset local = Datasets.open(job.local());
             Dataset ancestor = job.ancestor() == null ? null : Datasets.open(job.ancestor())) {
            boolean stateEmbedded = ancestor == null && local instanceof GpkgDataset && SyncState.present(((GpkgDataset) local).connection());
            List<String> layers = layers(national, local);
            Map<String, LayerMerge> merges = new LinkedHashMap<>();
            List<Conflict> mergeConflicts = new ArrayList<>();
            List<Lineage> lineage = new ArrayList<>();
            boolean twoWay = false;
            int srid = 0;
            for (String layer : layers) {
                Schema ns = national.schema(layer);
                Schema ls = local.schema(layer);
                checkCrs(layer, ns.crs(), ls.crs());
                if (ns.crs() != null) srid = ns.crs().srsId();
                KeyedLayer anc = ancestorLayer(ancestor, local, stateEmbedded, layer, ns);
                LayerAlignment al = LayerAlignment.of(job, layer, job.local(), ls, ns, anc == null ? null : anc.schema());
                KeyedLayer nat = KeyedLayer.read(national, layer, job.key(), job.key(), false);
                KeyedLayer loc = KeyedLayer.read(local, layer, job.key(), ls.fields().get(al.localKey()).name(), true);
                LayerMerge m = new LayerMerger(job, al, anc, nat, loc).run();
                lineage.addAll(new LineageFinder(job, m).run(m.conflicts()));
                twoWay |= m.twoWay();
                merges.put(layer, m);
                mergeConflicts.addAll(m.conflicts());
            }
            String created = options.now().toString();
            Decisions.Outcome first = Decisions.apply(new ConflictSet(job.name(), job.theme(), srid, created, mergeConflicts), decisions);
            for (LayerMerge m : merges.values()) new Materializer(m).apply(first.conflicts().conflicts());

            MergedView view = new MergedView(merges, national, job);
            List<Conflict> detected = new SpatialChecks(job, view).run();
            Decisions.Outcome second = Decisions.apply(new ConflictSet(job.name(), job.theme(), srid, created, detected), decisions);

            List<Conflict> all = new ArrayList<>(first.conflicts().conflicts());
            all.addAll(second.conflicts().conflicts());
            all.sort(Comparator.comparing(Conflict::layer).thenComparing(c -> c.type().ordinal()).thenComparing(Conflict::id));
            ConflictSet set = new ConflictSet(job.name(), job.theme(), srid, created, all);
            Set<String> unknown = new HashSet<>(first.unknownIds());
            unknown.retainAll(second.unknownIds());
            List<String> unknownIds = new ArrayList<>(unknown);
            unknownIds.sort(null);

            Map<String, List<Contribution.Change>> changes = new LinkedHashMap<>();
            List<SyncResult.LayerSummary> summaries = new ArrayList<>();
            for (LayerMerge m : merges.values()) {
                List<Conflict> lc = all.stream().filter(c -> c.layer().equals(m.layer())).toList();
                List<Contribution.Change> ch = Contribution.of(m, lc, job.tolerances().geometry());
                changes.put(m.layer(), ch);
                summaries.add(new SyncResult.LayerSummary(m.layer(), local.count(m.layer()), national.count(m.layer()),
                        nationalTaken(m), ch.size(), lc.size()));
            }
            List<java.nio.file.Path> written = new ArrayList<>();
            java.nio.file.Path backup = null;
            if (!options.dryRun()) {
                SyncOutputs out = new SyncOutputs(job, options);
                backup = out.writeMerged(local, merges, set, stateEmbedded ? ((GpkgDataset) local).connection() : null, written);
                ConflictsJson.write(set, job.conflicts());
                written.add(job.conflicts());
                out.writeChanges(merges, changes);
                written.add(job.changes());
                LineageJson.write(lineage, job.lineage());
                written.add(job.lineage());
            }
            return new SyncResult(summaries, set, unknownIds, first.applied() + second.applied(), first.outdated() + second.outdated(),
                    twoWay, options.dryRun(), written, backup, lineage);
        }
    }

    private List<String> layers(Dataset national, Dataset local) {
        if (!job.layers().isEmpty()) {
            for (String l : job.layers()) {
                if (!national.layerNames().contains(l)) throw BdfsyncException.notFound(job.national(), "no layer '" + l + "' (named in " + job.file() + ")");
                if (!local.layerNames().contains(l)) throw BdfsyncException.notFound(job.local(), "no layer '" + l + "' (named in " + job.file() + ")");
            }
            return job.layers();
        }
        List<String> out = new ArrayList<>();
        for (String l : local.layerNames()) if (national.layerNames().contains(l)) out.add(l);
        if (out.isEmpty()) {
            throw BdfsyncException.schema(job.local(), null, "no layer in common with the national source " + job.national()
                    + " (local: " + local.layerNames() + ", national: " + national.layerNames() + ")");
        }
        return out;
    }

    private KeyedLayer ancestorLayer(Dataset ancestor, Dataset local, boolean stateEmbedded, String layer, Schema ns) {
        if (ancestor != null) {
            if (!ancestor.layerNames().contains(layer)) return null;
            return KeyedLayer.read(ancestor, layer, job.key(), job.key(), false);
        }
        if (stateEmbedded) return SyncState.read(job.local(), ((GpkgDataset) local).connection(), layer, ns, job.key());
        return null;
    }

    private void checkCrs(String layer, CrsRef n, CrsRef l) {
        if (n == null || l == null) return;
        if (n.srsId() != l.srsId() && !(n.isEpsg() && l.isEpsg() && n.code() == l.code())) {
            throw BdfsyncException.crs(job.local(), layer, "CRS " + l.label() + " differs from the national " + n.label()
                    + "; reproject the local data first");
        }
    }

    private static int nationalTaken(LayerMerge m) {
        int n = 0;
        for (FeatureMerge fm : m.merges().values()) {
            if (fm.national() == null && fm.local() != null && !fm.present()) n++; // national deletion taken
            else if (fm.national() != null && fm.local() == null && fm.ancestor() == null && fm.present()) n++; // national creation
            else if (fm.national() != null && fm.local() != null && fm.present()) {
                for (int i = 0; i < m.alignment().size(); i++) {
                    int li = m.alignment().local()[i];
                    if (!Values.same(fm.values()[li], fm.local().value(li))) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }
}
