package fr.bdfsync.core.match;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Similarity of attribute values in [0,1]: values are compared as text folded for accents, case and spacing
 * ("Forêt  fermée" = "foret fermee"); numbers compare by value. Different texts score by normalised
 * Levenshtein similarity, so a typo in a toponym still scores high.
 */
public final class AttributeSimilarity {
    private AttributeSimilarity() {
    }

    /** Case, accent and space folding. */
    public static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return d.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-']+", " ").trim();
    }

    /** Similarity of two values, or NaN when one of them is null (nothing to compare). */
    public static double of(Object a, Object b) {
        if (a == null || b == null) return Double.NaN;
        if (a instanceof Number && b instanceof Number) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue() ? 1 : 0;
        }
        String x = fold(a.toString());
        String y = fold(b.toString());
        if (x.isEmpty() && y.isEmpty()) return Double.NaN;
        if (x.equals(y)) return 1;
        int max = Math.max(x.length(), y.length());
        return 1 - (double) levenshtein(x, y) / max;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
