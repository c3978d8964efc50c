package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs tasks on the diff's pool and returns their results in order; a task's runtime exception is rethrown as is,
 * once every task has ended (tasks are not interrupted: an interrupt would close the file channels they share).
 */
final class Parallel {
    private Parallel() {
    }

    static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) futures.add(pool.submit(t));
        List<T> out = new ArrayList<>();
        Throwable failure = null;
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BdfsyncException(ExitCode.INTERNAL, "interrupted", e);
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            }
        }
        if (failure instanceof RuntimeException) throw (RuntimeException) failure;
        if (failure != null) throw new BdfsyncException(ExitCode.INTERNAL, "diff failed: " + failure, failure);
        return out;
    }
}
