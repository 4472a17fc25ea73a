package io.palisade.detection.cli;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code scan <folder>... [--threads N] [--warmup W] [--passes P]}: scans every {@code .eml} file under the
 * folders, pass after pass, and prints per pass the throughput, the latency percentiles of reading and scanning
 * one message (wall clock, and CPU time of the scanning thread, which a busy machine does not inflate), the process
 * CPU time per message (garbage collection and compilation included) and the heap in use after a full collection
 * (flat memory shows as a flat last column).
 */
final class ScanCommand {
    static final Set<String> OPTIONS = Set.of("threads", "warmup", "passes", "own-domain");

    private final PrintStream out;

    ScanCommand(PrintStream out) {
        this.out = out;
    }

    void run(Args args) {
        List<Path> files = new ArrayList<>();
        for (String folder : args.positional()) {
            files.addAll(MailFolder.list(Path.of(folder)));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .eml files under " + args.positional());
        }
        int threads = args.intOption("threads", Runtime.getRuntime().availableProcessors());
        int warmup = args.intOption("warmup", 2);
        int passes = Math.max(1, args.intOption("passes", 5));
        DefaultScanner scanner = CliScanner.build();
        ParallelScan scan = new ParallelScan(scanner, new OutsideTenant(args.setOption("own-domain")), threads);
        out.printf(
                Locale.ROOT,
                "files=%d threads=%d cores=%d warmup=%d passes=%d %s%n",
                files.size(),
                threads,
                Runtime.getRuntime().availableProcessors(),
                warmup,
                passes,
                scanner.engineVersion());
        for (int i = 0; i < warmup; i++) {
            scan.run(files);
        }
        out.println("| pass | msg/s | p50 ms | p99 ms | max ms | thread CPU p50 / p99 ms | process CPU ms/msg"
                + " | heap after GC MiB |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        long[] all = new long[files.size() * passes];
        long[] allCpu = new long[files.size() * passes];
        long wall = 0;
        ParallelScan.Result last = null;
        for (int pass = 1; pass <= passes; pass++) {
            long cpuBefore = processCpuNanos();
            last = scan.run(files);
            long cpu = processCpuNanos() - cpuBefore;
            wall += last.wallNanos();
            System.arraycopy(last.nanos(), 0, all, (pass - 1) * files.size(), files.size());
            System.arraycopy(last.cpuNanos(), 0, allCpu, (pass - 1) * files.size(), files.size());
            long[] sorted = last.nanos().clone();
            Arrays.sort(sorted);
            long[] sortedCpu = last.cpuNanos().clone();
            Arrays.sort(sortedCpu);
            out.printf(
                    Locale.ROOT,
                    "| %d | %.0f | %.2f | %.2f | %.1f | %.2f / %.2f | %.3f | %.1f |%n",
                    pass,
                    files.size() / (last.wallNanos() / 1e9),
                    millis(percentile(sorted, 0.50)),
                    millis(percentile(sorted, 0.99)),
                    millis(sorted[sorted.length - 1]),
                    millis(percentile(sortedCpu, 0.50)),
                    millis(percentile(sortedCpu, 0.99)),
                    cpu / 1e6 / files.size(),
                    heapAfterGcMiB());
        }
        Arrays.sort(all);
        Arrays.sort(allCpu);
        out.printf(
                Locale.ROOT,
                "total: %d messages in %.2f s = %.0f msg/s; p50 %.2f ms, p99 %.2f ms, max %.1f ms;"
                        + " thread CPU p50 %.2f ms, p99 %.2f ms, max %.1f ms%n",
                all.length,
                wall / 1e9,
                all.length / (wall / 1e9),
                millis(percentile(all, 0.50)),
                millis(percentile(all, 0.99)),
                millis(all[all.length - 1]),
                millis(percentile(allCpu, 0.50)),
                millis(percentile(allCpu, 0.99)),
                millis(allCpu[allCpu.length - 1]));
        out.println("levels of the last pass: " + levels(last.verdicts()));
    }

    static long percentile(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static Map<RiskLevel, Integer> levels(Verdict[] verdicts) {
        Map<RiskLevel, Integer> counts = new EnumMap<>(RiskLevel.class);
        for (Verdict v : verdicts) {
            counts.merge(v.level(), 1, Integer::sum);
        }
        return counts;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    @SuppressWarnings("java:S1215") // An explicit collection is what makes the heap figure comparable per pass.
    private static double heapAfterGcMiB() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1024.0 / 1024.0;
    }
}
