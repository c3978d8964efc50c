package fr.bdfsync.core.pkg;

/** Why a change is not packaged or not applied: a stable reason code and a one-line detail. */
public record Refusal(String reason, String detail) {
    public static final String INVALID_GEOMETRY = "invalid-geometry";
    public static final String OUT_OF_SCOPE = "out-of-scope";
    public static final String VALUE_LIST = "value-list";
    public static final String MANDATORY = "mandatory";
    public static final String STALE_BASE = "stale-base";
    public static final String MISSING = "missing";
    public static final String ALREADY_EXISTS = "already-exists";
    public static final String AMBIGUOUS_KEY = "ambiguous-key";
    public static final String UNKNOWN_LAYER = "unknown-layer";
    public static final String UNKNOWN_ATTRIBUTE = "unknown-attribute";

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
