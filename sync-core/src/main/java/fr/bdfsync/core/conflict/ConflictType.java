package fr.bdfsync.core.conflict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The conflict taxonomy (DESIGN.md §2), each with its JSON code, a default severity and a one-line meaning. */
public enum ConflictType {
    EDIT_EDIT_ATTRIBUTE(Severity.MEDIUM, "the same attribute was changed differently on both sides"),
    EDIT_EDIT_GEOMETRY(Severity.HIGH, "the geometry was changed differently on both sides"),
    DELETE_EDIT(Severity.HIGH, "deleted nationally, edited locally"),
    EDIT_DELETE(Severity.HIGH, "edited nationally, deleted locally"),
    INSERT_INSERT(Severity.MEDIUM, "created on both sides: the two creations describe the same object"),
    INVALID_GEOMETRY(Severity.HIGH, "the merge would produce an invalid geometry"),
    OVERLAP(Severity.MEDIUM, "after merge, vegetation zones overlap that did not overlap before"),
    DISCONNECTED(Severity.MEDIUM, "after merge, a tronçon end no longer meets the network"),
    DANGLING_REFERENCE(Severity.MEDIUM, "after merge, a reference points to a destroyed object"),
    DOUBLE_COUNTED(Severity.LOW, "after merge, the same hedge is counted twice (line and polygon)"),
    SCOPE(Severity.HIGH, "a local change outside the community's label (theme, attribute or territory)"),
    STALE_BASE(Severity.HIGH, "the national object changed since the change was made");

    private final Severity defaultSeverity;
    private final String meaning;

    ConflictType(Severity defaultSeverity, String meaning) {
        this.defaultSeverity = defaultSeverity;
        this.meaning = meaning;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String meaning() {
        return meaning;
    }

    /** JSON code: "edit_edit_attribute". */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConflictType fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
