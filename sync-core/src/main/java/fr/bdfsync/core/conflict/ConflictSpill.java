package fr.bdfsync.core.conflict;

import fr.bdfsync.core.BdfsyncException;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Conflicts kept until {@code conflicts.json} and the reports are written, with their geometries moved to a temporary
 * file meanwhile: {@link #spilled} writes a conflict's geometries (EWKB, SRID included) and returns it without them;
 * {@link #restored} reads them back (coordinates packed, as {@link PackedConflicts} gives them). Between the two, nothing
 * reads a conflict's geometries (decisions, contributions and the sync state use ids, keys, types and values). At
 * 1,000,000 zones the ≈ 70,000 overlap areas weigh ≈ 130 MB even packed; spilled, ≈ 100 bytes each stay in memory.
 * <p>
 * Only geometries that come back identical are spilled: floating precision, no user data, no measure and no Z (2D
 * WKB keeps those exactly; a third dimension of NaN values, as parses of 2D WKB and overlays carry, writes as 2D), no
 * empty part; the others stay in the conflict. A conflict whose id was
 * already spilled is left whole (ids are unique in a run; this only guards the restore). The file is deleted on
 * {@link #close}.
 */
public final class ConflictSpill implements AutoCloseable {
    private static final int SLOTS = 3;
    private final Path file;
    private final FileChannel channel;
    /** Per spilled conflict id, for each of its three geometries: offset and length in the file, or -1 when not spilled. */
    private final Map<String, long[]> where = new HashMap<>();
    private final Map<Integer, GeometryFactory> factories = new HashMap<>();
    private long end;

    private ConflictSpill(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** A spill in a new temporary file of the default temporary directory. */
    public static ConflictSpill create() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Path f = Files.createTempFile(dir, "bdfsync-conflicts-", ".wkb");
            return new ConflictSpill(f, FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException | RuntimeException e) {
            throw BdfsyncException.output(dir, "cannot create the temporary file that holds the conflicts' geometries: " + e.getMessage(), e);
        }
    }

    /** {@code c} without the geometries written to the file (the same conflict when none can be). Thread-safe. */
    public synchronized Conflict spilled(Conflict c) {
        Geometry[] g = {c.ancestorGeometry(), c.nationalGeometry(), c.localGeometry()};
        boolean any = false;
        for (Geometry x : g) any |= spillable(x);
        if (!any || where.containsKey(c.id())) return c;
        long[] slots = new long[2 * SLOTS];
        Geometry[] kept = new Geometry[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            slots[2 * i] = -1;
            if (!spillable(g[i])) {
                kept[i] = g[i];
                continue;
            }
            byte[] wkb = new WKBWriter(2, true).write(g[i]);
            write(wkb);
            slots[2 * i] = end - wkb.length;
            slots[2 * i + 1] = wkb.length;
        }
        where.put(c.id(), slots);
        return new Conflict(c.id(), c.type(), c.severity(), c.layer(), c.keys(), c.attributes(), kept[0], kept[1], kept[2], c.location(),
                c.status(), c.resolution(), c.message(), c.contentHash());
    }

    /** {@code c} with the geometries {@link #spilled} took from it (the same conflict when none was). */
    public synchronized Conflict restored(Conflict c) {
        long[] slots = where.get(c.id());
        if (slots == null) return c;
        Geometry[] g = {c.ancestorGeometry(), c.nationalGeometry(), c.localGeometry()};
        for (int i = 0; i < SLOTS; i++) if (slots[2 * i] >= 0) g[i] = read(slots[2 * i], (int) slots[2 * i + 1]);
        return new Conflict(c.id(), c.type(), c.severity(), c.layer(), c.keys(), c.attributes(), g[0], g[1], g[2], c.location(),
                c.status(), c.resolution(), c.message(), c.contentHash());
    }

    /** How many conflicts have geometries in the file. */
    public synchronized int size() {
        return where.size();
    }

    static boolean spillable(Geometry g) {
        if (g == null || g.isEmpty() || g.getUserData() != null || g.getPrecisionModel().getType() != PrecisionModel.FLOATING) return false;
        return plain2d(g);
    }

    /** Every part non-empty, with 2-dimensional sequences without measures. */
    private static boolean plain2d(Geometry g) {
        if (g.isEmpty()) return false;
        if (g instanceof GeometryCollection) {
            for (int i = 0; i < g.getNumGeometries(); i++) if (!plain2d(g.getGeometryN(i))) return false;
            return true;
        }
        if (g instanceof Point) return plain2d(((Point) g).getCoordinateSequence());
        if (g instanceof LineString) return plain2d(((LineString) g).getCoordinateSequence());
        if (g instanceof Polygon) {
            Polygon p = (Polygon) g;
            if (!plain2d(p.getExteriorRing())) return false;
            for (int i = 0; i < p.getNumInteriorRing(); i++) if (!plain2d(p.getInteriorRingN(i))) return false;
            return true;
        }
        return false;
    }

    /** No measure, and no Z (a third dimension whose values are all NaN, as a parse of 2D WKB or an overlay gives, writes as 2D). */
    private static boolean plain2d(CoordinateSequence seq) {
        if (seq.getMeasures() != 0) return false;
        if (seq.getDimension() == 2) return true;
        if (seq.getDimension() != 3) return false;
        for (int i = 0; i < seq.size(); i++) if (!Double.isNaN(seq.getZ(i))) return false;
        return true;
    }

    private void write(byte[] b) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) end += channel.write(buf, end);
        } catch (IOException e) {
            throw BdfsyncException.output(file, "cannot write the conflicts' geometries to this temporary file: " + e.getMessage(), e);
        }
    }

    private Geometry read(long offset, int length) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining()) {
                if (channel.read(buf, offset + buf.position()) < 0) throw new IOException("truncated");
            }
            byte[] b = buf.array();
            // the SRID is in the EWKB: a reader of the first factory sets it on the result; packed as PackedConflicts packs
            Geometry g = new WKBReader(factory(0)).read(b);
            return g.getSRID() == 0 ? g : factory(g.getSRID()).createGeometry(g);
        } catch (IOException | ParseException e) {
            throw BdfsyncException.output(file, "cannot read the conflicts' geometries back from this temporary file: " + e.getMessage(), e);
        }
    }

    private GeometryFactory factory(int srid) {
        return factories.computeIfAbsent(srid, s -> new GeometryFactory(new PrecisionModel(), s, PackedCoordinateSequenceFactory.DOUBLE_FACTORY));
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file the system cleans anyway
        }
    }
}
