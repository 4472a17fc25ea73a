package io.palisade.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

class PalisadeDatabaseContextCustomizerTest {

    @Configuration
    static class Empty {}

    @Nested
    @SpringJUnitConfig(Empty.class)
    @TestPropertySource(properties = "spring.datasource.username=ignored-without-inlining")
    class WithoutAnnotation {

        @Autowired
        Environment environment;

        @Test
        void everySpringContextGetsTheSharedDatabase() {
            TestDatabase database = PalisadeTestDatabase.get();

            assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(database.url());
            assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(database.password());
        }

        @Test
        void aTestsOwnInlinedPropertyWins() {
            assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("ignored-without-inlining");
        }
    }

    @Nested
    @SpringJUnitConfig(Empty.class)
    class WithoutTestProperties {

        @Autowired
        Environment environment;

        @Test
        void setsTheUserNameToo() {
            assertThat(environment.getProperty("spring.datasource.username"))
                    .isEqualTo(PalisadeTestDatabase.get().user());
        }
    }
}
