package fr.bdfsync.core.pkg;

import java.util.List;

/** The entry names of format v1, in their fixed zip order. */
public final class PackageEntries {
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String CHANGES = "changes.gpkg";
    public static final String QA_CONFLICTS = "qa/conflicts.json";
    public static final List<String> ORDER = List.of(MANIFEST, SIGNATURE, CHANGES, QA_CONFLICTS);

    private PackageEntries() {
    }
}
