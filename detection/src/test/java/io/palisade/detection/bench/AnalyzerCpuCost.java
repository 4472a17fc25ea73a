package io.palisade.detection.bench;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.model.ParsedMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;

/**
 * Prints the CPU time each layer spends on the benchmark's messages, measured as the thread's CPU time, which a
 * busy machine inflates far less than wall-clock time. Usage: {@code AnalyzerCpuCost [iterations]}.
 */
public final class AnalyzerCpuCost {
    private AnalyzerCpuCost() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        AnalyzersBenchmark messages = new AnalyzersBenchmark();
        Map<String, ParsedMessage> cases = Map.of(
                "credentialPhish", messages.phish,
                "newsletter", messages.newsletter,
                "textAndHtmlAttachments", messages.withAttachments);
        List<Analyzer> analyzers = Analyzers.defaults(BannerMarkerVerifier.rejectingAll());
        TestScanContext context = TestScanContext.tenant().vip("Jane Doe").insider("Robert Miller");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String name : List.of("credentialPhish", "newsletter", "textAndHtmlAttachments")) {
            StringBuilder line = new StringBuilder(name);
            double total = 0;
            for (Analyzer analyzer : analyzers) {
                runs(analyzer, cases.get(name), context, iterations / 4);
                long start = threads.getCurrentThreadCpuTime();
                runs(analyzer, cases.get(name), context, iterations);
                double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / iterations;
                total += micros;
                line.append(String.format(" %s=%.1f", analyzer.name(), micros));
            }
            System.out.printf("%s total=%.1f us CPU per message%n", line, total);
        }
    }

    private static void runs(Analyzer analyzer, ParsedMessage message, TestScanContext context, int count) {
        for (int i = 0; i < count; i++) {
            analyzer.analyze(message, context, new CollectingFindings());
        }
    }
}
