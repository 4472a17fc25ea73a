package io.palisade.core.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds the {@link SecretCipher} from {@code palisade.secrets.*}. A missing or malformed key stops start-up with a
 * message that says what to set, except in demo and development runs, where a missing key is generated (and the log
 * says so, without printing it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
public class SecretCipherConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCipherConfiguration.class);
    private static final Set<String> GENERATING_PROFILES = Set.of("demo", "dev");

    static final String MISSING_KEY = "palisade.secrets.key is not set. Palisade encrypts provider secrets with it:"
            + " set it (or the environment variable PALISADE_SECRETS_KEY) to 32 random bytes in base64, for example"
            + " the output of `openssl rand -base64 32`, and keep it: secrets stored under a lost key are lost.";

    @Bean
    SecretCipher secretCipher(SecretsProperties properties, Environment environment) {
        return create(properties, allowsGeneratedKey(properties, environment));
    }

    static SecretCipher create(SecretsProperties properties, boolean mayGenerate) {
        if (properties.key() == null || properties.key().isBlank()) {
            if (!mayGenerate) {
                throw new IllegalStateException(MISSING_KEY);
            }
            byte[] generated = new byte[SecretCipher.KEY_BYTES];
            new SecureRandom().nextBytes(generated);
            SecretCipher cipher = new SecretCipher(generated, List.of());
            LOG.warn(
                    "event=secrets_key_generated key_id={} note=\"palisade.secrets.key is not set; a random key"
                            + " was generated for this run, so secrets stored now cannot be read after a restart\"",
                    cipher.currentKeyId());
            return cipher;
        }
        byte[] current = decode(properties.key(), "palisade.secrets.key");
        List<byte[]> previous = new ArrayList<>();
        for (int i = 0; i < properties.previousKeys().size(); i++) {
            previous.add(decode(properties.previousKeys().get(i), "palisade.secrets.previous-keys[" + i + "]"));
        }
        SecretCipher cipher = new SecretCipher(current, previous);
        LOG.info("event=secrets_key_loaded key_id={} previous_keys={}", cipher.currentKeyId(), previous.size());
        return cipher;
    }

    private static boolean allowsGeneratedKey(SecretsProperties properties, Environment environment) {
        return properties.generateMissingKey()
                || Arrays.stream(environment.getActiveProfiles()).anyMatch(GENERATING_PROFILES::contains);
    }

    // The messages name the property and the decoded length, never the value.
    private static byte[] decode(String base64, String property) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64; it must be 32 random bytes in base64"
                    + " (for example `openssl rand -base64 32`)");
        }
        if (key.length != SecretCipher.KEY_BYTES) {
            throw new IllegalStateException(property + " must decode to 32 bytes for AES-256, but decodes to "
                    + key.length + " bytes (for example `openssl rand -base64 32` gives a valid key)");
        }
        return key;
    }
}
