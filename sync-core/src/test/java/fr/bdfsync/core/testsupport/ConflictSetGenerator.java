package fr.bdfsync.core.testsupport;

import fr.bdfsync.core.conflict.AttributeValues;
import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictIds;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Resolution;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, realistic conflict sets for tests and measurements: BD TOPO-like vegetation zones
 * (irregular polygons of 50-300 m), hedges and hydrographic tronçons (meandering lines) in EPSG:2154 around
 * Redon (Ille-et-Vilaine), with conflicts of every {@link ConflictType} in rotation, the three versions of
 * each geometry, attribute values as BD TOPO writes them, about one conflict in five resolved by authority.
 * The same seed and count give the same set (same ids, same content hashes).
 */
public final class ConflictSetGenerator {
    /** Centre of the generated area (Redon, Lambert-93). */
    public static final double CENTRE_X = 322_500, CENTRE_Y = 6_743_500;
    private static final String[] NATURES = {"Bois", "Forêt fermée de feuillus", "Forêt fermée de conifères",
            "Forêt fermée mixte", "Forêt ouverte", "Haie", "Lande ligneuse", "Peupleraie", "Verger", "Vigne"};
    private static final String[] PERSISTANCE = {"Permanent", "Intermittent", "Inconnue"};
    private static final String[] SENS = {"Sens direct", "Sens inverse", "Double sens", "Indéterminé"};
    private static final String[] RIVERS = {"la Vilaine", "l'Oust", "l'Aff", "le Canut", "ruisseau de Bréhaut",
            "ruisseau du Pont-Mahé", "le Don", "ruisseau de la Bouëxière"};

    private final Random random;
    private final GeometryFactory gf = new GeometryFactory(new PrecisionModel(100), 2154);
    private final double halfSpan;
    private long serial;

    private ConflictSetGenerator(long seed, int count) {
        this.random = new Random(seed);
        // about one conflict per 4 ha, at least a 3 km square
        this.halfSpan = Math.max(1500, Math.sqrt(count * 40_000.0) / 2);
    }

    /** {@code count} conflicts of every type in rotation, from {@code seed}. */
    public static ConflictSet generate(long seed, int count) {
        ConflictSetGenerator g = new ConflictSetGenerator(seed, count);
        List<Conflict> list = new ArrayList<>(count);
        ConflictType[] types = ConflictType.values();
        for (int i = 0; i < count; i++) list.add(g.conflict(types[i % types.length]));
        list.sort(Comparator.comparing(Conflict::layer).thenComparing(c -> c.type().ordinal()).thenComparing(Conflict::id));
        return new ConflictSet("redon-vegetation", "vegetation", 2154, "2026-11-25T09:00:00Z", list);
    }

    /** Replaces the toponym of the first conflict that has one (for escape tests). */
    public static ConflictSet withToponym(ConflictSet set, String toponym) {
        List<Conflict> out = new ArrayList<>();
        boolean done = false;
        for (Conflict c : set.conflicts()) {
            if (!done && c.attributes().stream().anyMatch(a -> a.name().startsWith("cpx_toponyme"))) {
                List<AttributeValues> attrs = new ArrayList<>();
                for (AttributeValues a : c.attributes()) {
                    attrs.add(a.name().startsWith("cpx_toponyme") ? new AttributeValues(a.name(), a.ancestor(), a.national(), toponym) : a);
                }
                c = new Conflict(c.id(), c.type(), c.severity(), c.layer(), c.keys(), attrs, c.ancestorGeometry(), c.nationalGeometry(),
                        c.localGeometry(), c.location(), c.status(), c.resolution(), c.message() + " " + toponym,
                        ConflictIds.contentHash(attrs, c.nationalGeometry(), c.localGeometry()));
                done = true;
            }
            out.add(c);
        }
        return set.withConflicts(out);
    }

