package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictSpill;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.conflict.PackedConflicts;
import fr.bdfsync.core.report.ReportFormat;
import fr.bdfsync.core.conflict.Decision;
import fr.bdfsync.core.conflict.Decisions;
import fr.bdfsync.core.conflict.detect.NetworkNeighbours;
import fr.bdfsync.core.conflict.detect.OverlapDetector;
import fr.bdfsync.core.diff.DiffEngine;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Envelope;
import java.nio.file.Path;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.Phases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a sync job, one group of layers after the other ({@link #groups}): read the three versions of the
 * group's layers (the ancestor from the job, or from the sync state embedded in the local GeoPackage, or none:
 * two-way), merge each layer, apply the authority matrix and the resolution file, materialise the result, run the
 * spatial detectors on it and write the group to the merged dataset and the changes to contribute; at the end, the
 * new state inside the merged dataset, {@code conflicts.json} and the reports. Nothing is
 * written on a dry run; every output is written atomically, so an interrupted run leaves the inputs and
 * the previous state as they were.
 */
public final class SyncRunner {
    private final SyncJob job;
    private final SyncOptions options;
    private final Phases phases = new Phases();

    public SyncRunner(SyncJob job, SyncOptions options) {
        this.job = job;
        this.options = options;
    }

    public SyncResult run() {
        List<Decision> decisions = options.resolutions() == null ? List.of() : ConflictsJson.readDecisions(options.resolutions());
        try (GpkgDataset national = gpkg(job.national());
             GpkgDataset local = gpkg(job.local());
             Differential differential = job.differential() == null ? null : Differential.open(job.differential())) {
            boolean stateEmbedded = job.ancestor() == null && SyncState.present(local.connection());
            Path ancestorPath = job.ancestor() != null ? job.ancestor() : stateEmbedded ? SyncState.ancestorEdition(job.local(), local.connection()) : null;
            Path ancestorDiff = stateEmbedded ? SyncState.ancestorDifferential(job.local(), local.connection()) : null;
            try (GpkgDataset ancestor = ancestorPath == null ? null : gpkg(ancestorPath);
                 Differential ancestorDifferential = ancestorDiff == null ? null : Differential.open(ancestorDiff);
                 DiffEngine engine = ancestorPath == null ? null : DeltaReader.engine(job)) {
                return run(decisions, new Sources(national, differential, local, ancestor, ancestorDifferential), engine, stateEmbedded);
            }
        }
    }

    /** The opened inputs: the national edition and its Différentiel (or null), the local data, the ancestor and its Différentiel. */
    record Sources(GpkgDataset national, Differential differential, GpkgDataset local, GpkgDataset ancestor,
                           Differential ancestorDifferential) {
        Differential.Overlay nationalOverlay(String layer, String key) {
            return differential == null ? Differential.Overlay.NONE : differential.layer(layer, national.schema(layer), key);
        }

        Differential.Overlay ancestorOverlay(String layer, String key) {
            return ancestorDifferential == null ? Differential.Overlay.NONE : ancestorDifferential.layer(layer, ancestor.schema(layer), key);
        }
    }

    /** The order of {@code conflicts.json}: layer, type, id. */
    private static final Comparator<Conflict> ORDER = Comparator.comparing(Conflict::layer)
            .thenComparing(c -> c.type().ordinal()).thenComparing(Conflict::id);

    /**
     * Runs the layers group after group ({@link #groups}): each group is read, merged, decided, checked by the
     * detectors and written to the outputs before the next one is read, so only one group's objects are held at once
     * (the conflicts of every layer are kept for {@code conflicts.json} and the reports).
     */
    private SyncResult run(List<Decision> decisions, Sources src, DiffEngine engine, boolean stateEmbedded) {
        GpkgDataset national = src.national(), local = src.local(), ancestor = src.ancestor();
        Differential.Effect effect = new Differential.Effect();
        long t = System.nanoTime();
        List<String> layers = layers(national, local);
        // every layer's CRS and schemas are checked before any is read or written
        Map<String, LayerAlignment> alignments = new LinkedHashMap<>();
        int srid = 0;
        for (String layer : layers) {
            Schema ns = national.schema(layer);
            Schema ls = local.schema(layer);
            checkCrs(layer, ns.crs(), ls.crs());
            if (ns.crs() != null) srid = ns.crs().srsId();
            boolean threeWay = ancestor != null && ancestor.layerNames().contains(layer);
            alignments.put(layer, LayerAlignment.of(job, layer, job.local(), ls, ns, threeWay ? ancestor.schema(layer) : null));
        }
        String created = options.now().toString();
        List<Conflict> all = new ArrayList<>();
        List<Lineage> lineage = new ArrayList<>();
        List<SyncResult.LayerSummary> summaries = new ArrayList<>();
        Set<String> unknown = new HashSet<>();
        for (Decision d : decisions) unknown.add(d.id());
        int applied = 0, outdated = 0;
        boolean twoWay = false;
        List<Path> written = new ArrayList<>();
        Path backup = null;
        SyncOutputs out = null;
        PackedConflicts packer = new PackedConflicts();
        ConflictSpill spill = ConflictSpill.create();
        // the merged dataset is a copy of the local file: copied in the background while the layers are read and merged
        LocalCopy copy = null;
        try {
            if (!options.dryRun()) copy = LocalCopy.start(job.local(), SyncOutputs.target(job, options));
            for (List<String> group : groups(layers)) {
                Map<String, DeltaReader.Restricted> inputs = new LinkedHashMap<>();
                Map<String, Long> localRows = new LinkedHashMap<>(), nationalRows = new LinkedHashMap<>();
                for (String layer : group) twoWay |= read(src, engine, stateEmbedded, layer, alignments.get(layer), effect, inputs, localRows, nationalRows);
                t = phases.add("read (diff, changed rows)", t);
                OverlapDetector.Neighbours zoneNeighbours = ancestor != null ? widenForDetectors(local, inputs) : null;
                t = phases.add("neighbours", t);
                Map<String, LayerMerge> merges = new LinkedHashMap<>();
                List<Conflict> mergeConflicts = new ArrayList<>();
                for (String layer : group) {
                    DeltaReader.Restricted in = inputs.remove(layer);
                    LayerMerge m = new LayerMerger(job, alignments.get(layer), in.ancestor(), in.national(), in.local(), in.geometry()).run();
                    lineage.addAll(new LineageFinder(job, m).run(m.conflicts()));
                    merges.put(layer, m);
                    mergeConflicts.addAll(m.conflicts());
                }
                t = phases.add("merge", t);
                Decisions.Outcome first = Decisions.apply(new ConflictSet(job.name(), job.theme(), srid, created, mergeConflicts), decisions);
                for (LayerMerge m : merges.values()) new Materializer(m).apply(first.conflicts().conflicts());
                t = phases.add("decisions", t);
                List<Conflict> detected = new SpatialChecks(job, new MergedView(merges, src, job), zoneNeighbours, spill).run();
                t = phases.add("detectors", t);
                Decisions.Outcome second = Decisions.apply(new ConflictSet(job.name(), job.theme(), srid, created, detected), decisions);
                applied += first.applied() + second.applied();
                outdated += first.outdated() + second.outdated();
                unknown.retainAll(first.unknownIds());
                unknown.retainAll(second.unknownIds());
                List<Conflict> found = new ArrayList<>(first.conflicts().conflicts());
                found.addAll(second.conflicts().conflicts());
                found.sort(ORDER);
                // kept until the end: geometries in a temporary file, or coordinates packed (the outputs are the same)
                found.replaceAll(c -> packer.packed(spill.spilled(c)));
                for (LayerMerge m : merges.values()) {
                    List<Conflict> lc = found.stream().filter(c -> c.layer().equals(m.layer())).toList();
                    List<Contribution.Change> ch = Contribution.of(m, lc, job.tolerances().geometry());
                    summaries.add(new SyncResult.LayerSummary(m.layer(), localRows.get(m.layer()), nationalRows(national, nationalRows, m.layer()) + effect.netChange(m.layer()),
                            nationalTaken(m), ch.size(), lc.size()));
                    t = phases.add("contribution", t);
                    if (!options.dryRun()) {
                        if (out == null) out = SyncOutputs.open(job, options, copy);
                        out.layer(m, lc, ch);
                        t = phases.add("merged file", t);
                    }
                }
                all.addAll(found);
            }
            all.sort(ORDER);
            all.replaceAll(spill::restored);
            ConflictSet set = new ConflictSet(job.name(), job.theme(), srid, created, all);
            List<String> unknownIds = new ArrayList<>(unknown);
            unknownIds.sort(null);
            if (out != null) {
                backup = out.commitMerged(written);
                t = phases.add("merged file", t);
                // conflicts.json and the QA report in its three forms beside it (docs/report.md); the two JSON documents streamed
                written.addAll(ReportFormat.writeWithConflicts(set, job.conflicts(), job.conflicts().toAbsolutePath().getParent(), "report"));
                t = phases.add("conflicts and reports", t);
                out.commitChanges(written);
                LineageJson.write(lineage, job.lineage());
                written.add(job.lineage());
                phases.add("changes and lineage", t);
            }
            return new SyncResult(summaries, set, unknownIds, applied, outdated,
                    twoWay, options.dryRun(), written, backup, lineage, effect.notes(), phases.millis());
        } finally {
            if (out != null) out.close();
            if (copy != null) copy.close();
            spill.close();
        }
    }

    /**
     * Reads one layer's three versions into {@code inputs}: on the delta path (an ancestor, every local row keyed) the
     * changed objects only, else whole layers; returns true when the layer is merged two-way (no ancestor).
     */
    private boolean read(Sources src, DiffEngine engine, boolean stateEmbedded, String layer, LayerAlignment al, Differential.Effect effect,
                         Map<String, DeltaReader.Restricted> inputs, Map<String, Long> localRows, Map<String, Long> nationalRows) {
        GpkgDataset national = src.national(), local = src.local(), ancestor = src.ancestor();
        Schema ns = national.schema(layer);
        Schema ls = local.schema(layer);
        boolean threeWay = ancestor != null && ancestor.layerNames().contains(layer);
        String localKey = ls.fields().get(al.localKey()).name();
        Map<String, Feature> overrides = threeWay && stateEmbedded ? SyncState.overrides(job.local(), local.connection(), layer, ns, job.key()) : null;
        Differential.Overlay natOverlay = src.nationalOverlay(layer, ns.fields().get(ns.indexOfIgnoreCase(job.key())).name());
        Differential.Overlay ancOverlay = threeWay ? src.ancestorOverlay(layer, job.key()) : Differential.Overlay.NONE;
        KeyScan.Result localKeys = null;
        if (threeWay) {
            // the delta path, unless a local row lacks a key (the diff engine refuses those: merged in memory below). The
            // local key pass that tells it comes after the diff (DeltaReader), which needs no other pass: when the diff
            // itself refuses the rows, the pass says whether that was for want of a key
            DeltaReader.Read d;
            try {
                d = new DeltaReader(job).read(engine, ancestor, national, local, layer, localKey, overrides, ancOverlay, natOverlay, effect);
            } catch (BdfsyncException e) {
                localKeys = KeyScan.scan(local, layer, localKey, Set.of());
                if (!localKeys.keyless()) throw e;
                d = null;
            }
            if (d != null) {
                inputs.put(layer, d.restricted());
                localRows.put(layer, d.localRows());
                nationalRows.put(layer, d.nationalRows());
                return false;
            }
        }
        localRows.put(layer, (localKeys != null ? localKeys : KeyScan.scan(local, layer, localKey, Set.of())).rows());
        // unkeyed local creations (the diff engine needs a key on every row) or no ancestor: merged in memory
        KeyedLayer nat = Differential.overlaid(KeyedLayer.read(national, layer, job.key(), job.key(), false), natOverlay, effect);
        KeyedLayer loc = KeyedLayer.read(local, layer, job.key(), localKey, true);
        if (threeWay) {
            KeyedLayer anc = Differential.overlaid(KeyedLayer.read(ancestor, layer, job.key(), job.key(), false), ancOverlay, null);
            inputs.put(layer, new DeltaReader.Restricted(DeltaReader.withOverrides(anc, overrides, ns), nat, loc, 0));
            return false;
        }
        inputs.put(layer, new DeltaReader.Restricted(null, nat, loc, 0));
        return true;
    }

    /** The national file's rows of a layer: as the diff counted them on the delta path, else by one pass. */
    private static long nationalRows(GpkgDataset national, Map<String, Long> counted, String layer) {
        Long n = counted.get(layer);
        return n != null ? n : KeyScan.count(national, layer);
    }

    /**
     * The layers in groups run one after the other, in the job's order: a group closes once it holds the partners
     * its detectors read together (zones with hedges, tronçons with cours d'eau) when the job has them, so the
     * outputs are written in the job's layer order whatever the grouping.
     */
    static List<List<String>> groups(List<String> layers) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Set<String> awaited = new HashSet<>();
        for (String layer : layers) {
            current.add(layer);
            awaited.remove(layer);
            String partner = partner(layer);
            if (partner != null && layers.contains(partner) && !current.contains(partner)) awaited.add(partner);
            if (awaited.isEmpty()) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        return out;
    }

    private static String partner(String layer) {
        switch (layer) {
            case SpatialChecks.ZONES: return SpatialChecks.HEDGES;
            case SpatialChecks.HEDGES: return SpatialChecks.ZONES;
            case SpatialChecks.TRONCONS: return SpatialChecks.RIVERS;
            case SpatialChecks.RIVERS: return SpatialChecks.TRONCONS;
            default: return null;
        }
    }

    private static GpkgDataset gpkg(Path p) {
        Dataset ds = Datasets.open(p);
        if (ds instanceof GpkgDataset) return unmapped((GpkgDataset) ds);
        ds.close();
        throw BdfsyncException.invalid(p, null, null, "sync reads GeoPackages only");
    }

    /**
     * Turns SQLite's memory map off for an input: the sync reads its inputs by SQL only for chosen rows (by fid,
     * by R-tree bounds) and for a few key-column scans, the bulk being read by the diff's own reader; mapped pages
     * would stay resident (counted in the process's RSS) for the whole run, up to the inputs' size.
     */
    private static GpkgDataset unmapped(GpkgDataset ds) {
        try (java.sql.Statement st = ds.connection().createStatement()) {
            st.execute("PRAGMA mmap_size = 0");
        } catch (java.sql.SQLException e) {
            ds.close();
            throw BdfsyncException.invalid(ds.path(), null, null, "cannot configure the SQLite connection: " + e.getMessage(), e);
        }
        return ds;
    }

    /**
     * Delta path: adds to the restricted layers the unchanged neighbours the detectors look at (zones near
     * touched zones or hedges, hedges near touched hedges or zones, tronçons near touched tronçons, and
     * tronçons that name a cours d'eau the edition deleted). Without hedges, the zones' neighbours serve the overlap
     * detector only: they are not added, but returned as a source it reads batch by batch ({@link ZoneNeighbours});
     * null otherwise.
     */
    private OverlapDetector.Neighbours widenForDetectors(GpkgDataset local, Map<String, DeltaReader.Restricted> inputs) {
        double d = Math.max(job.tolerances().snap(), job.tolerances().matchDistance());
        Map<String, List<Envelope>> around = new LinkedHashMap<>();
        // the tronçons' seeds serve twice: their envelopes here, and the network filter below (found once)
        List<fr.bdfsync.core.feature.GeometryValue> troncSeeds = null;
        for (String layer : List.of(SpatialChecks.ZONES, SpatialChecks.HEDGES, SpatialChecks.TRONCONS)) {
            // a zone's or hedge's nature decides double counting: there, attribute changes count too
            boolean attributes = inputs.containsKey(SpatialChecks.HEDGES) && !layer.equals(SpatialChecks.TRONCONS);
            if (inputs.containsKey(layer) && inputs.get(layer).ancestor() != null) {
                List<fr.bdfsync.core.feature.GeometryValue> seeds = ContextFetch.seeds(inputs.get(layer), attributes);
                if (layer.equals(SpatialChecks.TRONCONS)) troncSeeds = seeds;
                around.put(layer, ContextFetch.envelopes(seeds));
            }
        }
        List<fr.bdfsync.core.feature.GeometryValue> networkSeeds = troncSeeds;
        if (around.containsKey(SpatialChecks.ZONES) && around.containsKey(SpatialChecks.HEDGES)) {
            List<Envelope> both = new ArrayList<>(around.get(SpatialChecks.ZONES));
            both.addAll(around.get(SpatialChecks.HEDGES));
            around.put(SpatialChecks.ZONES, both);
            around.put(SpatialChecks.HEDGES, both);
        }
        OverlapDetector.Neighbours zones = null;
        if (around.containsKey(SpatialChecks.ZONES) && !inputs.containsKey(SpatialChecks.HEDGES)) {
            zones = ZoneNeighbours.of(local, inputs.get(SpatialChecks.ZONES), around.remove(SpatialChecks.ZONES));
        }
        // the network detector needs only some of the tronçons near a moved one (NetworkNeighbours); the overlap and
        // double-count detectors only objects whose envelope meets a touched one's: no widening there
        around.forEach((layer, envs) -> {
            DeltaReader.Restricted r = inputs.get(layer);
            NetworkNeighbours network = layer.equals(SpatialChecks.TRONCONS)
                    ? new NetworkNeighbours(job.tolerances().snap(), networkSeeds) : null;
            inputs.put(layer, ContextFetch.widen(job, local, r, envs, network == null ? 0 : d, network));
        });
        DeltaReader.Restricted rivers = inputs.get(SpatialChecks.RIVERS);
        DeltaReader.Restricted troncons = inputs.get(SpatialChecks.TRONCONS);
        if (rivers != null && troncons != null && rivers.ancestor() != null && troncons.ancestor() != null) {
            Set<String> destroyed = new HashSet<>(rivers.ancestor().byKey().keySet());
            destroyed.removeAll(rivers.national().byKey().keySet());
            inputs.put(SpatialChecks.TRONCONS, ContextFetch.add(job, troncons,
                    ContextFetch.referencing(local, troncons.local().schema(), SpatialChecks.RIVER_LINKS, destroyed)));
        }
        return zones;
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
