package io.palisade.detection.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The detection commands: {@code scan} measures speed and memory over folders of {@code .eml} files,
 * {@code evaluate} measures efficacy over labelled folders. See {@code docs/detection.md}, "Commands".
 */
public final class DetectionCli {
    private static final String USAGE = """
            usage:
              scan <folder>... [--threads N] [--warmup W] [--passes P] [--own-domain d,...]
              evaluate <label>=<folder>... [--positive phish] [--negative ham] [--threshold SUSPICIOUS]
                       [--holdout source,...] [--outcomes file.tsv] [--misses N] [--threads N] [--own-domain d,...]
                       [--mask true]
            """;

    private DetectionCli() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs a command; returns the process exit code (0 done, 2 bad usage). */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            switch (args.get(0)) {
                case "scan" -> new ScanCommand(out).run(new Args(rest, ScanCommand.OPTIONS));
                case "evaluate" -> new EvaluateCommand(out).run(new Args(rest, EvaluateCommand.OPTIONS));
                default -> {
                    err.print("unknown command " + args.get(0) + "\n" + USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }
}
