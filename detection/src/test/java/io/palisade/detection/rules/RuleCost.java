package io.palisade.detection.rules;

import io.palisade.detection.api.ScanInput;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.parse.Deadline;
import io.palisade.detection.parse.MessageParser;
import io.palisade.detection.parse.ParseLimits;
import io.palisade.detection.testing.TestContext;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * For rule authors: the CPU time each rule's condition costs per message over a folder of {@code .eml} files,
 * measured on the thread's CPU clock (a busy machine inflates it far less than wall-clock time). Each rule gets a
 * fresh message model, so it also pays for the variables it reads. Signals are left empty: the cost measured is that
 * of a rule whose cheap signal tests do not stop it early. Usage: {@code RuleCost folder [passes]}.
 */
public final class RuleCost {

    private RuleCost() {}

    public static void main(String[] args) throws IOException {
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        MessageParser parser = new MessageParser(ParseLimits.defaults());
        List<ParsedMessage> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                messages.add(parser.parse(new ScanInput.Mail(Files.readAllBytes(file)), Deadline.none())
                        .message());
            }
        }
        RuleSet rules = RuleSet.fromClasspath();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        double total = 0;
        for (RuleSet.CompiledRule compiled : rules.compiled()) {
            long nanos = 0;
            for (int pass = 0; pass < passes; pass++) {
                long start = threads.getCurrentThreadCpuTime();
                for (ParsedMessage message : messages) {
                    evaluate(compiled, message);
                }
                nanos = threads.getCurrentThreadCpuTime() - start;
            }
            double micros = nanos / 1000.0 / messages.size();
            total += micros;
            out.printf("%9.1f us  %s%n", micros, compiled.rule().path());
        }
        out.printf("%9.1f us  sum of the rules alone, per message, over %d messages%n", total, messages.size());
        long shared = 0;
        for (int pass = 0; pass < passes; pass++) {
            long start = threads.getCurrentThreadCpuTime();
            for (ParsedMessage message : messages) {
                rules.evaluate(message, TestContext.contoso(), List.of(), Deadline.none());
            }
            shared = threads.getCurrentThreadCpuTime() - start;
        }
        out.printf(
                "%9.1f us  the pack as the scanner runs it (one model per message)%n",
                shared / 1000.0 / messages.size());
    }

    private static void evaluate(RuleSet.CompiledRule compiled, ParsedMessage message) {
        try {
            compiled.program().eval(CelMessageModel.of(message, TestContext.contoso(), List.of()));
        } catch (dev.cel.runtime.CelEvaluationException e) {
            throw new IllegalStateException(compiled.rule().path(), e);
        }
    }
}
