package fr.bdfsync.core.conflict;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a conflict is (or is suggested to be) resolved: the choice, explicit values when the choice is
 * {@link Choice#VALUES}, and the rule that decided (e.g. {@code authority:IGN},
 * {@code authority:community:ddt-35}, {@code decision}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resolution(Choice choice, Map<String, Object> values, String rule) {
    public Resolution {
        values = values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Resolution of(Choice choice, String rule) {
        return new Resolution(choice, null, rule);
    }
}
