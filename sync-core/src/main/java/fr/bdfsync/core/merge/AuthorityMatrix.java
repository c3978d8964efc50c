package fr.bdfsync.core.merge;

import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is authoritative for what. The most specific matching rule wins (attribute, then layer, then
 * theme; file order breaks ties). A community rule applies only to features within that community's
 * territory; outside it, the next matching rule is used. When no rule matches, the attribute is shared.
 * <p>
 * {@link #defaults(Label, String)} is the matrix used when a job names none: IGN for the geometry and the
 * key, the label's community for the attributes it is labelled for (within its territory), shared for the rest.
 */
public final class AuthorityMatrix {
    private final List<AuthorityRule> rules;
    private final Map<String, Territory> territories;

    public AuthorityMatrix(List<AuthorityRule> rules, Map<String, Territory> territories) {
        List<AuthorityRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(AuthorityRule::specificity).reversed()); // stable: file order kept on ties
        this.rules = List.copyOf(sorted);
        this.territories = Map.copyOf(territories);
    }

    public static AuthorityMatrix defaults(Label label, String keyColumn) {
        List<AuthorityRule> rules = new ArrayList<>();
        rules.add(new AuthorityRule(null, null, AuthorityRule.GEOMETRY, Authority.IGN));
        rules.add(new AuthorityRule(null, null, keyColumn, Authority.IGN));
        Map<String, Territory> territories = new LinkedHashMap<>();
        if (label != null) {
            Authority community = Authority.community(label.community());
            label.attributes().forEach((layer, attrs) -> {
                for (String a : attrs) {
                    if (a.equals(AuthorityRule.GEOMETRY) || a.equals(keyColumn)) continue;
                    rules.add(new AuthorityRule(label.theme(), layer, a, community));
                }
            });
            territories.put(label.community(), label.territory());
        }
        return new AuthorityMatrix(rules, territories);
    }

    /** This matrix with the label's territory known (a matrix file may name the label's community without its territory). */
    public AuthorityMatrix withTerritory(String community, Territory territory) {
        Map<String, Territory> t = new LinkedHashMap<>(territories);
        t.putIfAbsent(community, territory);
        return new AuthorityMatrix(rules, t);
    }

    public List<AuthorityRule> rules() {
        return rules;
    }

    public Territory territory(String community) {
        return territories.getOrDefault(community, Territory.EVERYWHERE);
    }

    /**
     * The authority for an attribute ({@code "geometry"} for the geometry) of a feature.
     *
     * @param where the feature's geometry (any version), or null when unknown (counted inside every territory)
     */
    public Authority authorityFor(String theme, String layer, String attribute, Geometry where) {
        return authorityAt(theme, layer, attribute, () -> where);
    }

    /** As above, the location asked for only when a community rule with a territory matches. */
    public Authority authorityAt(String theme, String layer, String attribute, java.util.function.Supplier<Geometry> where) {
        for (AuthorityRule r : rules) {
            if (!r.matches(theme, layer, attribute)) continue;
            Authority a = r.authority();
            if (a.kind() == Authority.Kind.COMMUNITY && !territory(a.communityId()).covers(where)) continue;
            return a;
        }
        return Authority.SHARED;
    }
}
