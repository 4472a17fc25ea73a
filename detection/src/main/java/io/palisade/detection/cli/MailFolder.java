package io.palisade.detection.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The {@code .eml} files under a folder, in a stable order, each with the source its name says. */
final class MailFolder {
    /** {@code nazario-20051114-0001.eml} and {@code sa-easy-ham-1-00003.860e3c.eml}: source, number, hash. */
    private static final Pattern NUMBERED = Pattern.compile("^(.+?)-\\d+(?:\\.[0-9a-fA-F]+)?\\.eml$");

    private MailFolder() {}

    /** Every {@code .eml} file under {@code folder}, at any depth, sorted by path. */
    static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".eml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * The source of a message: its file name without the trailing number (and hash), e.g. {@code nazario-20051114}
     * or {@code sa-easy-ham-1}; the parent folder's name when the file name has no number.
     */
    static String source(Path file) {
        Matcher m = NUMBERED.matcher(file.getFileName().toString());
        if (m.matches()) {
            return m.group(1);
        }
        Path parent = file.getParent();
        return parent == null || parent.getFileName() == null
                ? "unknown"
                : parent.getFileName().toString();
    }
}
