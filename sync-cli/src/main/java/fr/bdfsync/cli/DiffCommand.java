package fr.bdfsync.cli;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.diff.AttributeMapping;
import fr.bdfsync.core.diff.DiffEngine;
import fr.bdfsync.core.diff.DiffGpkgWriter;
import fr.bdfsync.core.diff.DiffJsonWriter;
import fr.bdfsync.core.diff.CatalogDiffSettings;
import fr.bdfsync.core.diff.DiffSettings;
import fr.bdfsync.core.Phases;
import fr.bdfsync.core.theme.ThemeCatalog;
import fr.bdfsync.core.diff.DiffTextWriter;
import fr.bdfsync.core.diff.LayerDiff;
import fr.bdfsync.core.diff.LinkedKeys;
import fr.bdfsync.core.diff.ThreeWayLayer;
import fr.bdfsync.core.io.AtomicOutput;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bdfsync diff}: keyed, tolerance-aware two-way (A → B) or three-way (with --ancestor) diff. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two GeoPackages feature by feature, by key (cleabs, --key COLUMN, or the primary key).",
                "Two-way (A -> B) by default; with --ancestor ANC, three-way: ANC is the ancestor, A the national side, B the local side."})
public final class DiffCommand implements Callable<Integer> {
    enum Format { text, json, gpkg }

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "Old (two-way) or national (three-way) GeoPackage.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "New (two-way) or local (three-way) GeoPackage.")
    Path b;

    @Option(names = "--ancestor", paramLabel = "ANC", description = "Common ancestor: run a three-way diff.")
    Path ancestor;

    @Option(names = "--layer", paramLabel = "L", description = "Layer to compare (repeatable; default: every layer).")
    List<String> layers = new ArrayList<>();

    @Option(names = "--key", paramLabel = "COLUMN", description = "Key column (default: cleabs, or ID, else the primary key).")
    String key;

    @Option(names = "--tolerance", paramLabel = "M", description = "Planimetric tolerance in metres for every layer (default: the theme catalogue's per layer, "
            + "e.g. 1.25 m for troncon_hydrographique, following each feature's precision_planimetrique when larger; 0.001 for layers outside the catalogue).")
    Double tolerance;

    @Option(names = "--z-tolerance", paramLabel = "M", description = "Z tolerance in metres (default 0.01).")
    Double zTolerance;

    @Option(names = "--unkeyed-by-fid", description = "Identify rows without a key by their fid (key fid:N) instead of refusing them: "
            + "a producer's new objects, which have no cleabs yet, then show as inserts.")
    boolean unkeyedByFid;

    @Option(names = "--follow-precision", description = "With --tolerance: also use a feature's precision_planimetrique as its tolerance when larger (the default without --tolerance).")
    boolean followPrecision;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Attribute mapping (bdfsync.mapping/v1 JSON): column and layer renames.")
    Path mapping;

    @Option(names = "--links", paramLabel = "LINKS.gpkg", description = {"Key the local side (B) by the links of bdfsync attach instead of a key column:"
            + " the links GeoPackage of attach --output, or a sync state (where confirmed and rejected decisions count).",
            "A local row takes the national key of its sure (or confirmed) link; a row without one is an insert (key fid:N);"
            + " rows of n:1 or 1:n links are left out and listed on stderr."})
    Path links;

    @Option(names = "--format", paramLabel = "FMT", description = "text (default), json or gpkg.")
    Format format = Format.text;

    @Option(names = "--output", paramLabel = "F", description = "Write to this file (required for gpkg; default stdout).")
    Path output;

    @Option(names = "--summary", description = "Text: counts per layer only, no per-feature lines.")
    boolean summary;

    @Option(names = "--exit-code", description = "Exit with 1 when there are differences.")
    boolean exitCode;

    @Option(names = "--timings", description = "Also print, on stderr, the wall and CPU time spent per phase (for benchmarks).")
    boolean timings;

    @Option(names = "--threads", paramLabel = "N", description = "Reader threads (default: 2).")
    int threads = 2;

