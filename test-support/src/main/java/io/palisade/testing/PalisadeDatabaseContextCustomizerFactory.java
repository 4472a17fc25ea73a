package io.palisade.testing;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Gives every Spring test context the shared test database (registered in {@code META-INF/spring.factories}), so a
 * {@code @SpringBootTest} in any module runs against real PostgreSQL without an annotation.
 */
public final class PalisadeDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new PalisadeDatabaseContextCustomizer();
    }
}
