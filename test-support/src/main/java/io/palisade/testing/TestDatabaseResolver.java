package io.palisade.testing;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides which database the tests use, in this order: the {@value #URL_VARIABLE} environment variable; else the
 * PostgreSQL on 127.0.0.1:5432 when it answers; else Testcontainers when a Docker engine answers; else a failure
 * that says how to provide a database. The probes are parameters so that the order itself can be tested.
 */
final class TestDatabaseResolver {

    static final String URL_VARIABLE = "PALISADE_TEST_DATABASE_URL";
    static final String USER_VARIABLE = "PALISADE_TEST_DATABASE_USER";
    static final String PASSWORD_VARIABLE = "PALISADE_TEST_DATABASE_PASSWORD";

    static final String NO_DATABASE_MESSAGE = "No PostgreSQL database for the tests: set " + URL_VARIABLE
            + " to a JDBC URL (with " + USER_VARIABLE + " and " + PASSWORD_VARIABLE
            + " when needed), or start PostgreSQL on 127.0.0.1:5432 with trust authentication for user postgres,"
            + " or start a Docker engine so that Testcontainers can run one.";

    private final Function<String, String> environment;
    private final Supplier<Optional<TestDatabase>> localPostgres;
    private final BooleanSupplier dockerAvailable;
    private final Supplier<TestDatabase> container;

    /**
     * @param environment reads an environment variable, returning null when it is not set
     * @param localPostgres creates a fresh database on the local server, or empty when no server answers
     * @param dockerAvailable whether a Docker engine answers
     * @param container starts a PostgreSQL container
     */
    TestDatabaseResolver(
            Function<String, String> environment,
            Supplier<Optional<TestDatabase>> localPostgres,
            BooleanSupplier dockerAvailable,
            Supplier<TestDatabase> container) {
        this.environment = environment;
        this.localPostgres = localPostgres;
        this.dockerAvailable = dockerAvailable;
        this.container = container;
    }

    /** Resolves the database, or throws {@link IllegalStateException} saying how to provide one. */
    TestDatabase resolve() {
        Optional<TestDatabase> configured = fromEnvironment();
        if (configured.isPresent()) {
            return configured.get();
        }
        Optional<TestDatabase> local = localPostgres.get();
        if (local.isPresent()) {
            return local.get();
        }
        if (dockerAvailable.getAsBoolean()) {
            return container.get();
        }
        throw new IllegalStateException(NO_DATABASE_MESSAGE);
    }

    private Optional<TestDatabase> fromEnvironment() {
        String url = environment.apply(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException(
                    URL_VARIABLE + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got: "
                            + withoutQuery(url));
        }
        String user = orDefault(environment.apply(USER_VARIABLE), "postgres");
        String password = orDefault(environment.apply(PASSWORD_VARIABLE), "");
        return Optional.of(new TestDatabase(url.strip(), user, password, TestDatabase.Source.ENVIRONMENT));
    }

    // A query string may carry a password; the error message shows the URL without it.
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
