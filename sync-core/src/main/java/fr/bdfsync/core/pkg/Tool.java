package fr.bdfsync.core.pkg;

/** The tool name and version written into manifests. */
final class Tool {
    private Tool() {
    }

    static String version() {
        String v = Tool.class.getPackage().getImplementationVersion();
        return "bdfsync " + (v == null ? "dev" : v);
    }
}
