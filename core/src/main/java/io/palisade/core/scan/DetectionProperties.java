package io.palisade.core.scan;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Installation-wide detection settings.
 *
 * @param trustedAuthservIds the authserv-ids of Authentication-Results headers written by the receiving platforms
 *     (an attacker can write such headers too; only these are believed)
 */
@ConfigurationProperties("palisade.detection")
public record DetectionProperties(Set<String> trustedAuthservIds) {

    public DetectionProperties {
        trustedAuthservIds = trustedAuthservIds == null
                ? Set.of("mx.google.com", "mx.microsoft.com", "protection.outlook.com")
                : Set.copyOf(trustedAuthservIds);
    }
}
