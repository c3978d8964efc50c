package fr.bdfsync.core.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which local and national features are explained whole: a local feature by a {@link Relation#SAME} candidate of
 * confidence at least {@code sure}; a national feature by such a candidate from some local feature, or by a sure 1:1
 * link kept from an earlier run. A part relation between a local feature and a national one is redundant when both
 * are explained whole by others: the local by another national, the national by another local.
 */
final class WholeMatches {
    /** National key to the local fid that explains it whole, or {@link #SEVERAL} when more than one does. */
    private final Map<String, Long> nationalOwner;
    private final Set<Long> wholeLocals;
    private static final long SEVERAL = Long.MIN_VALUE;

    private WholeMatches(Map<String, Long> nationalOwner, Set<Long> wholeLocals) {
        this.nationalOwner = nationalOwner;
        this.wholeLocals = wholeLocals;
    }

    static WholeMatches of(Map<Long, List<Candidate>> candidates, Collection<Link> kept, double sure) {
        Map<String, Long> owner = new HashMap<>();
        Set<Long> whole = new HashSet<>();
        for (List<Candidate> cs : candidates.values()) {
            for (Candidate c : cs) {
                if (c.relation() == Relation.SAME && c.confidence() >= sure) {
                    whole.add(c.localFid());
                    own(owner, c.nationalKey(), c.localFid());
                }
            }
        }
        for (Link l : kept) {
            if (l.status() == LinkStatus.SURE && l.cardinality() == Cardinality.ONE_TO_ONE && l.nationalKey() != null) {
                own(owner, l.nationalKey(), l.localFid());
            }
        }
        return new WholeMatches(owner, whole);
    }

    private static void own(Map<String, Long> owner, String key, long localFid) {
        owner.merge(key, localFid, (a, b) -> a.longValue() == b.longValue() ? a : SEVERAL);
    }

    /** Whether the part relation of candidate {@code c} (either direction) is explained away by two whole matches. */
    boolean redundantPart(Candidate c) {
        if (c.relation() == Relation.SAME || !wholeLocals.contains(c.localFid())) return false;
        Long owner = nationalOwner.get(c.nationalKey());
        return owner != null && owner.longValue() != c.localFid();
    }

    /** {@code cs} without its redundant part candidates (the same list when it has none). */
    List<Candidate> withoutRedundantParts(List<Candidate> cs) {
        List<Candidate> out = null;
        for (int i = 0; i < cs.size(); i++) {
            Candidate c = cs.get(i);
            if (redundantPart(c)) {
                if (out == null) out = new ArrayList<>(cs.subList(0, i));
            } else if (out != null) {
                out.add(c);
            }
        }
        return out == null ? cs : out;
    }
}
