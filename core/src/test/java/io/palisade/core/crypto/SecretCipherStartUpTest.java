package io.palisade.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SecretCipherStartUpTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(SecretCipherConfiguration.class);

    @Test
    void anApplicationWithoutAKeyDoesNotStart() {
        runner.run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("palisade.secrets.key is not set"));
    }

    @Test
    void anApplicationWithAMalformedKeyDoesNotStart() {
        runner.withPropertyValues("palisade.secrets.key=c2hvcnQ=")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("decodes to 5 bytes"));
    }

    @Test
    void theDemoProfileStartsWithAGeneratedKey() {
        runner.withPropertyValues("spring.profiles.active=demo")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecretCipher.class));
    }

    @Test
    void theExplicitSwitchAlsoAllowsAGeneratedKey() {
        runner.withPropertyValues("palisade.secrets.generate-missing-key=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecretCipher.class));
    }
}
