package io.palisade.detection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end on the labelled fixtures in {@code src/test/resources/evaluation}. */
class DetectionCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Path fixtures() throws URISyntaxException {
        return Path.of(DetectionCliTest.class.getResource("/evaluation").toURI());
    }

    private int run(String... args) {
        return DetectionCli.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void evaluatesLabelledFoldersIntoRatesMatrixSourcesAndSignals(@TempDir Path dir) throws Exception {
        Path outcomes = dir.resolve("outcomes.tsv");

        int code = run(
                "evaluate",
                "phish=" + fixtures().resolve("phish"),
                "ham=" + fixtures().resolve("ham"),
                "--holdout",
                "fixture-ham",
                "--outcomes",
                outcomes.toString(),
                "--threads",
                "2");

        assertThat(code).isZero();
        assertThat(output())
                .contains("# Evaluation: 4 messages")
                .contains("| phish | 2 | 100.0% | 100.0% |")
                .contains("| 100.0% | 0.0% | 100.0% | 2 | 0 | 0 | 2 |")
                .contains("## Confusion matrix")
                .contains("| fixture-ham | held out | ham | 2 | 0 | 0.0% | 0.0% |")
                .contains("| fixture-phish | tuning | phish | 2 | 2 | 100.0% |")
                .contains("| CREDENTIAL_REQUEST | 2 (100.0%) | 0 (0.0%) |");
        List<String> rows = Files.readAllLines(outcomes);
        assertThat(rows).hasSize(5);
        assertThat(rows.getFirst()).isEqualTo("file\tlabel\tsource\tscore\tlevel\tsignals");
        assertThat(rows).anyMatch(r -> r.startsWith("fixture-ham-0002.eml\tham\tfixture-ham\t"));
    }

    @Test
    void scansAFolderPassAfterPassAndReportsThroughputLatencyAndHeap() throws Exception {
        int code = run("scan", fixtures().toString(), "--warmup", "0", "--passes", "2", "--threads", "2");

        assertThat(code).isZero();
        assertThat(output())
                .contains("files=4 threads=2")
                .contains("| pass | msg/s | p50 ms | p99 ms | max ms | thread CPU p50 / p99 ms |")
                .contains("total: 8 messages")
                .contains("levels of the last pass:");
    }

    @Test
    void refusesBadUsageWithExitCodeTwoAndTheUsage(@TempDir Path dir) throws IOException {
        assertThat(run()).isEqualTo(2);
        assertThat(run("bench")).isEqualTo(2);
        assertThat(run("evaluate", "phish")).isEqualTo(2);
        assertThat(run("scan", dir.toString())).isEqualTo(2);
        assertThat(run("scan", dir.toString(), "--passes")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command bench")
                .contains("expected <label>=<folder>, got phish")
                .contains("no .eml files under")
                .contains("option --passes needs a value")
                .contains("usage:");
        assertThat(output()).isEmpty();
    }
}
