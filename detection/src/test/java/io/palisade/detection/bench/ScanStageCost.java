package io.palisade.detection.bench;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.detection.engine.ScanReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a scan spends its time: the mean per message of each pipeline stage over a folder of {@code .eml} files,
 * on one thread, and the slowest messages. Usage: {@code ScanStageCost <folder> [passes]}; the first pass warms up.
 */
public final class ScanStageCost {
    private ScanStageCost() {}

    private static String stages(Map<String, Duration> timings) {
        StringBuilder out = new StringBuilder();
        timings.forEach((stage, d) -> {
            if (d.toNanos() > 1_000_000) {
                out.append(String.format(" %s=%.1f", stage, d.toNanos() / 1e6));
            }
        });
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        List<Analyzer> layers = Analyzers.defaults(BannerMarkerVerifier.rejectingAll());
        DefaultScanner scanner = DefaultScanner.builder()
                .prefilter(layers.subList(0, 1))
                .analyzers(layers.subList(1, layers.size()))
                .build();
        TestScanContext context = TestScanContext.tenant();
        Map<String, Long> nanosByStage = new TreeMap<>();
        List<Map.Entry<Path, ScanReport>> slowest = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            for (Path file : files) {
                ScanReport report = scanner.scanWithReport(new ScanInput.Mail(Files.readAllBytes(file)), context);
                if (pass == passes - 1) {
                    report.timings().forEach((stage, d) -> nanosByStage.merge(stage, d.toNanos(), Long::sum));
                    slowest.add(Map.entry(file, report));
                }
            }
        }
        nanosByStage.forEach(
                (stage, nanos) -> System.out.printf("%-24s %8.3f ms/msg%n", stage, nanos / 1e6 / files.size()));
        slowest.sort(Comparator.comparing(
                        (Map.Entry<Path, ScanReport> e) -> e.getValue().total())
                .reversed());
        slowest.stream()
                .limit(10)
                .forEach(e -> System.out.printf(
                        "%8.1f ms %s %s%n",
                        e.getValue().total().toNanos() / 1e6,
                        e.getKey().getFileName(),
                        stages(e.getValue().timings())));
    }
}
