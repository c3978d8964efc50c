package fr.bdfsync.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhasesTest {
    @Test
    void phasesAccumulateInFirstRunOrder() throws InterruptedException {
        Phases p = new Phases();
        long t = System.nanoTime();
        Thread.sleep(20);
        t = p.add("read", t);
        Thread.sleep(5);
        t = p.add("write", t);
        Thread.sleep(20);
        p.add("read", t);
        Map<String, Long> ms = p.millis();
        assertEquals(List.of("read", "write"), List.copyOf(ms.keySet()));
        assertTrue(ms.get("read") >= 40, "both intervals charged to read: " + ms);
        assertTrue(p.cpuMillis().isEmpty(), "no CPU time unless asked for");
    }

    @Test
    void marksChargeTheTimeSinceThePreviousMarkAndCpuWhenAsked() {
        Phases p = Phases.withCpu();
        long x = 0;
        for (int i = 0; i < 20_000_000; i++) x += i ^ (x >>> 3); // some CPU work
        p.mark("work");
        p.mark("nothing");
        assertTrue(x != 1);
        Map<String, Long> cpu = p.cpuMillis();
        assertEquals(List.of("work", "nothing"), List.copyOf(p.millis().keySet()));
        assertEquals(List.of("work", "nothing"), List.copyOf(cpu.keySet()));
        assertTrue(cpu.get("work") >= cpu.get("nothing"), cpu.toString());
    }

    @Test
    void addAllSumsAnotherTimer() {
        Phases a = new Phases(), b = new Phases();
        long t = System.nanoTime() - 3_000_000;
        a.add("x", t);
        b.add("x", t);
        b.add("y", t);
        a.addAll(b);
        assertEquals(List.of("x", "y"), List.copyOf(a.millis().keySet()));
        assertTrue(a.millis().get("x") >= 6, a.millis().toString());
    }
}
