package io.palisade.detection.cli;

import io.palisade.detection.api.ScanContext;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Scans files on a fixed number of threads; each thread takes the next file, reads it and scans it. Keeps, per
 * file, the verdict and the time from reading to verdict; holds no message bytes beyond the one being scanned.
 */
final class ParallelScan {

    /**
     * The verdicts, per-file wall-clock times and per-file CPU times of the scanning thread (read and scan, in
     * nanoseconds), indexed like the files. The CPU time leaves out waiting for a core, which a shared machine adds
     * to the wall-clock time.
     */
    record Result(Verdict[] verdicts, long[] nanos, long[] cpuNanos, long wallNanos) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final DefaultScanner scanner;
    private final ScanContext context;
    private final int threads;
    private final UnaryOperator<byte[]> prepare;

    ParallelScan(DefaultScanner scanner, ScanContext context, int threads) {
        this(scanner, context, threads, UnaryOperator.identity());
    }

    /** A scan that passes every file's bytes through {@code prepare} before scanning (e.g. {@link CorpusMask}). */
    ParallelScan(DefaultScanner scanner, ScanContext context, int threads, UnaryOperator<byte[]> prepare) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.scanner = scanner;
        this.context = context;
        this.threads = threads;
        this.prepare = prepare;
    }

    Result run(List<Path> files) {
        Verdict[] verdicts = new Verdict[files.size()];
        long[] nanos = new long[files.size()];
        long[] cpuNanos = new long[files.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        long cpuBegin = THREADS.getCurrentThreadCpuTime();
                        verdicts[i] = scanner.scan(new ScanInput.Mail(prepare.apply(read(files.get(i)))), context);
                        cpuNanos[i] = THREADS.getCurrentThreadCpuTime() - cpuBegin;
                        nanos[i] = System.nanoTime() - begin;
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scanning thread failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(verdicts, nanos, cpuNanos, System.nanoTime() - start);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
