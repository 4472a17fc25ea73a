package io.palisade.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class CoreDefaultsTest {

    @Test
    void validatesTheSchemaAndClustersQuartzByDefault() {
        StandardEnvironment environment = new StandardEnvironment();

        new CoreDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
        assertThat(environment.getProperty("spring.quartz.job-store-type")).isEqualTo("jdbc");
        assertThat(environment.getProperty("spring.quartz.properties.org.quartz.jobStore.isClustered"))
                .isEqualTo("true");
    }

    @Test
    void theApplicationsOwnSettingWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("application", Map.of("spring.quartz.job-store-type", "memory")));

        new CoreDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.quartz.job-store-type")).isEqualTo("memory");
        assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
    }
}
