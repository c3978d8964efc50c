package fr.bdfsync.core.io.sqlite;

import fr.bdfsync.core.BdfsyncException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pure-Java reader against files written by SQLite itself (through sqlite-jdbc, and the sqlite3 shell for reserved
 * bytes): every row it scans equals what SQLite returns for the same table, for every serial type, overflow chains,
 * deep trees, page sizes 1024 to 65536, reserved bytes, empty and freelist-holding tables; corrupt pages are errors.
 */
class SqliteReaderTest {
    @TempDir
    Path tmp;

    private static final String COLUMNS = "id INTEGER PRIMARY KEY, a, b, c";

    private Connection create(Path db, int pageSize) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size = " + pageSize);
            st.execute("CREATE TABLE t (" + COLUMNS + ")");
        }
        c.setAutoCommit(false);
        return c;
    }

    private static void insert(Connection c, Object[]... rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, a, b, c) VALUES (?, ?, ?, ?)")) {
            for (Object[] r : rows) {
                for (int i = 0; i < 4; i++) ps.setObject(i + 1, r[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
    }

    /** Every row as SQLite returns it: rowid, then the columns (integers as Long). */
    private static List<Object[]> viaJdbc(Path db, String table) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rowid, * FROM " + table + " ORDER BY rowid")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] r = new Object[n];
                for (int i = 0; i < n; i++) {
                    Object o = rs.getObject(i + 1);
                    r[i] = o instanceof Integer ? Long.valueOf((Integer) o) : o;
                }
                out.add(r);
            }
        }
        return out;
    }

    /** Every row as the reader returns it; column 0 of the table (the INTEGER PRIMARY KEY, stored NULL) takes the rowid. */
    static List<Object[]> viaReader(Path db, String table, int columns) throws SQLException {
        long root;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = '" + table + "'")) {
            root = rs.getLong(1);
        }
        List<Object[]> out = new ArrayList<>();
        try (SqliteFile f = SqliteFile.open(db)) {
            TableCursor cur = f.table(root, table);
            Record rec = new Record();
            while (cur.next()) {
                assertTrue(rec.parse(cur.payload(), cur.payloadLength()), "record of row " + cur.rowid());
                Object[] r = new Object[columns + 1];
                r[0] = cur.rowid();
                for (int i = 0; i < columns; i++) r[i + 1] = rec.value(i);
                if (r[1] == null) r[1] = cur.rowid();
                out.add(r);
            }
        }
        return out;
    }

    private static void assertSameRows(List<Object[]> expected, List<Object[]> actual) {
        assertEquals(expected.size(), actual.size(), "row count");
        for (int i = 0; i < expected.size(); i++) {
            Object[] e = expected.get(i), a = actual.get(i);
            assertEquals(e.length, a.length);
            for (int j = 0; j < e.length; j++) {
                if (e[j] instanceof byte[]) assertArrayEquals((byte[]) e[j], (byte[]) a[j], "row " + i + " column " + j);
                else assertEquals(e[j], a[j], "row " + i + " column " + j);
            }
        }
    }

    private void assertScanEqualsJdbc(Path db) throws SQLException {
        assertSameRows(viaJdbc(db, "t"), viaReader(db, "t", 4));
    }

    @Test
    void everySerialTypeReadsAsSqliteReturnsIt() throws Exception {
        Path db = tmp.resolve("types.db");
        long[] ints = {0, 1, -1, 2, 127, -128, 128, 32767, -32768, 32768, 8388607, -8388608, 8388608, 2147483647L, -2147483648L,
                2147483648L, 140737488355327L, -140737488355328L, 140737488355328L, Long.MAX_VALUE, Long.MIN_VALUE};
        try (Connection c = create(db, 4096)) {
            List<Object[]> rows = new ArrayList<>();
            long id = 1;
            for (long v : ints) rows.add(new Object[]{id++, v, null, "i"});
            rows.add(new Object[]{id++, 0.5, -1.25e300, Double.MIN_VALUE});
            rows.add(new Object[]{id++, "", "é€😀", new byte[0]});
            rows.add(new Object[]{id++, new byte[]{0, 1, 2, (byte) 255}, null, null});
            insert(c, rows.toArray(new Object[0][]));
        }
        assertScanEqualsJdbc(db);
        List<Object[]> r = viaReader(db, "t", 4);
        assertEquals(Long.MIN_VALUE, r.get(ints.length - 1)[2]);
        assertEquals("é€😀", r.get(ints.length + 1)[3]);
    }

    @Test
    void rowsLargerThanAPageFollowTheirOverflowChain() throws Exception {
        for (int pageSize : new int[]{1024, 4096, 65536}) {
            Path db = tmp.resolve("overflow-" + pageSize + ".db");
            Random rnd = new Random(pageSize);
            try (Connection c = create(db, pageSize)) {
                List<Object[]> rows = new ArrayList<>();
                byte[] polygon = new byte[20_000 * 16 + 13]; // a 20,000-vertex polygon's WKB size
                rnd.nextBytes(polygon);
                rows.add(new Object[]{1L, polygon, "x".repeat(5000), 1L});
                // sizes on both sides of the local/overflow boundaries of this page size
                for (int k = -40; k <= 40; k++) {
                    byte[] b = new byte[Math.max(0, pageSize - 35 + k)];
                    rnd.nextBytes(b);
                    rows.add(new Object[]{(long) rows.size() + 1, b, null, (long) k});
                }
                insert(c, rows.toArray(new Object[0][]));
            }
            assertScanEqualsJdbc(db);
        }
    }

    @Test
    void deepTreesAcrossPageSizesAndSeekLimitFind() throws Exception {
        Path db = tmp.resolve("deep.db");
        try (Connection c = create(db, 1024)) {
            List<Object[]> rows = new ArrayList<>();
            for (long i = 1; i <= 120_000; i++) rows.add(new Object[]{i * 3, "K" + i, i * 0.5, i % 7 == 0 ? null : i});
            insert(c, rows.toArray(new Object[0][]));
        }
        assertScanEqualsJdbc(db);
        try (SqliteFile f = SqliteFile.open(db)) {
            assertEquals(1024, f.pageSize());
            TableCursor cur = f.table(rootOf(db), "t");
            assertEquals(TableCursor.INTERIOR_TABLE, cur.rootPageType());
            assertEquals(360_000, cur.lastRowid());
            cur.seek(1000); // not a rowid: the next one is 1002
            assertTrue(cur.next());
            assertEquals(1002, cur.rowid());
            cur.limit(1010);
            assertTrue(cur.next());
            assertEquals(1005, cur.rowid());
            assertTrue(cur.next());
            assertFalse(cur.next(), "1011 is beyond the limit");
            TableCursor finder = f.table(rootOf(db), "t");
            Random rnd = new Random(3);
            for (int i = 0; i < 2000; i++) {
                long id = 1 + rnd.nextInt(360_100);
                assertEquals(id % 3 == 0 && id <= 360_000, finder.find(id), "find " + id);
            }
        }
    }

    @Test
    void largestPagesAndReservedBytes() throws Exception {
        Path big = tmp.resolve("p65536.db");
        try (Connection c = create(big, 65536)) {
            List<Object[]> rows = new ArrayList<>();
            for (long i = 1; i <= 30_000; i++) rows.add(new Object[]{i, "value " + i, new byte[(int) (i % 300)], i * 1.5});
            insert(c, rows.toArray(new Object[0][]));
        }
        try (SqliteFile f = SqliteFile.open(big)) {
            assertEquals(65536, f.pageSize());
        }
        assertScanEqualsJdbc(big);

        Path reserved = tmp.resolve("reserved.db");
        StringBuilder sql = new StringBuilder(".filectrl reserve_bytes 32\nCREATE TABLE t (" + COLUMNS + ");\nBEGIN;\n");
        for (int i = 1; i <= 5000; i++) sql.append("INSERT INTO t VALUES (").append(i).append(", 'row ").append(i).append("', randomblob(").append(i % 900).append("), ").append(i).append(".25);\n");
        sql.append("COMMIT;\n");
        Process p;
        try {
            p = new ProcessBuilder("sqlite3", reserved.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("sqlite3 shell absent");
            return;
        }
        try (var in = p.getOutputStream()) {
            in.write(sql.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        try (SqliteFile f = SqliteFile.open(reserved)) {
            assertEquals(f.pageSize() - 32, f.usableSize(), "reserved bytes read from the header");
        }
        assertScanEqualsJdbc(reserved);
    }

    /**
     * A table emptied and filled again takes its pages back from the freelist, last freed first: its leaves then lie
     * in descending file order. Such a scan must still read pages in long runs (backwards), not one call per page,
     * and an interior page met during a scan must not break the run.
     */
    @Test
    void leavesInDescendingFileOrderAreReadInRuns() throws Exception {
        Path db = tmp.resolve("reinserted.db");
        int n = 6_000;
        try (Connection c = create(db, 4096)) {
            List<Object[]> rows = new ArrayList<>();
            for (long i = 1; i <= n; i++) rows.add(new Object[]{i, "v".repeat(1500), i * 7, null});
            insert(c, rows.toArray(new Object[0][]));
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE k AS SELECT a, b FROM t ORDER BY (b * 7919) % 6007");
                st.execute("DELETE FROM t");
                st.execute("INSERT INTO t (a, b) SELECT a, b FROM k ORDER BY rowid");
            }
            c.commit();
        }
        long leaves = 0, descending = 0, ascending = 0;
        try (SqliteFile f = SqliteFile.open(db)) {
            TableCursor cur = f.table(rootOf(db), "t");
            long last = -1;
            while (cur.next()) {
                if (cur.page() != last) {
                    leaves++;
                    if (last > 0 && cur.page() == last - 1) descending++;
                    if (last > 0 && cur.page() == last + 1) ascending++;
                    last = cur.page();
                }
            }
            assertTrue(descending > leaves * 9 / 10, "the fixture's leaves run backwards: " + descending + " of " + leaves + " (" + ascending + " forwards)");
            long calls = f.readCalls();
            assertTrue(calls < leaves / 8, calls + " reads for " + leaves + " leaf pages");
        }
        assertScanEqualsJdbc(db);
        // the same rows, freshly written: leaves in ascending order, also read in runs
        Path fresh = tmp.resolve("fresh.db");
        try (Connection c = create(fresh, 4096)) {
            List<Object[]> rows = new ArrayList<>();
            for (long i = 1; i <= n; i++) rows.add(new Object[]{i, "v".repeat(1500), i * 7, null});
            insert(c, rows.toArray(new Object[0][]));
        }
        try (SqliteFile f = SqliteFile.open(fresh)) {
            TableCursor cur = f.table(rootOf(fresh), "t");
            int count = 0;
            while (cur.next()) count++;
            assertEquals(n, count);
            assertTrue(f.readCalls() < n / 2 / 8, f.readCalls() + " reads for about " + n / 2 + " leaf pages");
        }
    }

    @Test
    void emptyTablesAndTablesWithDeletedRows() throws Exception {
        Path db = tmp.resolve("deleted.db");
        try (Connection c = create(db, 4096)) {
            try (SqliteFile f = SqliteFile.open(db)) {
                TableCursor cur = f.table(rootOf(db), "t");
                assertFalse(cur.next());
                assertEquals(Long.MIN_VALUE, f.table(rootOf(db), "t").lastRowid());
            }
            List<Object[]> rows = new ArrayList<>();
            for (long i = 1; i <= 20_000; i++) rows.add(new Object[]{i, "x".repeat((int) (i % 3000)), i, null});
            insert(c, rows.toArray(new Object[0][]));
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM t WHERE id % 2 = 0 OR id BETWEEN 5000 AND 15000");
            }
            c.commit();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA freelist_count")) {
            assertTrue(rs.getLong(1) > 0, "the deletes left free pages");
        }
        assertScanEqualsJdbc(db);
    }

    @Test
    void seededRandomRowsReadAsJdbcReturnsThem() throws Exception {
        for (int seed = 1; seed <= 4; seed++) {
            Random rnd = new Random(seed);
            int pageSize = new int[]{512, 1024, 4096, 8192}[seed - 1];
            Path db = tmp.resolve("random-" + seed + ".db");
            try (Connection c = create(db, pageSize)) {
                List<Object[]> rows = new ArrayList<>();
                long id = 0;
                for (int i = 0; i < 3000; i++) {
                    id += 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 100_000);
                    rows.add(new Object[]{id, randomValue(rnd), randomValue(rnd), randomValue(rnd)});
                }
                insert(c, rows.toArray(new Object[0][]));
            }
            assertScanEqualsJdbc(db);
        }
    }

    private static Object randomValue(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return null;
            case 1: return rnd.nextLong() >> rnd.nextInt(64);
            case 2: return rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
            case 3: {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(rnd.nextInt(10) == 0 ? 20_000 : 40);
                for (int i = 0; i < n; i++) sb.append((char) (rnd.nextInt(5) == 0 ? 0xE9 + rnd.nextInt(200) : 'a' + rnd.nextInt(26)));
                return sb.toString();
            }
            case 4: {
                byte[] b = new byte[rnd.nextInt(rnd.nextInt(10) == 0 ? 30_000 : 60)];
                rnd.nextBytes(b);
                return b;
            }
            default: return (long) rnd.nextInt(2);
        }
    }

    @Test
    void withoutRowidTablesAreRecognised() throws Exception {
        Path db = tmp.resolve("worowid.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE w (k TEXT PRIMARY KEY, v) WITHOUT ROWID");
            st.execute("INSERT INTO w VALUES ('a', 1), ('b', 2)");
        }
        try (SqliteFile f = SqliteFile.open(db)) {
            int type = f.table(rootOf(db, "w"), "w").rootPageType();
            assertTrue(type == TableCursor.LEAF_INDEX || type == TableCursor.INTERIOR_INDEX, "type " + type);
        }
    }

    @Test
    void corruptPagesAreErrorsNamingFileTableAndPage() throws Exception {
        Path good = tmp.resolve("good.db");
        try (Connection c = create(good, 1024)) {
            List<Object[]> rows = new ArrayList<>();
            for (long i = 1; i <= 5000; i++) rows.add(new Object[]{i, "row " + i, new byte[(int) (i % 2000)], null});
            insert(c, rows.toArray(new Object[0][]));
        }
        long root = rootOf(good);

        // a page type that is not a table B-tree page
        Path badType = copy(good, "badtype.db");
        patch(badType, (root - 1) * 1024, new byte[]{0x07});
        assertCorrupt(badType, root, "page " + root);

        // the root's right-most child pointing outside the file
        Path outside = copy(good, "outside.db");
        patch(outside, (root - 1) * 1024 + 8, ByteBuffer.allocate(4).putInt(999_999).array());
        assertCorrupt(outside, root, "outside the file");

        // the root's right-most child pointing back to the root: a cycle, not an endless loop
        Path cycle = copy(good, "cycle.db");
        patch(cycle, (root - 1) * 1024 + 8, ByteBuffer.allocate(4).putInt((int) root).array());
        assertCorrupt(cycle, root, "corrupt database page");

        // a cell count that does not fit the page
        Path cells = copy(good, "cells.db");
        patch(cells, (root - 1) * 1024 + 3, new byte[]{(byte) 0xFF, (byte) 0xFF});
        assertCorrupt(cells, root, "page " + root);

        // a file cut in the middle: children and overflow pages beyond its end
        Path cut = copy(good, "cut.db");
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertCorrupt(cut, root, "outside the file");

        // random garbage over every page but the first: errors, never a hang or an unchecked exception
        Random rnd = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            Path junk = copy(good, "junk" + trial + ".db");
            long size = Files.size(junk);
            for (int k = 0; k < 20; k++) {
                byte[] b = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(b);
                patch(junk, 1024 + (long) (rnd.nextDouble() * (size - 1024 - 8)), b);
            }
            try (SqliteFile f = SqliteFile.open(junk)) {
                TableCursor cur = f.table(root, "t");
                Record rec = new Record();
                while (cur.next()) rec.parse(cur.payload(), cur.payloadLength());
            } catch (BdfsyncException expected) {
                assertTrue(expected.getMessage().contains("junk" + trial + ".db") && expected.getMessage().contains("layer 't'"), expected.getMessage());
            }
        }
    }

    @Test
    void headersThatAreNotSqliteAreRefused() throws Exception {
        Path notDb = tmp.resolve("text.db");
        Files.writeString(notDb, "x".repeat(200));
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> SqliteFile.open(notDb));
        assertTrue(e.getMessage().contains("not an SQLite"), e.getMessage());
    }

    private static void assertCorrupt(Path db, long root, String fragment) {
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> {
            try (SqliteFile f = SqliteFile.open(db)) {
                TableCursor cur = f.table(root, "t");
                while (cur.next()) {
                    // scan to the end
                }
            }
        });
        assertTrue(e.getMessage().contains(db.toString()) && e.getMessage().contains("layer 't'") && e.getMessage().contains(fragment), e.getMessage());
    }

    private Path copy(Path from, String name) throws IOException {
        return Files.copy(from, tmp.resolve(name));
    }

    private static void patch(Path file, long at, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes);
        }
    }

    private static long rootOf(Path db) throws SQLException {
        return rootOf(db, "t");
    }

    private static long rootOf(Path db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = '" + table + "'")) {
            return rs.getLong(1);
        }
    }

    @Test
    void varintsOfEveryLength() {
        Varint v = new Varint();
        long[] values = {0, 1, 127, 128, 16383, 16384, (1L << 21) - 1, 1L << 21, (1L << 56) - 1, 1L << 56, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long x : values) {
            byte[] b = encode(x);
            assertEquals(x, v.read(b, 0, b.length), "value " + x);
            assertEquals(b.length, v.end);
            v.read(b, 0, b.length - 1);
            assertEquals(-1, v.end, "a truncated varint is reported");
        }
    }

    /** The SQLite varint encoding of {@code x} (9 bytes for values above 2^56). */
    private static byte[] encode(long x) {
        if ((x & 0xFF00000000000000L) != 0) {
            byte[] b = new byte[9];
            b[8] = (byte) x;
            long y = x >>> 8;
            for (int i = 7; i >= 0; i--) {
                b[i] = (byte) ((y & 0x7F) | 0x80);
                y >>>= 7;
            }
            return b;
        }
        byte[] tmp = new byte[9];
        int n = 0;
        long y = x;
        do {
            tmp[n++] = (byte) ((y & 0x7F) | 0x80);
            y >>>= 7;
        } while (y != 0);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = tmp[n - 1 - i];
        b[n - 1] &= 0x7F;
        return b;
    }

    @Test
    void reservedSerialTypesAreMalformedRecords() {
        Record r = new Record();
        assertFalse(r.parse(new byte[]{2, 10}, 2), "serial type 10 is reserved");
        assertFalse(r.parse(new byte[]{2, 0x0F}, 2), "a 1-byte text needs one byte more");
        assertTrue(r.parse(new byte[]{2, 0x0F, 'a'}, 3));
        assertEquals("a", r.value(0));
        assertTrue(r.parse(new byte[]{2, 12}, 2));
        assertArrayEquals(new byte[0], (byte[]) r.value(0), "an empty blob");
        assertEquals(-2, SerialType.intValue(new byte[]{(byte) 0xFE}, 0, 1), "integers are signed");
    }
}
