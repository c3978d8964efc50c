package fr.bdfsync.core;

/**
 * The one table of process exit codes. Every {@link BdfsyncException} carries one;
 * the command line maps them to the process status and nowhere else.
 */
public enum ExitCode {
    /** Success, nothing to report. */
    OK(0, "success"),
    /** The job ran and found differences or open conflicts (like diff(1) and kart with --exit-code). */
    DIFFERENCES(1, "differences or open conflicts found"),
    /** Bad command line: unknown option, missing argument, contradictory options. */
    USAGE(2, "usage error"),
    /** An input file or layer does not exist or cannot be read. */
    NOT_FOUND(3, "input not found"),
    /** An input exists but is not what it claims: corrupt file, wrong format, unparsable geometry or value. */
    INVALID_INPUT(4, "invalid input"),
    /** A CRS is missing, unknown or cannot be transformed. */
    CRS(5, "coordinate reference system error"),
    /** Schemas or keys do not allow the operation: missing key column, duplicate or null keys, incompatible types. */
    SCHEMA(6, "schema or key error"),
    /** An output could not be written (nothing was left under the final name). */
    OUTPUT(7, "output error"),
    /** A package failed verification: signature, checksum, format version or label scope. */
    VERIFICATION(8, "verification failed"),
    /** A bug: an unexpected error inside bdfsync. */
    INTERNAL(70, "internal error");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