    @Override
    public Integer call() throws IOException {
        if (format == Format.gpkg && output == null) throw BdfsyncException.usage("--format gpkg needs --output FILE");
        if (tolerance != null && !(tolerance >= 0)) throw BdfsyncException.usage("--tolerance must be >= 0");
        if (zTolerance != null && !(zTolerance >= 0)) throw BdfsyncException.usage("--z-tolerance must be >= 0");
        AttributeMapping map = mapping == null ? AttributeMapping.NONE : AttributeMapping.read(mapping);
        LinkedKeys linkedKeys = links == null ? null : LinkedKeys.read(links);
        if (linkedKeys != null) map = linkedKeys.withLayerAliases(map);
        // the catalogue's tolerances unless the user gives one: then it applies as given (precision followed only on request)
        DiffSettings settings = new CatalogDiffSettings(ThemeCatalog.bundled())
                .overriddenBy(key, tolerance, zTolerance, followPrecision ? Boolean.TRUE : (tolerance != null ? Boolean.FALSE : null));
        boolean progress = System.console() != null && output != null;
        boolean differences = false;
        try (GpkgDataset da = GpkgDataset.open(a); GpkgDataset db = GpkgDataset.open(b);
             GpkgDataset d0 = ancestor == null ? null : GpkgDataset.open(ancestor);
             DiffEngine engine = new DiffEngine(settings, map, threads,
                     unkeyedByFid ? DiffEngine.UnkeyedRows.BY_FID : DiffEngine.UnkeyedRows.REFUSE)) {
            if (linkedKeys != null) engine.withLinks(db, linkedKeys);
            Phases clock = timings ? Phases.withCpu() : null;
            engine.withTimings(clock);
            List<String> names = d0 == null ? engine.layers(layers, da, db) : engine.layers(layers, d0, da, db);
            if (linkedKeys != null) reportLinks(linkedKeys, names);
            Sink sink = openSink();
            try {
                sink.header(d0 == null ? null : ancestor.toString());
                for (String layer : names) {
                    if (progress) System.err.println("bdfsync diff: layer " + layer + "...");
                    if (d0 == null) {
                        LayerDiff d = engine.twoWay(da, db, layer);
                        differences |= !d.isEmpty();
                        sink.layer(d);
                    } else {
                        ThreeWayLayer t = engine.threeWay(d0, da, db, layer);
                        differences |= !t.isEmpty();
                        sink.layer(t);
                    }
                    if (clock != null) clock.mark("output");
                }
                sink.commit();
            } finally {
                sink.close();
            }
            if (clock != null) {
                clock.mark("output");
                spec.commandLine().getErr().println("timings: " + PhaseText.of(clock));
                spec.commandLine().getErr().flush();
            }
        }
        return exitCode && differences ? ExitCode.DIFFERENCES.code() : ExitCode.OK.code();
    }

    /** Groups listed per layer on stderr; the count is always given. */
    private static final int GROUPS_LISTED = 20;

    /** What the links give each layer: rows keyed, and the n:1 / 1:n groups left out (never a silent pick). */
    private void reportLinks(LinkedKeys linkedKeys, List<String> names) {
        PrintWriter err = spec.commandLine().getErr();
        for (String layer : names) {
            if (!linkedKeys.covers(layer)) continue;
            List<LinkedKeys.Group> groups = linkedKeys.groups(layer);
            int rows = 0;
            for (LinkedKeys.Group g : groups) rows += g.localFids().size();
            err.println("bdfsync diff: " + layer + " <- " + linkedKeys.localLayer(layer) + ": " + linkedKeys.linkedCount(layer)
                    + " local rows keyed by their links; " + groups.size() + " groups of links that are not one to one left out ("
                    + rows + " local rows)" + (groups.isEmpty() ? "" : ":"));
            for (int i = 0; i < Math.min(GROUPS_LISTED, groups.size()); i++) {
                LinkedKeys.Group g = groups.get(i);
                err.println("  " + g.cardinality() + " local fids " + g.localFids() + " -> " + String.join(", ", g.nationalKeys()));
            }
            if (groups.size() > GROUPS_LISTED) err.println("  ... " + (groups.size() - GROUPS_LISTED) + " more");
        }
        err.flush();
    }

    /** Where the layers go, one at a time. */
    private interface Sink extends AutoCloseable {
        void header(String ancestorPath);

        void layer(LayerDiff d);

        void layer(ThreeWayLayer t);

        void commit();

        @Override
        void close();
    }

    private Sink openSink() throws IOException {
        if (format == Format.gpkg) {
            DiffGpkgWriter w = DiffGpkgWriter.create(output);
            return new Sink() {
                public void header(String anc) { }
                public void layer(LayerDiff d) { w.layer(d); }
                public void layer(ThreeWayLayer t) { w.layer(t); }
                public void commit() { w.commit(); }
                public void close() { w.close(); }
            };
        }
        AtomicOutput atomic = output == null ? null : AtomicOutput.begin(output);
        Writer raw = atomic == null ? spec.commandLine().getOut() : new OutputStreamWriter(Files.newOutputStream(atomic.temporary()), StandardCharsets.UTF_8);
        PrintWriter pw = raw instanceof PrintWriter ? (PrintWriter) raw : new PrintWriter(new java.io.BufferedWriter(raw, 1 << 16));
        String aName = a.toString(), bName = b.toString();
        if (format == Format.json) {
            DiffJsonWriter w = new DiffJsonWriter(pw);
            return new Sink() {
                public void header(String anc) { w.begin(aName, bName, anc); }
                public void layer(LayerDiff d) { w.layer(d); }
                public void layer(ThreeWayLayer t) { w.layer(t); }
                public void commit() { w.end(); pw.flush(); if (atomic != null) { pw.close(); atomic.commit(); } }
                public void close() { if (atomic != null) { pw.close(); atomic.close(); } }
            };
        }
        DiffTextWriter w = new DiffTextWriter(pw, !summary);
        return new Sink() {
            public void header(String anc) { w.header(null, aName, bName, anc); }
            public void layer(LayerDiff d) { w.layer(d); }
            public void layer(ThreeWayLayer t) { w.layer(t); }
            public void commit() { w.flush(); if (atomic != null) { pw.close(); atomic.commit(); } }
            public void close() { if (atomic != null) { pw.close(); atomic.close(); } }
        };
    }
}
