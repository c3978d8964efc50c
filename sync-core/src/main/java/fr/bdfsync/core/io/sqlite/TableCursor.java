package fr.bdfsync.core.io.sqlite;

import fr.bdfsync.core.BdfsyncException;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An in-order scan of one table B-tree (rowid order): interior pages (type 0x05) are descended, leaf pages
 * (0x0D) yield each row's rowid and its record payload, assembled from the leaf and its overflow chain into a
 * buffer owned by the cursor and reused from row to row (nothing is allocated per row). Interior pages are
 * copied once per visit; leaf and overflow pages are read through two windows of consecutive pages whose size
 * grows while the reads are sequential. A structure that cannot be a valid B-tree (page type, page number out
 * of the file, cell or payload outside its page, a cycle, rowids out of order) is a {@link BdfsyncException}
 * naming the file, the table and the page: files are untrusted input, no malformed page loops or overflows.
 */
public final class TableCursor {
    /** Interior levels allowed: a real table of 2^63 rows on 512-byte pages is far shallower. */
    static final int MAX_DEPTH = 40;
    /** Largest window of consecutive leaf or overflow pages read at once. */
    private static final int WINDOW_BYTES = 1 << 18;

    /** Page type bytes (file format §1.6 "B-tree Pages"). */
    public static final int INTERIOR_INDEX = 0x02, INTERIOR_TABLE = 0x05, LEAF_INDEX = 0x0A, LEAF_TABLE = 0x0D;

    private final SqliteFile file;
    private final long root;
    private final String table;
    private final int usable;
    private final int pageSize;
    private final int maxLocal;
    private final int minLocal;
    private final Varint varint = new Varint();
    private final byte[] head = new byte[18];
    private int headLength;

    // interior frames: a copy of the page, where its header starts, its cell count, the next child to visit
    private final byte[][] frames = new byte[MAX_DEPTH][];
    private final long[] framePage = new long[MAX_DEPTH];
    private final int[] frameHeader = new int[MAX_DEPTH];
    private final int[] frameCells = new int[MAX_DEPTH];
    private final int[] frameNext = new int[MAX_DEPTH];
    private int depth;

    private final Window leafWindow, overflowWindow;
    private final ByteBuffer strayPage;
    private long leafPage;
    private int leafBase, leafHeader, leafCells, leafIndex;
    private boolean positioned, exhausted;
    private long pagesEntered;
    private long upperBound = Long.MAX_VALUE;
    private boolean bounded;

    private long rowid;
    private long previousRowid;
    private boolean hasPrevious;
    private byte[] payload = new byte[8192];
    private int payloadLength;

    TableCursor(SqliteFile file, long root, String table) {
        this.file = file;
        this.root = root;
        this.table = table;
        this.usable = file.usableSize();
        this.pageSize = file.pageSize();
        this.maxLocal = usable - 35;
        this.minLocal = ((usable - 12) * 32 / 255) - 23;
        int pages = Math.max(1, WINDOW_BYTES / pageSize);
        this.leafWindow = new Window(pages);
        this.overflowWindow = new Window(pages);
        this.strayPage = ByteBuffer.allocateDirect(pageSize);
    }

    /** The type byte of the root page: {@link #LEAF_TABLE} or {@link #INTERIOR_TABLE} for a rowid table. */
    public int rootPageType() {
        checkPage(root, 0);
        byte[] b = new byte[pageSize];
        readWhole(root, b);
        return b[root == 1 ? 100 : 0] & 0xFF;
    }

    /** Stops the scan before the first row whose rowid is at least {@code rowidExclusive}. */
    public void limit(long rowidExclusive) {
        upperBound = rowidExclusive;
        bounded = true;
    }

