package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.ConflictSet;

import java.nio.file.Path;

/** The three forms of the conflict report, each written atomically. */
public enum ReportFormat {
    /** The conflicts file with the full summary ({@link JsonReport}). */
    JSON,
    /** Layers and QGIS styles ({@link GpkgReport}). */
    GPKG,
    /** One self-contained page with a map ({@link HtmlReport}). */
    HTML;

    public void write(ConflictSet set, Path target) {
        switch (this) {
            case JSON: JsonReport.write(set, target); break;
            case GPKG: GpkgReport.write(set, target); break;
            default: HtmlReport.write(set, target);
        }
    }
}
