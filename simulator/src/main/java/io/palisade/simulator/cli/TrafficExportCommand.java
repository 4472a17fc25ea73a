package io.palisade.simulator.cli;

import io.palisade.simulator.traffic.Delivery;
import io.palisade.simulator.traffic.DeliveryPlan;
import io.palisade.simulator.traffic.MailboxDirectory;
import io.palisade.simulator.traffic.ReceivingPlatform;
import io.palisade.simulator.traffic.TrafficGenerator;
import io.palisade.simulator.traffic.TrafficSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes generated mail as {@code .eml} files and a {@code labels.tsv} into a folder, for detection's evaluation and
 * for fixtures. Teams posts are not mail, so the export leaves them out.
 *
 * <pre>
 * traffic-export --out target/traffic --count 1000 [--seed 1] [--attack-share 0.2] [--domain contoso.example]
 *                [--mailboxes 50] [--platform microsoft|google]
 * </pre>
 */
public final class TrafficExportCommand {

    private static final String USAGE = "usage: traffic-export --out DIR --count N [--seed S] [--attack-share F]"
            + " [--domain D] [--mailboxes M] [--platform microsoft|google]";

    private final PrintStream out;

    TrafficExportCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new TrafficExportCommand(System.out).run(Options.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            status = 2;
        } catch (IOException e) {
            System.err.println("could not write the export: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    int run(Options options) throws IOException {
        MailboxDirectory directory = MailboxDirectory.generated(options.domain, options.platform, options.mailboxes);
        TrafficSettings settings = TrafficSettings.withSeed(options.seed)
                .withAttackShare(options.attackShare)
                .withTeamsShare(0);
        TrafficGenerator generator = new TrafficGenerator(directory, settings);
        Files.createDirectories(options.out);

        Map<String, Integer> perKind = new TreeMap<>();
        long bytes = 0;
        long started = System.nanoTime();
        try (BufferedWriter labels =
                Files.newBufferedWriter(options.out.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            labels.write("file\tlabel\tkind\tcampaign\trecipients\n");
            for (long index = 0; index < options.count; index++) {
                Delivery delivery = generator.render(index);
                DeliveryPlan plan = delivery.plan();
                String file = String.format("%06d-%s.eml", index, plan.kind().label());
                byte[] mime = delivery.mail().mime();
                Files.write(options.out.resolve(file), mime);
                labels.write(file + "\t" + plan.kind().category() + "\t"
                        + plan.kind().label() + "\t" + (plan.campaign() == null ? "-" : plan.campaign()) + "\t"
                        + plan.recipients().size() + "\n");
                perKind.merge(plan.kind().label(), 1, Integer::sum);
                bytes += mime.length;
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        out.printf(
                "wrote %d messages (%d KiB) and labels.tsv to %s in %.1f s (%.0f messages/s, rendering and"
                        + " writing)%n",
                options.count, bytes / 1024, options.out, seconds, options.count / seconds);
        perKind.forEach((kind, count) -> out.printf("  %-24s %d%n", kind, count));
        return 0;
    }

    /** The command's arguments. */
    record Options(
            Path out,
            long count,
            long seed,
            double attackShare,
            String domain,
            int mailboxes,
            ReceivingPlatform platform) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            if (!values.containsKey("out") || !values.containsKey("count")) {
                throw new IllegalArgumentException("--out and --count are required");
            }
            try {
                return new Options(
                        Path.of(values.remove("out")),
                        Long.parseLong(values.remove("count")),
                        Long.parseLong(values.getOrDefault("seed", "1")),
                        Double.parseDouble(values.getOrDefault("attack-share", "0.2")),
                        values.getOrDefault("domain", "contoso.example"),
                        Integer.parseInt(values.getOrDefault("mailboxes", "50")),
                        platform(values.getOrDefault("platform", "microsoft")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
            }
        }

        private static ReceivingPlatform platform(String name) {
            return switch (name) {
                case "microsoft" -> ReceivingPlatform.MICROSOFT_365;
                case "google" -> ReceivingPlatform.GOOGLE_WORKSPACE;
                default -> throw new IllegalArgumentException("--platform must be microsoft or google, got " + name);
            };
        }
    }
}
