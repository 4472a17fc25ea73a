package io.palisade.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestDatabaseResolverTest {

    private static final TestDatabase LOCAL = new TestDatabase(
            "jdbc:postgresql://127.0.0.1:5432/palisade_test_0", "postgres", "", TestDatabase.Source.LOCAL_POSTGRES);
    private static final TestDatabase CONTAINER = new TestDatabase(
            "jdbc:postgresql://localhost:32768/test", "test", "test", TestDatabase.Source.TESTCONTAINERS);

    private final Map<String, String> environment = new HashMap<>();
    private final AtomicInteger localProbes = new AtomicInteger();
    private final AtomicInteger dockerProbes = new AtomicInteger();
    private final AtomicInteger containersStarted = new AtomicInteger();

    private TestDatabaseResolver resolver(boolean localAnswers, boolean dockerAnswers) {
        return new TestDatabaseResolver(
                environment::get,
                () -> {
                    localProbes.incrementAndGet();
                    return localAnswers ? Optional.of(LOCAL) : Optional.empty();
                },
                () -> {
                    dockerProbes.incrementAndGet();
                    return dockerAnswers;
                },
                () -> {
                    containersStarted.incrementAndGet();
                    return CONTAINER;
                });
    }

    @Test
    void usesTheEnvironmentVariableWithoutProbingAnythingElse() {
        environment.put("PALISADE_TEST_DATABASE_URL", "jdbc:postgresql://db.internal:5433/ci");
        environment.put("PALISADE_TEST_DATABASE_USER", "ci");
        environment.put("PALISADE_TEST_DATABASE_PASSWORD", "s3cret");

        TestDatabase database = resolver(true, true).resolve();

        assertThat(database)
                .isEqualTo(new TestDatabase(
                        "jdbc:postgresql://db.internal:5433/ci", "ci", "s3cret", TestDatabase.Source.ENVIRONMENT));
        assertThat(localProbes).hasValue(0);
        assertThat(dockerProbes).hasValue(0);
    }

    @Test
    void defaultsToUserPostgresWithoutPasswordWhenOnlyTheUrlIsSet() {
        environment.put("PALISADE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/mine");

        TestDatabase database = resolver(false, false).resolve();

        assertThat(database.user()).isEqualTo("postgres");
        assertThat(database.password()).isEmpty();
    }

    @Test
    void ignoresABlankEnvironmentVariable() {
        environment.put("PALISADE_TEST_DATABASE_URL", "  ");

        assertThat(resolver(true, false).resolve()).isEqualTo(LOCAL);
    }

    @Test
    void rejectsAUrlThatIsNotPostgresWithoutEchoingItsQuery() {
        environment.put("PALISADE_TEST_DATABASE_URL", "jdbc:h2:mem:test?password=hunter2");

        assertThatThrownBy(() -> resolver(true, true).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PALISADE_TEST_DATABASE_URL")
                .hasMessageContaining("jdbc:h2:mem:test")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void usesTheLocalServerWhenNoVariableIsSetAndNeverAsksDocker() {
        TestDatabase database = resolver(true, true).resolve();

        assertThat(database).isEqualTo(LOCAL);
        assertThat(dockerProbes).hasValue(0);
        assertThat(containersStarted).hasValue(0);
    }

    @Test
    void startsAContainerWhenNoLocalServerAnswersButDockerDoes() {
        TestDatabase database = resolver(false, true).resolve();

        assertThat(database).isEqualTo(CONTAINER);
        assertThat(localProbes).hasValue(1);
        assertThat(containersStarted).hasValue(1);
    }

    @Test
    void failsAtOnceWithInstructionsWhenNothingAnswers() {
        assertThatThrownBy(() -> resolver(false, false).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PALISADE_TEST_DATABASE_URL")
                .hasMessageContaining("127.0.0.1:5432");
        assertThat(containersStarted).hasValue(0);
    }

    @Test
    void keepsThePasswordOutOfToString() {
        TestDatabase database =
                new TestDatabase("jdbc:postgresql://h/d", "u", "hunter2", TestDatabase.Source.ENVIRONMENT);

        assertThat(database.toString()).contains("jdbc:postgresql://h/d").doesNotContain("hunter2");
    }
}
