package fr.bdfsync.core.conflict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A reviewer's decision on one conflict, as kept in a resolution file: the conflict id, the choice,
 * explicit values when the choice is {@link Choice#VALUES}, and the content hash of the conflict as the
 * reviewer saw it (null to apply whatever the content; a rerun flags a decision whose hash no longer matches).
 */
public record Decision(String id, Choice choice, Map<String, Object> values, String contentHash, String note) {
    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(choice, "choice");
        values = values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
