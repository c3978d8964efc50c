package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.QuickValidity;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Validation before writing a package: the new geometry is valid (JTS {@link IsValidOp}), the change is
 * within the label ({@link ScopeCheck}) and satisfies the theme rules ({@link ChangeRules}).
 */
public final class ChangeValidator {
    private final ScopeCheck scope;
    private final ChangeRules rules;

    public ChangeValidator(ScopeCheck scope, ChangeRules rules) {
        this.scope = scope;
        this.rules = rules;
    }

    /** Null when the change may be packaged, else why not. */
    public Refusal check(PackageChange c) {
        return check(c, geometry(c));
    }

    /**
     * The verdict on each change, in order (null: may be packaged). The geometry validity checks, the costly part
     * (parsing and {@link IsValidOp}), run on {@code threads} threads; scope and theme rules then run in order.
     */
    public List<Refusal> checkAll(List<PackageChange> changes, int threads) {
        Refusal[] geometry = new Refusal[changes.size()];
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            Futures.get(pool.submit(() -> IntStream.range(0, geometry.length).parallel().forEach(i -> geometry[i] = geometry(changes.get(i)))),
                    "validating geometries");
        } finally {
            pool.shutdown();
        }
        List<Refusal> out = new ArrayList<>(geometry.length);
        for (int i = 0; i < geometry.length; i++) out.add(check(changes.get(i), geometry[i]));
        return out;
    }

    /**
     * The geometry verdicts of {@code changes}, computed in order on {@code threads} threads of their own, in chunks,
     * while the caller takes them one by one ({@link GeometryVerdicts#check}): the caller (the package writer) works on
     * the first changes while the next are being checked.
     */
    GeometryVerdicts checkInBackground(List<PackageChange> changes, int threads) {
        return new GeometryVerdicts(changes, Math.max(1, threads));
    }

    /** Verdicts computed ahead of their reader; see {@link #checkInBackground}. */
    final class GeometryVerdicts implements AutoCloseable {
        private static final int CHUNK = 256;
        private final List<PackageChange> changes;
        private final Refusal[] geometry;
        private final java.util.concurrent.CountDownLatch[] done;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.ExecutorService pool;
        private final java.util.List<java.util.concurrent.Future<?>> workers = new ArrayList<>();

        private GeometryVerdicts(List<PackageChange> changes, int threads) {
            this.changes = changes;
            this.geometry = new Refusal[changes.size()];
            int chunks = (changes.size() + CHUNK - 1) / CHUNK;
            this.done = new java.util.concurrent.CountDownLatch[chunks];
            for (int i = 0; i < chunks; i++) done[i] = new java.util.concurrent.CountDownLatch(1);
            this.pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "validate-geometries");
                t.setDaemon(true);
                return t;
            });
            for (int t = 0; t < threads; t++) workers.add(pool.submit(this::work));
        }

        private void work() {
            for (int chunk; (chunk = next.getAndIncrement()) < done.length; ) {
                int end = Math.min(geometry.length, (chunk + 1) * CHUNK);
                for (int i = chunk * CHUNK; i < end; i++) geometry[i] = geometry(changes.get(i));
                done[chunk].countDown();
            }
        }

        /** The verdict on change {@code i} (null: may be packaged), once its geometry has been checked. */
        Refusal check(int i) {
            java.util.concurrent.CountDownLatch latch = done[i / CHUNK];
            while (latch.getCount() > 0) {
                try {
                    if (latch.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while validating geometries", e);
                }
                // a worker that failed never counts its chunk down: its exception, as if thrown here
                for (java.util.concurrent.Future<?> w : workers) if (w.isDone()) Futures.get(w, "validating geometries");
            }
            return ChangeValidator.this.check(changes.get(i), geometry[i]);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    private Refusal check(PackageChange c, Refusal geometry) {
        if (geometry != null) return geometry;
        Refusal s = scope.check(c);
        if (s != null) return s;
        return rules.check(c);
    }

    /** Why the new geometry is not valid, or null (also null when the geometry does not change). */
    private static Refusal geometry(PackageChange c) {
        if (!c.geometryChanged() || c.geometry() == null) return null;
        // the common polygon proved valid from its bytes, without parsing it (QuickValidity); anything else: JTS
        if (!c.geometry().isParsed()) {
            byte[] wkb = c.geometry().wkb();
            if (QuickValidity.provedValid(wkb, 0, wkb.length)) return null;
        }
        Geometry g;
        try {
            // not kept: holding every parsed geometry would make memory grow with the changes
            g = c.geometry().parseTransient();
        } catch (IllegalArgumentException e) {
            return new Refusal(Refusal.INVALID_GEOMETRY, e.getMessage());
        }
        TopologyValidationError err = new IsValidOp(g).getValidationError();
        if (err == null) return null;
        return new Refusal(Refusal.INVALID_GEOMETRY, err.getMessage() + " at " + err.getCoordinate());
    }
}
