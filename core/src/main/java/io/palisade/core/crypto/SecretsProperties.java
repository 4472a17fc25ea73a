package io.palisade.core.crypto;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of secret encryption ({@code palisade.secrets.*}).
 *
 * @param key the current key: 32 random bytes in base64; may be null only where a key may be generated
 * @param previousKeys older keys that still decrypt, in base64; null means none
 * @param generateMissingKey whether a missing key may be replaced by a random one for this run (demo and
 *     development); the {@code demo} and {@code dev} profiles allow it too
 */
@ConfigurationProperties("palisade.secrets")
public record SecretsProperties(String key, List<String> previousKeys, boolean generateMissingKey) {

    public SecretsProperties {
        previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    }

    @Override
    public String toString() {
        return "SecretsProperties[key=" + (key == null ? "unset" : "set") + ", previousKeys=" + previousKeys.size()
                + ", generateMissingKey=" + generateMissingKey + "]";
    }
}
