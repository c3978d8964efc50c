package fr.bdfsync.core.conflict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a resolution takes: one of the three versions, a deletion, or explicit values. */
public enum Choice {
    NATIONAL, LOCAL, ANCESTOR, DELETE, VALUES;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Choice fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
