package fr.bdfsync.core.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.conflict.ConflictsJsonStream;

import org.locationtech.jts.geom.Geometry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** The three forms of the conflict report, each written atomically. */
public enum ReportFormat {
    /** The conflicts file with the full summary ({@link JsonReport}). */
    JSON,
    /** Layers and QGIS styles ({@link GpkgReport}). */
    GPKG,
    /** One self-contained page with a map ({@link HtmlReport}). */
    HTML;

    /** The usual file extension: "html", "gpkg", "json". */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Writes the three forms as {@code directory/baseName.html}, {@code .gpkg} and {@code .json}; returns their paths. */
    public static List<Path> writeAll(ConflictSet set, Path directory, String baseName) {
        return writeAll(set, null, directory, baseName);
    }

    /** As above, the JSON form built from {@code conflictsTree} (the set's conflicts.json tree, modified) when given. */
    public static List<Path> writeAll(ConflictSet set, com.fasterxml.jackson.databind.node.ObjectNode conflictsTree, Path directory, String baseName) {
        List<Path> written = new ArrayList<>();
        for (ReportFormat f : values()) {
            Path p = directory.resolve(baseName + "." + f.extension());
            if (f == JSON && conflictsTree != null) JsonReport.write(set, conflictsTree, p);
            else f.write(set, p);
            written.add(p);
        }
        return written;
    }

    /**
     * Writes {@code conflicts} ({@code bdfsync.conflicts/v1}) and the three report forms beside it as
     * {@code directory/baseName.json}, {@code .gpkg} and {@code .html}; conflicts.json and the JSON form are streamed
     * in one pass ({@link ConflictsJsonStream}: the same bytes as {@link ConflictsJson#write} and {@link JsonReport#write},
     * without a JSON tree of every conflict). The GeoPackage and HTML forms are written meanwhile, one after the other
     * on a thread of their own (each file's bytes are those of a writing alone: the writers only read the set). Each
     * file is atomic; on a failure the other writings are waited for, and the first failure (JSON, GeoPackage, HTML)
     * is thrown. Returns the paths: conflicts.json, then the forms as {@link #writeAll} gives them.
     */
    public static List<Path> writeWithConflicts(ConflictSet set, Path conflicts, Path directory, String baseName) {
        Path json = directory.resolve(baseName + "." + JSON.extension());
        Path gpkg = directory.resolve(baseName + "." + GPKG.extension());
        Path html = directory.resolve(baseName + "." + HTML.extension());
        ObjectNode summary = JsonReport.summaryJson(JsonNodeFactory.instance.objectNode(), ReportSummary.of(set));
        // the geometries' bounds are cached by JTS on first use: computed here, before the threads read them
        for (Conflict c : set.conflicts()) {
            for (Geometry g : new Geometry[]{c.ancestorGeometry(), c.nationalGeometry(), c.localGeometry()}) if (g != null) g.getEnvelopeInternal();
        }
        FutureTask<Void> others = new FutureTask<>(() -> {
            GPKG.write(set, gpkg);
            HTML.write(set, html);
            return null;
        });
        Thread t = new Thread(others, "bdfsync-report");
        t.setDaemon(true);
        t.start();
        RuntimeException failure = null;
        try {
            ConflictsJsonStream.write(set, List.of(new ConflictsJsonStream.Target(conflicts, null), new ConflictsJsonStream.Target(json, summary)));
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            others.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (failure == null) failure = new IllegalStateException("interrupted while writing the report", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Error err && failure == null) throw err;
            if (failure == null) failure = c instanceof RuntimeException r ? r : new IllegalStateException(c);
        }
        if (failure != null) throw failure;
        return List.of(conflicts, json, gpkg, html);
    }

    public void write(ConflictSet set, Path target) {
        switch (this) {
            case JSON: JsonReport.write(set, target); break;
            case GPKG: GpkgReport.write(set, target); break;
            default: HtmlReport.write(set, target);
        }
    }
}
