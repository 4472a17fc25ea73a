package io.palisade.detection.bench;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole scan (MIME parsing, the eight layers, the rule pack, scoring) over real {@code .eml} files, one message
 * after the other in a fixed order. {@code -p folder=...} points it at a corpus; without it, it runs over the
 * project's own fixtures. Run with {@code -t 2} for two threads and {@code -bm sample} for the latency
 * percentiles; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class ScannerBenchmark {

    /** A folder of {@code .eml} files (searched at any depth); empty means the project's test fixtures. */
    @Param({""})
    public String folder;

    private DefaultScanner scanner;
    private byte[][] messages;
    private final TestScanContext context = TestScanContext.tenant();

    /** Each benchmark thread walks the messages from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void load() throws IOException, URISyntaxException {
        List<Analyzer> layers = Analyzers.defaults(BannerMarkerVerifier.rejectingAll());
        scanner = DefaultScanner.builder()
                .prefilter(layers.subList(0, 1))
                .analyzers(layers.subList(1, layers.size()))
                .build();
        Path root = folder.isEmpty()
                ? Path.of(ScannerBenchmark.class.getResource("/evaluation").toURI())
                        .getParent()
                : Path.of(folder);
        try (Stream<Path> files = Files.walk(root)) {
            messages = files.filter(p -> p.toString().endsWith(".eml"))
                    .sorted()
                    .map(ScannerBenchmark::read)
                    .toArray(byte[][]::new);
        }
        if (messages.length == 0) {
            throw new IllegalStateException("no .eml files under " + root);
        }
    }

    @Benchmark
    public Verdict scan(Cursor cursor) {
        byte[] raw = messages[cursor.next];
        cursor.next = (cursor.next + 1) % messages.length;
        return scanner.scan(new ScanInput.Mail(raw), context);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
