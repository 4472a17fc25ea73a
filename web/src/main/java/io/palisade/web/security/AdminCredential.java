package io.palisade.web.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap administrator's password: the configured one, else the one generated at an earlier start, else a
 * new random one written to a file only the service's user can read. The password itself is never logged.
 */
final class AdminCredential {

    private static final Logger LOG = LoggerFactory.getLogger(AdminCredential.class);

    private AdminCredential() {}

    static String resolvePassword(String configured, Path passwordFile) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            if (Files.isRegularFile(passwordFile)) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            }
            String generated = generate();
            Files.createDirectories(passwordFile.getParent());
            Files.writeString(passwordFile, generated + "\n", StandardCharsets.UTF_8);
            restrictToOwner(passwordFile);
            LOG.warn("event=admin_password_generated file={} hint=set_palisade.admin.password", passwordFile);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the admin password file " + passwordFile, e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("event=admin_password_file_permissions_unsupported file={}", file);
        }
    }
}
