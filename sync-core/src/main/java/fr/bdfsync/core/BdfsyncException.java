package fr.bdfsync.core;

import java.nio.file.Path;

/**
 * Root of every error bdfsync reports to a user. The message is one line naming the file,
 * the layer and the feature concerned (when known) and what is wrong; the exit code says which kind.
 */
public class BdfsyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public BdfsyncException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public BdfsyncException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Builds "file: layer 'x': feature 'k': what" leaving out the parts that are null. */
    public static String where(Path file, String layer, Object feature, String what) {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file).append(": ");
        if (layer != null) sb.append("layer '").append(layer).append("': ");
        if (feature != null) sb.append("feature ").append(feature).append(": ");
        sb.append(what);
        return sb.toString();
    }

    public static BdfsyncException notFound(Path file, String what) {
        return new BdfsyncException(ExitCode.NOT_FOUND, where(file, null, null, what));
    }

    public static BdfsyncException invalid(Path file, String layer, Object feature, String what) {
        return new BdfsyncException(ExitCode.INVALID_INPUT, where(file, layer, feature, what));
    }

    public static BdfsyncException invalid(Path file, String layer, Object feature, String what, Throwable cause) {
        return new BdfsyncException(ExitCode.INVALID_INPUT, where(file, layer, feature, what), cause);
    }

    public static BdfsyncException crs(Path file, String layer, String what) {
        return new BdfsyncException(ExitCode.CRS, where(file, layer, null, what));
    }

    public static BdfsyncException schema(Path file, String layer, String what) {
        return new BdfsyncException(ExitCode.SCHEMA, where(file, layer, null, what));
    }

    public static BdfsyncException output(Path file, String what, Throwable cause) {
        return new BdfsyncException(ExitCode.OUTPUT, where(file, null, null, what), cause);
    }

    public static BdfsyncException usage(String what) {
        return new BdfsyncException(ExitCode.USAGE, what);
    }
}
