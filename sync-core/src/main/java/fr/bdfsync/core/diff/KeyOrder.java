package fr.bdfsync.core.diff;

import java.util.Comparator;

/** Order of feature keys in every output: integer keys numerically, then text keys by their UTF-16 order. */
public final class KeyOrder {
    private KeyOrder() {
    }

    public static final Comparator<String> INSTANCE = KeyOrder::compare;

    public static int compare(String a, String b) {
        boolean ia = isInteger(a), ib = isInteger(b);
        if (ia && ib) {
            if (a.length() <= 18 && b.length() <= 18) return Long.compare(Long.parseLong(a), Long.parseLong(b));
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (ia != ib) return ia ? -1 : 1;
        return a.compareTo(b);
    }

    static boolean isInteger(String s) {
        int n = s.length();
        if (n == 0) return false;
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == n) return false;
        for (; i < n; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }
}
