package io.palisade.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Adds core's defaults ({@code palisade-core-defaults.properties}: schema validation against the Flyway migrations,
 * Quartz on a clustered JDBC job store) at the lowest precedence, so an application's own configuration overrides
 * any of them. Registered in {@code META-INF/spring.factories}.
 */
public class CoreDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "palisade-core-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(load(), environment.getPropertySources());
    }

    static Map<String, Object> load() {
        Properties properties = new Properties();
        try (InputStream in = CoreDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the palisade-core jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        properties.forEach((key, value) -> defaults.put((String) key, value));
        return defaults;
    }
}
