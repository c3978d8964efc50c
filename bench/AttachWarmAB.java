import java.io.*;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.*;

/**
 * Whole `attach` runs of several builds alternated in one JVM, one class loader per jar: the process CPU and wall time
 * of each run, and its local read and scoring phases (`--verbose`). Round 0 pays each build's compilation; from round
 * 1 on, the builds run warm, side by side in the same minutes, so that the machine's drift (large on this shared VM:
 * the same jar's cold runs vary by 15 %) falls on all of them alike. Outputs go to a temporary directory, deleted.
 *
 * Usage: java -Xmx6g -Xmn256m -XX:+UseParallelGC bench/AttachWarmAB.java JAR1,JAR2[,...] ROUNDS [LOCAL.gpkg [NATIONAL.gpkg]]
 *   e.g. java -Xmx6g -Xmn256m -XX:+UseParallelGC bench/AttachWarmAB.java /tmp/a.jar,/tmp/b.jar 6
 * (by default the files of bench/attach_bench.sh's 1M EVERY=10 benchmark under /work/bench-data; national layer
 * zone_de_vegetation).
 */
public class AttachWarmAB {
    public static void main(String[] a) throws Exception {
        String[] jars = a[0].split(",");
        int rounds = Integer.parseInt(a[1]);
        String local = a.length > 2 ? a[2] : "/work/bench-data/attach/local1000000-every10.gpkg";
        String national = a.length > 3 ? a[3] : "/work/bench-data/n1000000/base.gpkg";
        Method[] run = new Method[jars.length];
        for (int j = 0; j < jars.length; j++) {
            URLClassLoader cl = new URLClassLoader(new URL[]{Path.of(jars[j]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class.forName("org.sqlite.JDBC", true, cl); // registers this loader's driver with DriverManager
            run[j] = cl.loadClass("fr.bdfsync.cli.Main").getMethod("run", String[].class, PrintWriter.class, PrintWriter.class);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < jars.length; j++) {
                Path dir = Files.createTempDirectory("ab");
                String[] args = {"attach", "--verbose", "--local", local, "--national", national,
                        "--national-layer", "zone_de_vegetation", "--state", dir + "/s.gpkg", "--output", dir + "/l.gpkg", "--summary", dir + "/j.json"};
                StringWriter err = new StringWriter();
                System.gc();
                long c0 = os.getProcessCpuTime(), w0 = System.nanoTime();
                int rc = (int) run[j].invoke(null, args, new PrintWriter(new StringWriter()), new PrintWriter(err));
                long c1 = os.getProcessCpuTime(), w1 = System.nanoTime();
                String t = err.toString();
                if (rc != 0) { System.out.println("rc " + rc + ": " + t.lines().findFirst().orElse("")); return; }
                String scoring = t.replaceAll("(?s).*national read and scoring ([0-9.]+ s wall / [0-9.]+ s CPU).*", "$1");
                String lread = t.replaceAll("(?s).*local read ([0-9.]+ s wall / [0-9.]+ s CPU).*", "$1");
                System.out.printf("round %d jar %d rc %d wall %.2f s cpu %.2f s | local read %s | scoring %s%n", r, j, rc, (w1 - w0) / 1e9, (c1 - c0) / 1e9, lread, scoring);
                for (String f : new String[]{"s.gpkg", "l.gpkg", "j.json"}) Files.deleteIfExists(dir.resolve(f));
                Files.deleteIfExists(dir);
            }
        }
    }
}
