package fr.bdfsync.core.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookup from a local feature to the national key(s) it is attached to, for the diff: a local dataset without a
 * key column plus its links can be diffed as if it carried the national key. Only sure links count (uncertain
 * ones await review); a 1:n link gives several keys, an n:1 link gives the same key to several local features.
 */
public final class LinkIndex {
    private final Map<Long, List<Link>> byLocal;

    private LinkIndex(Map<Long, List<Link>> byLocal) {
        this.byLocal = byLocal;
    }

    public static LinkIndex of(List<Link> links) {
        Map<Long, List<Link>> m = new HashMap<>();
        for (Link l : links) if (l.status() == LinkStatus.SURE && l.nationalKey() != null) m.computeIfAbsent(l.localFid(), k -> new ArrayList<>()).add(l);
        return new LinkIndex(m);
    }

    /** The national key of a local feature when it has exactly one sure 1:1 or n:1 link. */
    public Optional<String> keyFor(long localFid) {
        List<Link> ls = byLocal.get(localFid);
        if (ls == null || ls.size() != 1) return Optional.empty();
        return Optional.of(ls.get(0).nationalKey());
    }

    /** Every national key a local feature is surely linked to (several for 1:n). */
    public List<String> keysFor(long localFid) {
        List<Link> ls = byLocal.get(localFid);
        if (ls == null) return List.of();
        List<String> out = new ArrayList<>();
        for (Link l : ls) out.add(l.nationalKey());
        return Collections.unmodifiableList(out);
    }

    /** The sure links of a local feature (with cardinality, to tell splits and merges apart). */
    public List<Link> linksFor(long localFid) {
        return byLocal.getOrDefault(localFid, List.of());
    }

    public int size() {
        return byLocal.size();
    }
}
