package fr.bdfsync.core.io.crs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A WKT 1 CRS definition (OGC or ESRI flavour, as in a .prj file) parsed into a tree of nodes:
 * {@code KEYWORD["name", number, CHILD[...], ...]}. Only what identification needs is read.
 */
public record Wkt(String keyword, List<Object> args) {

    /** Parses a WKT text; throws {@link IllegalArgumentException} when it is not WKT. */
    public static Wkt parse(String text) {
        Parser p = new Parser(text.trim());
        Wkt node = p.node();
        p.skipSpace();
        if (p.pos != p.s.length()) throw new IllegalArgumentException("unexpected text after the WKT at offset " + p.pos);
        return node;
    }

    /** The first string argument (the object's name), or null. */
    public String name() {
        return args.isEmpty() || !(args.get(0) instanceof String) ? null : (String) args.get(0);
    }

    /** The first direct child with this keyword (case-insensitive), or null. */
    public Wkt child(String kw) {
        for (Object a : args) if (a instanceof Wkt && ((Wkt) a).keyword.equalsIgnoreCase(kw)) return (Wkt) a;
        return null;
    }

    public List<Wkt> children(String kw) {
        List<Wkt> list = new ArrayList<>();
        for (Object a : args) if (a instanceof Wkt && ((Wkt) a).keyword.equalsIgnoreCase(kw)) list.add((Wkt) a);
        return list;
    }

    /** The numeric argument at an index, or NaN. */
    public double number(int index) {
        return index < args.size() && args.get(index) instanceof Double ? (Double) args.get(index) : Double.NaN;
    }

    /** The value of {@code PARAMETER["name", v]} (name compared case-insensitively), or NaN. */
    public double parameter(String paramName) {
        for (Wkt p : children("PARAMETER")) if (paramName.equalsIgnoreCase(p.name())) return p.number(1);
        return Double.NaN;
    }

    /** {@code AUTHORITY["EPSG","2154"]} of this node as an EPSG code, or -1. */
    public int epsgAuthority() {
        Wkt a = child("AUTHORITY");
        if (a == null || a.args.size() < 2 || !"EPSG".equalsIgnoreCase(String.valueOf(a.args.get(0)))) return -1;
        Object code = a.args.get(1);
        try {
            return code instanceof Double ? ((Double) code).intValue() : Integer.parseInt(code.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        Wkt node() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
            if (pos == start) throw new IllegalArgumentException("expected a WKT keyword at offset " + start);
            String kw = s.substring(start, pos).toUpperCase(Locale.ROOT);
            skipSpace();
            List<Object> args = new ArrayList<>();
            if (pos >= s.length() || (s.charAt(pos) != '[' && s.charAt(pos) != '(')) return new Wkt(kw, args);
            char close = s.charAt(pos) == '[' ? ']' : ')';
            pos++;
            while (true) {
                skipSpace();
                if (pos >= s.length()) throw new IllegalArgumentException("unterminated " + kw + "[");
                char c = s.charAt(pos);
                if (c == close) {
                    pos++;
                    return new Wkt(kw, args);
                }
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (c == '"') args.add(string());
                else if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) args.add(number());
                else args.add(node());
            }
        }

        String string() {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    if (pos < s.length() && s.charAt(pos) == '"') {
                        b.append('"');
                        pos++;
                    } else {
                        return b.toString();
                    }
                } else {
                    b.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated string in WKT");
        }

        Double number() {
            int start = pos;
            while (pos < s.length() && "+-.0123456789eE".indexOf(s.charAt(pos)) >= 0) pos++;
            try {
                return Double.valueOf(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number '" + s.substring(start, pos) + "' in WKT", e);
            }
        }
    }
}
