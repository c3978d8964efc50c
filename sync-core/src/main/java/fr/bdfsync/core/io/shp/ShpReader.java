package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.BdfsyncException;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams the records of a .shp file: the 100-byte header is checked at open (file code 9994, version 1000,
 * a supported shape type, a declared length the file really has), then each record's content is read in turn
 * and decoded by {@link ShapeDecoder}.
 */
final class ShpReader implements AutoCloseable {
    static final int FILE_CODE = 9994;
    static final int VERSION = 1000;

    private final Path path;
    private final String layer;
    private final InputStream in;
    private final ShapeType type;
    private final ShapeDecoder decoder;
    private final byte[] recordHeader = new byte[8];
    private byte[] content = new byte[1024];
    private int contentLength;
    private long recordNumber;

    private ShpReader(Path path, String layer, InputStream in, ShapeType type) {
        this.path = path;
        this.layer = layer;
        this.in = in;
        this.type = type;
        this.decoder = new ShapeDecoder(path, layer);
    }

    /** Opens a .shp, checking its header; the shape type of the layer is then {@link #shapeType()}. */
    static ShpReader open(Path path, String layer) {
        return Streams.open(path, layer, in -> {
            long size = Files.size(path);
            byte[] head = in.readNBytes(100);
            ByteBuffer big = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
            if (head.length < 100 || big.getInt(0) != FILE_CODE) {
                throw BdfsyncException.invalid(path, layer, null, "not a Shapefile: the file does not start with the .shp file code 9994");
            }
            ByteBuffer little = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            if (little.getInt(28) != VERSION) {
                throw BdfsyncException.invalid(path, layer, null, "not a Shapefile: version " + little.getInt(28) + " instead of 1000");
            }
            long declared = (big.getInt(24) & 0xFFFFFFFFL) * 2;
            if (size < declared) {
                throw BdfsyncException.invalid(path, layer, null, "truncated .shp: its header announces " + declared
                        + " bytes but the file has " + size);
            }
            ShapeType t = ShapeType.of(little.getInt(32));
            if (t == null) throw BdfsyncException.invalid(path, layer, null, "unknown shape type " + little.getInt(32));
            if (t == ShapeType.MULTIPATCH) throw BdfsyncException.invalid(path, layer, null, "MultiPatch shapefiles are not supported");
            return new ShpReader(path, layer, in, t);
        });
    }

    ShapeType shapeType() {
        return type;
    }

    /** Reads the next record's content; false at the end of the file. */
    boolean next() {
        try {
            int n = in.readNBytes(recordHeader, 0, 8);
            if (n == 0) return false;
            recordNumber++;
            if (n < 8) throw BdfsyncException.invalid(path, layer, "record " + recordNumber, "the .shp ends in this record's header (truncated file)");
            ByteBuffer b = ByteBuffer.wrap(recordHeader).order(ByteOrder.BIG_ENDIAN);
            long words = b.getInt(4) & 0xFFFFFFFFL;
            if (words < 2 || words > Integer.MAX_VALUE / 4) {
                throw BdfsyncException.invalid(path, layer, "record " + recordNumber, "corrupt record header (content length " + words + " words)");
            }
            contentLength = (int) (words * 2);
            if (content.length < contentLength) content = new byte[Math.max(contentLength, content.length * 2)];
            n = in.readNBytes(content, 0, contentLength);
            if (n < contentLength) {
                throw BdfsyncException.invalid(path, layer, "record " + recordNumber, "the .shp ends in the middle of this record (truncated file)");
            }
            return true;
        } catch (IOException e) {
            throw BdfsyncException.invalid(path, layer, "record " + recordNumber, "cannot read: " + e.getMessage(), e);
        }
    }

    /** True when the record last read is a null shape. */
    boolean geometryIsNull() {
        return contentLength < 4 || ByteBuffer.wrap(content, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == 0;
    }

    void setWithM(boolean withM) {
        decoder.setWithM(withM);
    }

    /** 1-based number of the record last read (its position in the file). */
    long recordNumber() {
        return recordNumber;
    }

    /** The geometry of the record last read, or null for a null shape. */
    Geometry geometry() {
        return decoder.decode(ByteBuffer.wrap(content, 0, contentLength).order(ByteOrder.LITTLE_ENDIAN), type, recordNumber);
    }

    /** True when the record last read carries measures (of a Z type, where they are optional). */
    boolean recordHasMeasures() {
        return decoder.hasMeasures(ByteBuffer.wrap(content, 0, contentLength).order(ByteOrder.LITTLE_ENDIAN), type);
    }

    @Override
    public void close() {
        Streams.closeQuietly(in);
    }
}
