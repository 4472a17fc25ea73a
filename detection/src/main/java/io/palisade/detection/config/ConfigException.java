package io.palisade.detection.config;

/**
 * A configuration file (signal catalogue, scoring, rule) that cannot be used. The message names the file and, where
 * known, the line and column; a scanner is never built from bad configuration.
 */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
