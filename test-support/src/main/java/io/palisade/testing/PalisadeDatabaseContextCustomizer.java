package io.palisade.testing;

import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Puts {@code spring.datasource.url}, {@code username} and {@code password} of {@link PalisadeTestDatabase} ahead of
 * the application's own configuration. A test's inlined properties (for example
 * {@code @SpringBootTest(properties = ...)}) still win, so a test can point elsewhere on purpose.
 */
final class PalisadeDatabaseContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "palisadeTestDatabase";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        TestDatabase database = PalisadeTestDatabase.get();
        MapPropertySource source = new MapPropertySource(
                PROPERTY_SOURCE_NAME,
                Map.of(
                        "spring.datasource.url", database.url(),
                        "spring.datasource.username", database.user(),
                        "spring.datasource.password", database.password()));
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
        if (sources.contains(inlined)) {
            sources.addAfter(inlined, source);
        } else {
            sources.addFirst(source);
        }
    }

    // Every context gets the same database, so the customizer must not split Spring's context cache.
    @Override
    public boolean equals(Object other) {
        return other instanceof PalisadeDatabaseContextCustomizer;
    }

    @Override
    public int hashCode() {
        return PalisadeDatabaseContextCustomizer.class.hashCode();
    }
}
