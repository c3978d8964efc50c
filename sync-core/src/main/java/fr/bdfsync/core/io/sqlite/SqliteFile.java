package fr.bdfsync.core.io.sqlite;

import fr.bdfsync.core.BdfsyncException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A read-only view of an SQLite database file for scanning table B-trees in pure Java (file format:
 * https://www.sqlite.org/fileformat2.html), opened beside a JDBC connection that holds a read transaction on the
 * same file for as long as this view is used (the SHARED lock keeps writers out; this class takes no lock).
 * Pages are read with positional reads ({@link FileChannel#read(ByteBuffer, long)}), not mapped: a mapping would
 * count every page of a multi-gigabyte file in the process's resident size, and windows of consecutive pages give
 * the same sequential throughput. Thread-safe: cursors share the channel and keep their own buffers.
 *
 * <p>The view must be closed only after the JDBC read transaction has ended: on POSIX systems closing any descriptor
 * of a file drops every lock the process holds on it, SQLite's included.
 */
public final class SqliteFile implements AutoCloseable {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** The text encoding of the header (offset 56). */
    public enum TextEncoding { UTF8, UTF16LE, UTF16BE }

    private final Path path;
    private final FileChannel channel;
    private final int pageSize;
    private final int usableSize;
    private final long pageCount;
    private final TextEncoding encoding;
    private final boolean wal;
    private final LongAdder reads = new LongAdder();

    private SqliteFile(Path path, FileChannel channel, int pageSize, int usableSize, long pageCount, TextEncoding encoding, boolean wal) {
        this.path = path;
        this.channel = channel;
        this.pageSize = pageSize;
        this.usableSize = usableSize;
        this.pageCount = pageCount;
        this.encoding = encoding;
        this.wal = wal;
    }

    /** Opens the file and reads its 100-byte header; an invalid header is a {@link BdfsyncException}. */
    public static SqliteFile open(Path path) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
            ByteBuffer h = ByteBuffer.allocate(100);
            while (h.hasRemaining() && ch.read(h, h.position()) > 0) {
                // fill the header
            }
            byte[] b = h.array();
            if (h.position() < 100 || !Arrays.equals(b, 0, 16, MAGIC, 0, 16)) throw invalid(path, "not an SQLite 3 database file (bad header)");
            int ps = ((b[16] & 0xFF) << 8) | (b[17] & 0xFF);
            if (ps == 1) ps = 65536;
            if (ps < 512 || Integer.bitCount(ps) != 1) throw invalid(path, "invalid page size " + ps + " in the database header");
            int reserved = b[20] & 0xFF;
            int usable = ps - reserved;
            if (usable < 480) throw invalid(path, "invalid reserved space " + reserved + " for page size " + ps);
            int enc = ((b[56] & 0xFF) << 24) | ((b[57] & 0xFF) << 16) | ((b[58] & 0xFF) << 8) | (b[59] & 0xFF);
            TextEncoding te = switch (enc) {
                case 0, 1 -> TextEncoding.UTF8; // 0: an empty database that has no encoding yet
                case 2 -> TextEncoding.UTF16LE;
                case 3 -> TextEncoding.UTF16BE;
                default -> throw invalid(path, "invalid text encoding " + enc + " in the database header");
            };
            boolean wal = b[18] == 2 || b[19] == 2;
            long pages = ch.size() / ps;
            SqliteFile f = new SqliteFile(path, ch, ps, usable, pages, te, wal);
            ch = null;
            return f;
        } catch (IOException e) {
            throw BdfsyncException.invalid(path, null, null, "cannot read: " + e.getMessage(), e);
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // opening failed already
                }
            }
        }
    }

    private static BdfsyncException invalid(Path path, String what) {
        return BdfsyncException.invalid(path, null, null, what);
    }

    public Path path() {
        return path;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Page size minus the reserved bytes at the end of each page. */
    public int usableSize() {
        return usableSize;
    }

    /** Whole pages in the file (its size divided by the page size): the valid page numbers are 1..pageCount. */
    public long pageCount() {
        return pageCount;
    }

    public TextEncoding encoding() {
        return encoding;
    }

    /** True when the header says the file is in WAL mode (pages may live in the -wal file, which this view ignores). */
    public boolean walMode() {
        return wal;
    }

    /** A cursor over the table B-tree rooted at {@code rootPage}; {@code table} names it in error messages. */
    public TableCursor table(long rootPage, String table) {
        return new TableCursor(this, rootPage, table);
    }

    /**
     * Reads up to {@code buf.remaining()} bytes starting at page {@code firstPage}, stopping at the end of the file;
     * returns the number of bytes read.
     */
    int readPages(long firstPage, ByteBuffer buf, String table) {
        reads.increment();
        long pos = (firstPage - 1) * pageSize;
        int start = buf.position();
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos + buf.position() - start);
                if (n <= 0) break;
            }
        } catch (IOException e) {
            throw BdfsyncException.invalid(path, table, null, "cannot read page " + firstPage + ": " + e.getMessage(), e);
        }
        return buf.position() - start;
    }

    /** Calls to {@link #readPages} so far, by every cursor (each one positional read or more): what a scan costs in system calls. */
    long readCalls() {
        return reads.sum();
    }

    /**
     * Copies the whole file, as it is now, to {@code target} (created or truncated) through this view's own descriptor
     * (in the kernel where the platform allows): a copy taken while the caller holds an SQLite lock on the file, which
     * opening and closing another descriptor would drop.
     */
    public void copyTo(Path target) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = channel.size();
            long done = 0;
            while (done < size) {
                long n = channel.transferTo(done, size - done, out);
                if (n <= 0) throw new IOException("copy stopped at byte " + done + " of " + size);
                done += n;
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
