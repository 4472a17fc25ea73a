package io.palisade.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficExportCommandTest {

    @TempDir
    Path folder;

    @Test
    void writesOneEmlPerMessageAndALabelLineForEach() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        var options = TrafficExportCommand.Options.parse(
                new String[] {"--out", folder.toString(), "--count", "40", "--seed", "5", "--platform", "google"});

        int status = new TrafficExportCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(options);

        List<String> labels = Files.readAllLines(folder.resolve("labels.tsv"));
        assertThat(status).isZero();
        assertThat(labels).hasSize(41).first().isEqualTo("file\tlabel\tkind\tcampaign\trecipients");
        for (String line : labels.subList(1, labels.size())) {
            String[] columns = line.split("\t");
            assertThat(columns).hasSize(5);
            assertThat(columns[1]).isIn("ham", "attack");
            assertThat(columns[0]).endsWith("-" + columns[2] + ".eml");
            assertThat(Files.size(folder.resolve(columns[0]))).isGreaterThan(500);
            assertThat(columns[3].equals("-")).isEqualTo(columns[1].equals("ham"));
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("wrote 40 messages");
    }

    @Test
    void refusesMissingOrMalformedArguments() {
        assertThatThrownBy(() -> TrafficExportCommand.Options.parse(new String[] {"--count", "3"}))
                .hasMessageContaining("--out");
        assertThatThrownBy(() -> TrafficExportCommand.Options.parse(new String[] {"--out", "x", "--count", "many"}))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> TrafficExportCommand.Options.parse(
                        new String[] {"--out", "x", "--count", "1", "--platform", "lotus"}))
                .hasMessageContaining("microsoft or google");
    }
}