    private Conflict conflict(ConflictType type) {
        double cx = CENTRE_X + (random.nextDouble() * 2 - 1) * halfSpan;
        double cy = CENTRE_Y + (random.nextDouble() * 2 - 1) * halfSpan;
        switch (type) {
            case EDIT_EDIT_ATTRIBUTE: {
                String key = key("ZONEVEGE");
                Polygon p = zone(cx, cy);
                String a = pick(NATURES), n = other(NATURES, a), l = other(NATURES, a, n);
                List<AttributeValues> attrs = List.of(new AttributeValues("nature", a, n, l));
                return build(type, "zone_de_vegetation", List.of(key), "nature", attrs, p, p, p,
                        "nature changed to '" + n + "' nationally and to '" + l + "' locally");
            }
            case EDIT_EDIT_GEOMETRY: {
                String key = key("ZONEVEGE");
                Polygon p = zone(cx, cy);
                return build(type, "zone_de_vegetation", List.of(key), "geometry", List.of(), p, move(p, 6), move(p, 9),
                        "outline moved differently on both sides");
            }
            case DELETE_EDIT: {
                String key = key("HAIELINE");
                LineString h = hedge(cx, cy);
                long a = 2 + random.nextInt(4);
                List<AttributeValues> attrs = List.of(new AttributeValues("hauteur", a, null, a + 1));
                return build(type, "haie", List.of(key), null, attrs, h, null, move(h, 4), "hedge deleted nationally, edited locally");
            }
            case EDIT_DELETE: {
                String key = key("ZONEVEGE");
                Polygon p = zone(cx, cy);
                String a = pick(NATURES), n = other(NATURES, a);
                List<AttributeValues> attrs = List.of(new AttributeValues("nature", a, n, null));
                return build(type, "zone_de_vegetation", List.of(key), null, attrs, p, move(p, 3), null, "zone edited nationally, deleted locally");
            }
            case INSERT_INSERT: {
                String k1 = key("ZONEVEGE"), k2 = "LOCAL-" + (10_000 + serial);
                Polygon p = zone(cx, cy);
                String n = pick(NATURES), l = other(NATURES, n);
                List<AttributeValues> attrs = List.of(new AttributeValues("nature", null, n, l));
                return build(type, "zone_de_vegetation", List.of(k1, k2), null, attrs, null, p, move(p, 5),
                        "zone created on both sides (overlap " + (70 + random.nextInt(29)) + " %)");
            }
            case INVALID_GEOMETRY: {
                String key = key("ZONEVEGE");
                Polygon p = zone(cx, cy);
                return build(type, "zone_de_vegetation", List.of(key), "geometry", List.of(), p, move(p, 2), bowtie(cx, cy),
                        "merged outline is self-intersecting");
            }
            case OVERLAP: {
                String k1 = key("ZONEVEGE"), k2 = key("ZONEVEGE");
                Polygon a = zone(cx, cy), b = zone(cx + 60, cy + 30);
                return build(type, "zone_de_vegetation", List.of(k1, k2), null, List.of(), null, a, b,
                        "zones overlap by " + (50 + random.nextInt(900)) + " m² after merge");
            }
            case DISCONNECTED: {
                String key = key("TRON_EAU");
                LineString t = river(cx, cy);
                return build(type, "troncon_hydrographique", List.of(key), null, List.of(), t, t, shiftEnd(t, 25),
                        "downstream end is " + (20 + random.nextInt(40)) + " m from the network after merge");
            }
            case DANGLING_REFERENCE: {
                String key = key("TRON_EAU");
                LineString t = river(cx, cy);
                String old = key("COURDEAU"), repl = key("COURDEAU");
                List<AttributeValues> attrs = List.of(new AttributeValues("liens_vers_cours_d_eau", old, repl, old),
                        new AttributeValues("cpx_toponyme_de_cours_d_eau", pick(RIVERS), pick(RIVERS), pick(RIVERS)));
                return build(type, "troncon_hydrographique", List.of(key), "liens_vers_cours_d_eau", attrs, t, t, t,
                        "links to cours_d_eau " + old + ", destroyed nationally");
            }
            case DOUBLE_COUNTED: {
                String k1 = key("HAIELINE"), k2 = key("ZONEVEGE");
                LineString h = hedge(cx, cy);
                Geometry band = h.buffer(4, 2);
                return build(type, "haie", List.of(k1, k2), null, List.of(new AttributeValues("nature", null, "Haie", "Haie")),
                        null, h, band, "hedge counted as a line and as a zone_de_vegetation of nature Haie");
            }
            case SCOPE: {
                String key = key("TRON_EAU");
                LineString t = river(cx, cy);
                String a = pick(SENS), l = other(SENS, a);
                List<AttributeValues> attrs = List.of(new AttributeValues("sens_de_l_ecoulement", a, a, l));
                return build(type, "troncon_hydrographique", List.of(key), "sens_de_l_ecoulement", attrs, t, t, t,
                        "sens_de_l_ecoulement is outside the vegetation community's label");
            }
            case STALE_BASE: {
                String key = key("TRON_EAU");
                LineString t = river(cx, cy);
                String a = pick(PERSISTANCE), n = other(PERSISTANCE, a), l = other(PERSISTANCE, a, n);
                String top = pick(RIVERS);
                List<AttributeValues> attrs = List.of(new AttributeValues("persistance", a, n, l),
                        new AttributeValues("cpx_toponyme_de_cours_d_eau", top, top, top));
                return build(type, "troncon_hydrographique", List.of(key), null, attrs, t, move(t, 3), t,
                        "national object changed since the local change was made");
            }
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    private Conflict build(ConflictType type, String layer, List<String> keys, String subject, List<AttributeValues> attrs,
                           Geometry ancestor, Geometry national, Geometry local, String message) {
        String id = ConflictIds.id(type, layer, keys, subject);
        Geometry where = national != null ? national : local != null ? local : ancestor;
        Coordinate loc = where.getInteriorPoint().getCoordinate();
        ConflictStatus status = ConflictStatus.OPEN;
        Resolution resolution = null;
        int roll = random.nextInt(10);
        if (type == ConflictType.EDIT_EDIT_ATTRIBUTE && roll < 4 || type == ConflictType.EDIT_EDIT_GEOMETRY && roll < 3) {
            status = ConflictStatus.RESOLVED_BY_AUTHORITY;
            resolution = type == ConflictType.EDIT_EDIT_GEOMETRY ? Resolution.of(Choice.NATIONAL, "authority:IGN")
                    : Resolution.of(Choice.LOCAL, "authority:community:vegetation-bretagne");
        } else if (roll == 9) {
            resolution = Resolution.of(Choice.NATIONAL, "suggested:national-newer");
        }
        return new Conflict(id, type, null, layer, keys, attrs, ancestor, national, local,
                new Coordinate(Math.round(loc.x * 100) / 100.0, Math.round(loc.y * 100) / 100.0), status, resolution, message,
                ConflictIds.contentHash(attrs, national, local));
    }

    private String key(String prefix) {
        return prefix + String.format("%016d", 1_000_000_000L + ++serial * 7919L);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String other(String[] values, String... not) {
        while (true) {
            String v = pick(values);
            if (!List.of(not).contains(v)) return v;
        }
    }

    /** An irregular closed outline of 12-40 vertices, 50-300 m across. */
    private Polygon zone(double cx, double cy) {
        int n = 12 + random.nextInt(29);
        double r = 25 + random.nextDouble() * 125;
        Coordinate[] ring = new Coordinate[n + 1];
        double phase = random.nextDouble() * Math.PI;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double rr = r * (0.75 + 0.2 * Math.sin(3 * a + phase) + 0.1 * random.nextDouble());
            ring[i] = c(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
        }
        ring[n] = ring[0];
        return gf.createPolygon(ring);
    }

    private Polygon bowtie(double cx, double cy) {
        double r = 40 + random.nextDouble() * 60;
        return gf.createPolygon(new Coordinate[]{c(cx - r, cy - r), c(cx + r, cy + r), c(cx + r, cy - r), c(cx - r, cy + r), c(cx - r, cy - r)});
    }

    /** A hedge: a fairly straight line of 80-300 m with small kinks. */
    private LineString hedge(double cx, double cy) {
        int n = 4 + random.nextInt(8);
        double len = 80 + random.nextDouble() * 220, dir = random.nextDouble() * Math.PI;
        Coordinate[] cs = new Coordinate[n];
        for (int i = 0; i < n; i++) {
            double t = len * i / (n - 1) - len / 2;
            double off = (random.nextDouble() - 0.5) * 6;
            cs[i] = c(cx + t * Math.cos(dir) - off * Math.sin(dir), cy + t * Math.sin(dir) + off * Math.cos(dir));
        }
        return gf.createLineString(cs);
    }

    /** A meandering tronçon of 200-800 m, 20-60 vertices. */
    private LineString river(double cx, double cy) {
        int n = 20 + random.nextInt(41);
        double len = 200 + random.nextDouble() * 600, dir = random.nextDouble() * 2 * Math.PI;
        double amp = 10 + random.nextDouble() * 30, waves = 1 + random.nextInt(4);
        Coordinate[] cs = new Coordinate[n];
        for (int i = 0; i < n; i++) {
            double t = len * i / (n - 1) - len / 2;
            double off = amp * Math.sin(waves * Math.PI * i / (n - 1)) + (random.nextDouble() - 0.5) * 3;
            cs[i] = c(cx + t * Math.cos(dir) - off * Math.sin(dir), cy + t * Math.sin(dir) + off * Math.cos(dir));
        }
        return gf.createLineString(cs);
    }

    /** The same shape with every vertex moved by up to {@code d} metres. */
    private Geometry move(Geometry g, double d) {
        Geometry m = g.copy();
        m.apply((org.locationtech.jts.geom.CoordinateSequenceFilter) new org.locationtech.jts.geom.CoordinateSequenceFilter() {
            @Override
            public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
                if (m instanceof Polygon && i == seq.size() - 1) {
                    seq.setOrdinate(i, 0, seq.getX(0));
                    seq.setOrdinate(i, 1, seq.getY(0));
                    return;
                }
                seq.setOrdinate(i, 0, round(seq.getX(i) + (random.nextDouble() - 0.5) * 2 * d));
                seq.setOrdinate(i, 1, round(seq.getY(i) + (random.nextDouble() - 0.5) * 2 * d));
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return m;
    }

    private LineString shiftEnd(LineString t, double d) {
        Coordinate[] cs = t.getCoordinates();
        Coordinate last = cs[cs.length - 1];
        cs[cs.length - 1] = c(last.x + d, last.y - d);
        return gf.createLineString(cs);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Coordinate c(double x, double y) {
        return new Coordinate(round(x), round(y));
    }
}
