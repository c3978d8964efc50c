package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.ConflictSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    public void write(ConflictSet set, Path target) {
        switch (this) {
            case JSON: JsonReport.write(set, target); break;
            case GPKG: GpkgReport.write(set, target); break;
            default: HtmlReport.write(set, target);
        }
    }
}
