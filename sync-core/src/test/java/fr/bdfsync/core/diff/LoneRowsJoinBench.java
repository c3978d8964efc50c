package fr.bdfsync.core.diff;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Micro-benchmark of {@link LoneRows#join} (not a test): N renumbered rows a side (default 1,000,000; keys like
 * cleabs, B's rows in a shuffled order, one row in seven changed), each side in two parts as the two scan threads
 * leave them, joined on two threads. Prints the process CPU time of the appends and of the join per round (the JIT
 * warms up in the first rounds; the best rounds are the figure).
 * Run: {@code java -Xms4g -Xmx4g -XX:+UseParallelGC -cp sync-core/target/classes:sync-core/target/test-classes
 * fr.bdfsync.core.diff.LoneRowsJoinBench [N] [ROUNDS]} after {@code mvn -DskipTests package} (test classes are compiled
 * by {@code mvn test-compile}).
 */
public final class LoneRowsJoinBench {
    private LoneRowsJoinBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Random rnd = new Random(1);
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) keys[i] = String.format("TRONCHYD%016d", 10_000_000L + i * 37L).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        try {
            for (int round = 0; round < rounds; round++) {
                List<LoneRows> a = List.of(new LoneRows(), new LoneRows()), b = List.of(new LoneRows(), new LoneRows());
                long t0 = os.getProcessCpuTime();
                for (int i = 0; i < n; i++) {
                    byte[] k = keys[i];
                    a.get(i < n / 2 ? 0 : 1).add(k, 0, k.length, Hash64.hash(k, 0, k.length, 7), i + 1, i, i);
                }
                for (int i = 0; i < n; i++) {
                    byte[] k = keys[perm[i]];
                    b.get(i < n / 2 ? 0 : 1).add(k, 0, k.length, Hash64.hash(k, 0, k.length, 7), i + 1, perm[i], perm[i] % 7 == 0 ? 1 : perm[i]);
                }
                long t1 = os.getProcessCpuTime();
                LoneRows.Joined j = LoneRows.join(a, b, pool, 2);
                long t2 = os.getProcessCpuTime();
                System.out.printf("round %2d  append %5d ms CPU  join %5d ms CPU  (%d pairs, %d unchanged)%n", round, (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000, j.pairA().size(), j.unchanged());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