    /** Positions the cursor so that {@link #next} returns the first row whose rowid is at least {@code target}. */
    public void seek(long target) {
        depth = 0;
        pagesEntered = 0;
        exhausted = false;
        hasPrevious = false;
        positioned = true;
        long page = root;
        while (true) {
            int type = enter(page);
            if (type == INTERIOR_TABLE) {
                int f = depth - 1;
                int lo = 0, hi = frameCells[f];
                while (lo < hi) { // first cell whose key is >= target
                    int mid = (lo + hi) >>> 1;
                    if (interiorKey(f, mid) < target) lo = mid + 1;
                    else hi = mid;
                }
                frameNext[f] = lo + 1;
                page = child(f, lo);
            } else {
                int lo = 0, hi = leafCells;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (leafRowid(mid) < target) lo = mid + 1;
                    else hi = mid;
                }
                leafIndex = lo;
                return;
            }
        }
    }

    /** Positions on the row with this rowid and reads it; false when the table has none. */
    public boolean find(long target) {
        seek(target);
        return next() && rowid == target;
    }

    /** Advances to the next row; false at the end of the table (or of the limit). */
    public boolean next() {
        if (exhausted) return false;
        if (!positioned) seek(Long.MIN_VALUE);
        while (leafIndex >= leafCells) {
            if (!nextLeaf()) {
                exhausted = true;
                return false;
            }
        }
        readLeafCell(leafIndex++);
        if (bounded && rowid >= upperBound) {
            exhausted = true;
            return false;
        }
        if (hasPrevious && rowid <= previousRowid) throw corrupt(leafPage, "rowid " + rowid + " after " + previousRowid + " (out of order)");
        previousRowid = rowid;
        hasPrevious = true;
        return true;
    }

    /** The leaf page holding the current row (for error messages). */
    public long page() {
        return leafPage;
    }

    /** The rowid of the current row. */
    public long rowid() {
        return rowid;
    }

    /** The current row's record payload, in {@code payload()[0, payloadLength())}; the array is reused by the next row. */
    public byte[] payload() {
        return payload;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** The largest rowid of the table (a descent along the right edge), or {@link Long#MIN_VALUE} when it is empty. Resets the cursor. */
    public long lastRowid() {
        depth = 0;
        positioned = false;
        long page = root;
        while (true) {
            int type = enter(page);
            if (type == INTERIOR_TABLE) {
                int f = depth - 1;
                page = child(f, frameCells[f]);
            } else {
                long last = leafCells == 0 ? Long.MIN_VALUE : leafRowid(leafCells - 1);
                depth = 0;
                return last;
            }
        }
    }

    /** Descends from the frame on top of the stack to the next leaf; false when the tree is exhausted. */
    private boolean nextLeaf() {
        while (depth > 0) {
            int f = depth - 1;
            if (frameNext[f] <= frameCells[f]) {
                long page = child(f, frameNext[f]++);
                while (enter(page) == INTERIOR_TABLE) {
                    int g = depth - 1;
                    frameNext[g] = 1;
                    page = child(g, 0);
                }
                return true;
            }
            depth--;
        }
        return false;
    }

    /** Reads page {@code page}: an interior page is pushed as a frame, a leaf becomes the current leaf; returns its type. */
    private int enter(long page) {
        checkPage(page, depth);
        if (++pagesEntered > file.pageCount() * 2 + 16) throw corrupt(page, "the B-tree has a cycle (more pages visited than the file holds)");
        int header = page == 1 ? 100 : 0;
        if (depth < MAX_DEPTH && framePage[depth] == page && frames[depth] != null) { // a seek passing the same interior page again
            frameCells[depth] = u16(frames[depth], header + 3);
            frameHeader[depth] = header;
            frameNext[depth] = 0;
            depth++;
            return INTERIOR_TABLE;
        }
        // A page next to the leaf window continues its run; any other (an interior page met while scanning, a seek's
        // target) is read alone, so that the leaf window keeps its run across the interior pages of a scan.
        boolean alone = !leafWindow.holdsOrAdjoins(page);
        int base = alone ? readAlone(page) : leafWindow.page(page);
        ByteBuffer w = alone ? strayPage : leafWindow.buf; // after page(): it may have grown the window's buffer
        int type = w.get(base + header) & 0xFF;
        int cells = u16(w, base + header + 3);
        if (type == INTERIOR_TABLE) {
            if (depth == MAX_DEPTH) throw corrupt(page, "the B-tree is deeper than " + MAX_DEPTH + " levels");
            if (header + 12 + 2 * cells > usable) throw corrupt(page, "cell count " + cells + " does not fit the page");
            byte[] copy = frames[depth];
            if (copy == null) copy = frames[depth] = new byte[pageSize];
            if (framePage[depth] != page) w.get(base, copy, 0, pageSize);
            framePage[depth] = page;
            frameHeader[depth] = header;
            frameCells[depth] = cells;
            frameNext[depth] = 0;
            depth++;
            return type;
        }
        if (type != LEAF_TABLE) {
            throw corrupt(page, "page type 0x" + Integer.toHexString(type) + " where a table B-tree page (0x05 or 0x0d) was expected");
        }
        if (header + 8 + 2 * cells > usable) throw corrupt(page, "cell count " + cells + " does not fit the page");
        if (alone) base = leafWindow.adopt(page, strayPage);
        leafPage = page;
        leafBase = base;
        leafHeader = header;
        leafCells = cells;
        leafIndex = 0;
        return type;
    }

    /** Child {@code i} of frame {@code f}: the left pointer of cell i, or the right-most pointer when i is the cell count. */
    private long child(int f, int i) {
        byte[] p = frames[f];
        int h = frameHeader[f];
        long child = i == frameCells[f] ? u32(p, h + 8) : u32(p, interiorCell(f, i));
        if (child < 1 || child > file.pageCount()) throw corrupt(framePage[f], "child page number " + child + " is outside the file (" + file.pageCount() + " pages)");
        return child;
    }

    private int interiorCell(int f, int i) {
        byte[] p = frames[f];
        int off = u16(p, frameHeader[f] + 12 + 2 * i);
        if (off < frameHeader[f] + 12 + 2 * frameCells[f] || off + 4 >= usable) throw corrupt(framePage[f], "cell " + i + " offset " + off + " outside the cell area");
        return off;
    }

    private long interiorKey(int f, int i) {
        int off = interiorCell(f, i);
        long key = varint.read(frames[f], off + 4, usable);
        if (varint.end < 0) throw corrupt(framePage[f], "cell " + i + " runs past the page");
        return key;
    }

    private int leafCell(int i) {
        int off = u16(leafWindow.buf, leafBase + leafHeader + 8 + 2 * i);
        if (off < leafHeader + 8 + 2 * leafCells || off >= usable) throw corrupt(leafPage, "cell " + i + " offset " + off + " outside the cell area");
        return off;
    }

    private long leafRowid(int i) {
        cellHead(leafCell(i));
        varint.read(head, 0, headLength);
        if (varint.end < 0) throw corrupt(leafPage, "cell " + i + " runs past the page");
        long id = varint.read(head, varint.end, headLength);
        if (varint.end < 0) throw corrupt(leafPage, "cell " + i + " runs past the page");
        return id;
    }

    /** Copies the first bytes of the leaf cell at {@code off} (its two varints at most) into {@link #head}. */
    private void cellHead(int off) {
        headLength = Math.min(head.length, usable - off);
        leafWindow.buf.get(leafBase + off, head, 0, headLength);
    }

    private void readLeafCell(int i) {
        int off = leafCell(i);
        ByteBuffer w = leafWindow.buf;
        int limit = leafBase + usable;
        cellHead(off);
        long size = varint.read(head, 0, headLength);
        if (varint.end < 0) throw corrupt(leafPage, "cell " + i + " runs past the page");
        rowid = varint.read(head, varint.end, headLength);
        if (varint.end < 0) throw corrupt(leafPage, "cell " + i + " runs past the page");
        int start = leafBase + off + varint.end;
        if (size < 0 || size > Integer.MAX_VALUE - 64 || size > file.pageCount() * (long) usable) {
            throw corrupt(leafPage, "cell " + i + " payload size " + size + " is impossible in this file");
        }
        int total = (int) size;
        int local = localSize(total);
        boolean overflow = local < total;
        if (start + local + (overflow ? 4 : 0) > limit) throw corrupt(leafPage, "cell " + i + " payload runs past the page");
        if (payload.length < total) payload = new byte[Math.max(total, payload.length * 2)];
        w.get(start, payload, 0, local);
        payloadLength = total;
        if (!overflow) return;
        long next = u32(w, start + local);
        long from = leafPage;
        int done = local;
        while (done < total) {
            if (next < 2 || next > file.pageCount()) {
                throw corrupt(from, "overflow page number " + next + " is outside the file (" + file.pageCount() + " pages), row " + rowid);
            }
            int base = overflowWindow.page(next);
            ByteBuffer o = overflowWindow.buf;
            int n = Math.min(total - done, usable - 4);
            o.get(base + 4, payload, done, n);
            done += n;
            from = next;
            next = u32(o, base);
        }
    }

    /** Bytes of a payload of {@code total} bytes stored on a table leaf page (the rest goes to overflow pages). */
    int localSize(int total) {
        if (total <= maxLocal) return total;
        int k = minLocal + (total - minLocal) % (usable - 4);
        return k <= maxLocal ? k : minLocal;
    }

    private void checkPage(long page, int level) {
        if (page < 1 || page > file.pageCount()) {
            throw corrupt(page, "page number outside the file (" + file.pageCount() + " pages)" + (level > 0 ? " at level " + level : ""));
        }
    }

    /** Reads page {@code page} into {@link #strayPage}; returns its offset there (0). */
    private int readAlone(long page) {
        strayPage.clear();
        if (file.readPages(page, strayPage, table) < pageSize) throw corrupt(page, "page beyond the end of the file");
        return 0;
    }

    private void readWhole(long page, byte[] into) {
        ByteBuffer b = ByteBuffer.wrap(into);
        if (file.readPages(page, b, table) < pageSize) throw corrupt(page, "short read");
    }

    private BdfsyncException corrupt(long page, String what) {
        return BdfsyncException.invalid(file.path(), table, null, "corrupt database page " + page + ": " + what);
    }

    private static int u16(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 8) | (b.get(at + 1) & 0xFF);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFFFFFFL;
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    /**
     * Consecutive pages read at once; the next read is larger while requests continue where the last one ended, in
     * either direction. Backwards runs are common: a table whose rows were deleted and inserted again takes its new
     * pages from the freelist, which SQLite hands out from the end, so its leaves lie in descending file order
     * (e.g. a layer re-inserted in another order); read one page at a time, such a scan costs a system call per page.
     */
    private final class Window {
        /**
         * The pages read, grown with the run (one page at first): a cursor that seeks from row to row (a read by fid)
         * never needs more, and one opened per batch of fids used to allocate the whole window up front, 256 KiB of
         * fresh native memory whose first touch cost a page fault per 4 KiB (docs/attach.md, "Thirteenth round").
         * Read {@code buf} after {@link #page}, which may replace it.
         */
        ByteBuffer buf;
        private final int maxPages;
        private long first = -1;
        private int loaded;
        private int run = 1;

        Window(int maxPages) {
            this.maxPages = maxPages;
            this.buf = ByteBuffer.allocateDirect(pageSize);
        }

        /** Makes {@link #buf} hold at least {@code pages} pages (doubling, up to the window's size); its content is dropped. */
        private void capacity(int pages) {
            if (buf.capacity() >= pages * pageSize) return;
            int size = Math.min(maxPages, Math.max(pages, 2 * (buf.capacity() / pageSize)));
            buf = ByteBuffer.allocateDirect(size * pageSize);
        }

        /** True when {@code page} is in the window or right after or before it (where {@link #page} continues the run). */
        boolean holdsOrAdjoins(long page) {
            return first >= 0 && page >= first - 1 && page <= first + loaded;
        }

        /** Makes {@code one}, a single page already read, the window's content (a run of one); returns its offset (0). */
        int adopt(long page, ByteBuffer one) {
            buf.clear();
            buf.put(one.duplicate().position(0).limit(pageSize));
            first = page;
            loaded = 1;
            run = 1;
            return 0;
        }

        /** The offset in {@link #buf} of page {@code page}, reading it (and the pages after or before it) when needed. */
        int page(long page) {
            if (first >= 0 && page >= first && page < first + loaded) return (int) (page - first) * pageSize;
            long start = page;
            if (first >= 0 && page == first + loaded) {
                run = Math.min(maxPages, run * 2);
            } else if (first >= 0 && page == first - 1) {
                run = Math.min(maxPages, run * 2);
                start = Math.max(1, page - run + 1);
            } else {
                run = 1;
            }
            capacity(run);
            buf.clear();
            buf.limit(run * pageSize); // start <= page < start + run
            int n = file.readPages(start, buf, table);
            loaded = n / pageSize;
            if (loaded <= page - start) {
                first = -1;
                loaded = 0;
                throw corrupt(page, "page beyond the end of the file");
            }
            first = start;
            return (int) (page - start) * pageSize;
        }
    }

    @Override
    public String toString() {
        return "TableCursor[" + file.path() + " " + table + " root " + root + " " + Arrays.toString(new long[]{rowid}) + "]";
    }
}
