package io.palisade.web.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In the demo mode only, when no secrets key is configured, keeps one in a file readable by the service's user
 * alone ({@code ~/.palisade/secrets-key}), so that a restarted demo still reads what it encrypted. A real
 * installation sets {@code palisade.secrets.key} (or {@code PALISADE_SECRETS_KEY}) and never reaches this.
 */
public class LocalSecretsKey implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String key = environment.getProperty("palisade.secrets.key");
        boolean demo = environment.getProperty("palisade.demo.enabled", Boolean.class, false);
        String keyFile = environment.getProperty("palisade.secrets.local-key-file");
        if ((key != null && !key.isBlank()) || !demo || keyFile == null || keyFile.isBlank()) {
            return;
        }
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "palisade-local-secrets-key", Map.of("palisade.secrets.key", readOrCreate(Path.of(keyFile)))));
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the demo secrets key file " + file, e);
        }
    }
}
