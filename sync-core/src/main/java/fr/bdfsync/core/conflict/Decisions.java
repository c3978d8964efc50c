package fr.bdfsync.core.conflict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a resolution file's decisions to a conflict set: a decision whose id matches and whose content
 * hash matches (or is absent) resolves its conflict; one whose content changed flags the conflict
 * {@link ConflictStatus#DECISION_OUTDATED}; decisions naming ids that no longer exist are reported in
 * {@link Outcome#unknownIds()}, never dropped silently.
 */
public final class Decisions {
    private Decisions() {
    }

    /** The updated conflicts and the ids of decisions that matched no conflict. */
    public record Outcome(ConflictSet conflicts, List<String> unknownIds, int applied, int outdated) {
        public Outcome {
            unknownIds = List.copyOf(unknownIds);
        }
    }

    public static Outcome apply(ConflictSet set, List<Decision> decisions) {
        Map<String, Decision> byId = new LinkedHashMap<>();
        for (Decision d : decisions) byId.put(d.id(), d);
        List<Conflict> out = new ArrayList<>(set.conflicts().size());
        int applied = 0, outdated = 0;
        for (Conflict c : set.conflicts()) {
            Decision d = byId.remove(c.id());
            if (d == null) {
                out.add(c);
            } else if (d.contentHash() != null && c.contentHash() != null && !d.contentHash().equals(c.contentHash())) {
                out.add(c.withStatus(ConflictStatus.DECISION_OUTDATED, c.resolution()));
                outdated++;
            } else {
                out.add(c.withStatus(ConflictStatus.RESOLVED_BY_DECISION, new Resolution(d.choice(), d.values(), "decision")));
                applied++;
            }
        }
        return new Outcome(set.withConflicts(out), new ArrayList<>(byId.keySet()), applied, outdated);
    }
}
