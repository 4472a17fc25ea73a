package io.palisade.detection.cli;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code evaluate <label>=<folder>... [--positive phish] [--negative ham] [--threshold SUSPICIOUS]
 * [--holdout source,...] [--outcomes file.tsv] [--misses N] [--threads N] [--own-domain d,...] [--mask true]}:
 * scans labelled
 * folders and prints the detection rate per level, the false-positive rate, the confusion matrix, a breakdown per
 * source and the hits per signal. Sources named in {@code --holdout} are reported apart, as the part not used for
 * tuning. {@code --mask true} scans every message through {@link CorpusMask} first.
 */
final class EvaluateCommand {
    static final Set<String> OPTIONS = Set.of(
            "positive", "negative", "threshold", "holdout", "outcomes", "misses", "threads", "own-domain", "mask");

    private final PrintStream out;

    EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    void run(Args args) {
        List<String> labels = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String spec : args.positional()) {
            int eq = spec.indexOf('=');
            if (eq < 1 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("expected <label>=<folder>, got " + spec);
            }
            for (Path file : MailFolder.list(Path.of(spec.substring(eq + 1)))) {
                labels.add(spec.substring(0, eq));
                files.add(file);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .eml files in " + args.positional());
        }
        String positive = args.option("positive", "phish");
        String negative = args.option("negative", "ham");
        RiskLevel threshold =
                RiskLevel.valueOf(args.option("threshold", "SUSPICIOUS").toUpperCase(Locale.ROOT));
        DefaultScanner scanner = CliScanner.build();
        int threads = args.intOption("threads", Runtime.getRuntime().availableProcessors());
        boolean mask = Boolean.parseBoolean(args.option("mask", "false"));
        ParallelScan.Result result = new ParallelScan(
                        scanner,
                        new OutsideTenant(args.setOption("own-domain")),
                        threads,
                        mask ? CorpusMask::apply : UnaryOperator.identity())
                .run(files);
        Evaluation evaluation = new Evaluation();
        for (int i = 0; i < files.size(); i++) {
            Verdict v = result.verdicts()[i];
            evaluation.add(new Evaluation.Outcome(
                    files.get(i).getFileName().toString(),
                    labels.get(i),
                    MailFolder.source(files.get(i)),
                    v.score(),
                    v.level(),
                    v.signals().stream().map(Signal::name).toList()));
        }
        out.printf(
                Locale.ROOT,
                "# Evaluation: %d messages%s, %s%n%n",
                files.size(),
                mask ? " (corpus artefacts masked)" : "",
                scanner.engineVersion());
        new EvaluationReport(out, positive, negative, threshold).print(evaluation, args.setOption("holdout"));
        misses(evaluation, positive, negative, args.intOption("misses", 0));
        String outcomes = args.option("outcomes", "");
        if (!outcomes.isEmpty()) {
            writeOutcomes(evaluation, Path.of(outcomes));
        }
    }

    private void misses(Evaluation e, String positive, String negative, int count) {
        if (count == 0) {
            return;
        }
        out.println("## Lowest-scored " + positive + " and highest-scored " + negative);
        out.println();
        e.outcomes().stream()
                .filter(o -> o.label().equals(positive))
                .sorted(Comparator.comparingInt(Evaluation.Outcome::score).thenComparing(Evaluation.Outcome::file))
                .limit(count)
                .forEach(o -> out.printf(Locale.ROOT, "- %s %d %s %s%n", o.file(), o.score(), o.level(), o.signals()));
        e.outcomes().stream()
                .filter(o -> o.label().equals(negative))
                .sorted(Comparator.comparingInt(Evaluation.Outcome::score)
                        .reversed()
                        .thenComparing(Evaluation.Outcome::file))
                .limit(count)
                .forEach(o -> out.printf(Locale.ROOT, "- %s %d %s %s%n", o.file(), o.score(), o.level(), o.signals()));
        out.println();
    }

    private static void writeOutcomes(Evaluation e, Path target) {
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write("file\tlabel\tsource\tscore\tlevel\tsignals\n");
            for (Evaluation.Outcome o : e.outcomes()) {
                w.write(String.join(
                        "\t",
                        o.file(),
                        o.label(),
                        o.source(),
                        Integer.toString(o.score()),
                        o.level().name(),
                        String.join(",", o.signals())));
                w.write('\n');
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + target, ex);
        }
    }
}
