package fr.bdfsync.core.conflict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How urgently a reviewer should look: high blocks a contribution, low is informative. */
public enum Severity {
    HIGH, MEDIUM, LOW;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
