package fr.bdfsync.core.io;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches read one ahead: given in order, read in order by one thread, at most one read ahead, failures thrown in place. */
class ReadAheadTest {

    @Test
    void givesEveryBatchInOrderReadInOrderByOneThread() {
        List<Integer> readOrder = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger given = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        List<Integer> out = new ArrayList<>();
        try (ReadAhead<Integer> a = new ReadAhead<>(200, i -> {
            readOrder.add(i);
            threads.add(Thread.currentThread().getName());
            maxAhead.accumulateAndGet(i - given.get(), Math::max);
            return i * 3;
        }, "test-read")) {
            while (a.hasNext()) {
                out.add(a.next());
                given.incrementAndGet();
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) expected.add(i * 3);
        assertEquals(expected, out);
        for (int i = 0; i < 200; i++) assertEquals(i, readOrder.get(i));
        assertTrue(threads.stream().allMatch("test-read"::equals), "one thread of its own: " + threads.get(0));
        // batch i is read once batch i - 1 was given: never more than one ahead of the caller
        assertTrue(maxAhead.get() <= 1, "read ahead by " + maxAhead.get());
    }

    @Test
    void noBatchesNothingRead() {
        AtomicInteger reads = new AtomicInteger();
        try (ReadAhead<Integer> a = new ReadAhead<>(0, i -> reads.incrementAndGet(), "test-read")) {
            assertFalse(a.hasNext());
            assertThrows(java.util.NoSuchElementException.class, a::next);
        }
        assertEquals(0, reads.get());
    }

    @Test
    void aFailedReadIsThrownWhereItsBatchWouldHaveBeenGiven() {
        IllegalArgumentException boom = new IllegalArgumentException("page 7 is corrupt");
        try (ReadAhead<String> a = ReadAhead.of(List.of("a", "b", "c"), s -> {
            if (s.equals("b")) throw boom;
            return s.toUpperCase();
        }, "test-read")) {
            assertEquals("A", a.next());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, a::next);
            assertSame(boom, e);
            assertFalse(a.hasNext(), "nothing after a failure");
        }
    }

    @Test
    void closeWaitsForTheReadUnderWay() throws Exception {
        AtomicInteger finished = new AtomicInteger();
        ReadAhead<Integer> a = new ReadAhead<>(3, i -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
            return i;
        }, "test-read");
        assertEquals(0, a.next());
        a.close(); // batch 1 is being read
        int now = finished.get();
        Thread.sleep(120);
        assertEquals(now, finished.get(), "nothing read after close returned");
        assertEquals(2, now);
    }
}
