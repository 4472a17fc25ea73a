package io.palisade.detection.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A configuration file read from the classpath or a folder.
 *
 * @param path where it came from, relative to its root folder (e.g. {@code rules/phishing/fake-login.yaml})
 * @param text its content as UTF-8 text
 */
public record ResourceFile(String path, String text) {
    public ResourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** A short content hash of these files (paths and texts), in the order given: the version of a config set. */
    public static String contentHash(Collection<ResourceFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ResourceFile file : files) {
                digest.update(file.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
