package fr.bdfsync.core.conflict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a conflict stands. */
public enum ConflictStatus {
    /** Waits for a reviewer. */
    OPEN,
    /** Resolved automatically: one side is authoritative for what conflicts (the resolution names the rule). */
    RESOLVED_BY_AUTHORITY,
    /** Resolved by a reviewer's decision from a resolution file. */
    RESOLVED_BY_DECISION,
    /** A decision exists for this id but the conflict's content changed since: flagged, not applied. */
    DECISION_OUTDATED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConflictStatus fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }

    public boolean isResolved() {
        return this == RESOLVED_BY_AUTHORITY || this == RESOLVED_BY_DECISION;
    }
}
