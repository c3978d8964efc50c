package fr.bdfsync.core.io.sqlite;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Varint#write} and {@link Varint#length} give what {@link Varint#read} reads back, at every length 1..9. */
class VarintWriteTest {
    @Test
    void writtenVarintsReadBack() {
        Random r = new Random(7);
        Varint v = new Varint();
        long[] edges = {0, 1, 127, 128, 16383, 16384, (1L << 21) - 1, 1L << 21, (1L << 56) - 1, 1L << 56, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (int t = 0; t < 20000; t++) {
            long x = t < edges.length ? edges[t] : r.nextLong() >>> r.nextInt(64);
            byte[] buf = new byte[12];
            int end = Varint.write(x, buf, 2);
            assertEquals(2 + Varint.length(x), end, "length of " + x);
            assertEquals(x, v.read(buf, 2, buf.length), "value " + x);
            assertEquals(end, v.end, "end of " + x);
        }
        assertEquals(1, Varint.length(127));
        assertEquals(2, Varint.length(128));
        assertEquals(9, Varint.length(-1));
    }
}
