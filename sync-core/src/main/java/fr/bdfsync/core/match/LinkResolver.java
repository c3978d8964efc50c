package fr.bdfsync.core.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns scored candidates into links. For each local feature the options are: its best {@link Relation#SAME}
 * candidates (1:1), the national features that are parts of it (1:n, when they cover it), and the national feature
 * it is a part of (n:1 when other local parts of the same national feature exist, else a partial 1:1). The best
 * option wins when it is clearly better than the next option pointing elsewhere; otherwise the local feature is
 * ambiguous and every close option becomes an uncertain link (never a silent pick). A national feature claimed as
 * 1:1 by several local features is contested: those links are uncertain too. Parts that do not cover their whole
 * (coverage sum below {@link Thresholds#groupCoverage()}) keep their confidence but are uncertain ("partial
 * coverage"): a local line digitising half a tronçon is worth a review, not a silent link nor a silent miss.
 * <p>
 * A part relation between a local feature and a national one is dropped when each of them is already explained whole
 * by someone else: the local feature by a sure-grade {@link Relation#SAME} candidate of its own, the national one by a
 * sure-grade SAME candidate from another local feature (or a sure 1:1 link kept from an earlier run). That is what
 * nested or overlapping zones give on a dense local layer: the copy of a small zone lies inside a large zone whose own
 * copy is also there; counting the small copy as a part of the large zone would make a second, false explanation of
 * both, and an ambiguity with the true one ({@code docs/attach.md}, "Dense local layers").
 */
public final class LinkResolver {
    private final Thresholds t;

    public LinkResolver(Thresholds thresholds) {
        this.t = thresholds;
    }

    private record Option(double confidence, Cardinality cardinality, List<Candidate> parts, String reason) {
        Set<String> keys() {
            Set<String> s = new TreeSet<>();
            for (Candidate c : parts) s.add(c.nationalKey());
            return s;
        }
    }

    /** Links for every local fid of {@code localFids}, in that order; candidates keyed by local fid. */
    public List<Link> resolve(Iterable<Long> localFids, Map<Long, List<Candidate>> candidates) {
        return resolve(localFids, candidates, List.of());
    }

    /**
     * As {@link #resolve(Iterable, Map)}, with the links kept from an earlier run ({@code kept}: reused or decided by
     * a user) for the other local features: their sure 1:1 links explain their national features whole.
     */
    public List<Link> resolve(Iterable<Long> localFids, Map<Long, List<Candidate>> candidates, Collection<Link> kept) {
        WholeMatches whole = WholeMatches.of(candidates, kept, t.sure());
        Map<Long, List<Candidate>> relevant = new HashMap<>();
        for (Map.Entry<Long, List<Candidate>> e : candidates.entrySet()) relevant.put(e.getKey(), whole.withoutRedundantParts(e.getValue()));
        Map<String, List<Candidate>> localPartsByNational = new HashMap<>();
        for (List<Candidate> cs : relevant.values()) {
            for (Candidate c : cs) {
                if (c.relation() == Relation.LOCAL_PART_OF_NATIONAL && c.confidence() >= t.uncertain()) {
                    localPartsByNational.computeIfAbsent(c.nationalKey(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        Map<Long, List<Link>> chosen = new LinkedHashMap<>();
        for (long fid : localFids) chosen.put(fid, decide(fid, relevant.getOrDefault(fid, List.of()), localPartsByNational));
        markContested(chosen);
        List<Link> out = new ArrayList<>();
        for (List<Link> ls : chosen.values()) out.addAll(ls);
        return out;
    }

    private List<Link> decide(long fid, List<Candidate> cs, Map<String, List<Candidate>> localPartsByNational) {
        List<Option> options = new ArrayList<>();
        List<Candidate> nationalParts = new ArrayList<>();
        for (Candidate c : cs) {
            if (c.confidence() < t.uncertain()) continue;
            switch (c.relation()) {
                case SAME:
                    options.add(new Option(c.confidence(), Cardinality.ONE_TO_ONE, List.of(c), ""));
                    break;
                case LOCAL_PART_OF_NATIONAL:
                    options.add(partOption(c, localPartsByNational.getOrDefault(c.nationalKey(), List.of(c))));
                    break;
                case NATIONAL_PART_OF_LOCAL:
                    nationalParts.add(c);
                    break;
                default:
                    throw new IllegalStateException();
            }
        }
        if (nationalParts.size() >= 2) options.add(manyOption(nationalParts));
        else if (nationalParts.size() == 1) {
            Candidate c = nationalParts.get(0);
            // a single national part of a larger local feature: only a partial link
            options.add(new Option(lonePart(c.confidence(), c.score().coverage()), Cardinality.ONE_TO_ONE, List.of(c), "partial coverage"));
        }
        supersede(options);
        if (options.isEmpty()) return List.of(Link.unmatched(fid));
        options.sort(Comparator.comparingDouble(Option::confidence).reversed());
        Option best = options.get(0);
        if (best.confidence() < t.uncertain()) return List.of(Link.unmatched(fid));
        List<Option> rivals = new ArrayList<>();
        for (Option o : options.subList(1, options.size())) {
            if (o.confidence() >= best.confidence() - t.ambiguityMargin() && !o.keys().equals(best.keys())
                    && !o.keys().containsAll(best.keys()) && !best.keys().containsAll(o.keys())) rivals.add(o);
        }
        List<Link> links = new ArrayList<>(toLinks(fid, best, rivals.isEmpty() ? "" : "ambiguous"));
        for (Option r : rivals) links.addAll(toLinks(fid, r, "ambiguous"));
        return links;
    }

    /**
     * A complete group (1:n or n:1 whose parts cover the whole) explains more than a SAME link to one of its keys:
     * it replaces it (a local zone merging two national ones is also rather like the larger one). A lone partial
     * link to a key that also has a SAME option adds nothing: it goes.
     */
    private static void supersede(List<Option> options) {
        Set<String> groupKeys = new java.util.HashSet<>();
        Set<String> sameKeys = new java.util.HashSet<>();
        for (Option o : options) {
            if (o.cardinality() != Cardinality.ONE_TO_ONE && o.reason().isEmpty()) groupKeys.addAll(o.keys());
            if (o.cardinality() == Cardinality.ONE_TO_ONE && o.parts().get(0).relation() == Relation.SAME) sameKeys.addAll(o.keys());
        }
        options.removeIf(o -> o.cardinality() == Cardinality.ONE_TO_ONE && o.parts().get(0).relation() == Relation.SAME
                && groupKeys.containsAll(o.keys()));
        options.removeIf(o -> o.cardinality() == Cardinality.ONE_TO_ONE && o.parts().get(0).relation() != Relation.SAME
                && sameKeys.containsAll(o.keys()) && !groupKeys.containsAll(o.keys()));
    }

    private Option partOption(Candidate c, List<Candidate> siblings) {
        double coverage = 0;
        for (Candidate s : siblings) coverage += s.score().coverage();
        double conf = coverage >= t.groupCoverage() ? c.confidence() : lonePart(c.confidence(), Math.min(1, coverage));
        if (siblings.size() >= 2) return new Option(conf, Cardinality.MANY_TO_ONE, List.of(c), coverage >= t.groupCoverage() ? "" : "partial coverage");
        return new Option(conf, Cardinality.ONE_TO_ONE, List.of(c), coverage >= t.groupCoverage() ? "" : "partial coverage");
    }

    /**
     * Confidence of parts that do not cover their whole: halved at zero coverage, full at the group coverage. They stay
     * visible for review (a river reach of a large national surface) but lose to a SAME link of comparable quality.
     */
    private double lonePart(double confidence, double coverage) {
        return confidence * (0.5 + 0.5 * Math.min(1, coverage / t.groupCoverage()));
    }

    private Option manyOption(List<Candidate> parts) {
        double coverage = 0;
        double min = 1;
        for (Candidate c : parts) {
            coverage += c.score().coverage();
            min = Math.min(min, c.confidence());
        }
        double conf = coverage >= t.groupCoverage() ? min : lonePart(min, Math.min(1, coverage));
        List<Candidate> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparing(Candidate::nationalKey));
        return new Option(conf, Cardinality.ONE_TO_MANY, sorted, coverage >= t.groupCoverage() ? "" : "partial coverage");
    }

    private List<Link> toLinks(long fid, Option o, String reason) {
        LinkStatus status = !reason.isEmpty() || !o.reason().isEmpty() || o.confidence() < t.sure() ? LinkStatus.UNCERTAIN : LinkStatus.SURE;
        String why = reason.isEmpty() ? o.reason() : reason;
        String group = o.cardinality() == Cardinality.MANY_TO_ONE ? "N" + o.parts().get(0).nationalKey() : "L" + fid;
        List<Link> out = new ArrayList<>();
        for (Candidate c : o.parts()) {
            out.add(new Link(fid, c.nationalFid(), c.nationalKey(), o.cardinality(), round(o.confidence()), c.score().rule(),
                    status, group, why, c.score().measures()));
        }
        return out;
    }

    /** A national feature surely claimed 1:1 by more than one local feature: none of those claims stays sure. */
    private static void markContested(Map<Long, List<Link>> chosen) {
        Map<String, Integer> claims = new HashMap<>();
        for (List<Link> ls : chosen.values()) {
            for (Link l : ls) {
                if (l.cardinality() == Cardinality.ONE_TO_ONE && l.nationalKey() != null && l.status() == LinkStatus.SURE) claims.merge(l.nationalKey(), 1, Integer::sum);
            }
        }
        for (Map.Entry<Long, List<Link>> e : chosen.entrySet()) {
            List<Link> ls = e.getValue();
            for (int i = 0; i < ls.size(); i++) {
                Link l = ls.get(i);
                if (l.cardinality() == Cardinality.ONE_TO_ONE && l.nationalKey() != null && claims.getOrDefault(l.nationalKey(), 0) > 1
                        && l.status() == LinkStatus.SURE) {
                    ls.set(i, l.withStatus(LinkStatus.UNCERTAIN, "contested"));
                }
            }
        }
    }

    static double round(double c) {
        return Math.round(c * 1e4) / 1e4;
    }
}
