package io.palisade.testing;

import java.util.Optional;

/**
 * The one PostgreSQL database that every test in this JVM uses, resolved on first use.
 *
 * <p>Resolution order: the environment variable {@code PALISADE_TEST_DATABASE_URL} (a JDBC URL, with
 * {@code PALISADE_TEST_DATABASE_USER} and {@code PALISADE_TEST_DATABASE_PASSWORD} when needed); else the PostgreSQL
 * on 127.0.0.1:5432 when it answers, in a fresh database {@code palisade_test_<random>} dropped at JVM exit; else a
 * Testcontainers PostgreSQL when a Docker engine answers; else an {@link IllegalStateException} that says how to
 * provide a database. A failure is remembered, so every later test fails at once with the same message.
 *
 * <p>Spring tests need not call this: {@link PalisadeDatabaseContextCustomizerFactory} sets
 * {@code spring.datasource.*} for every Spring test context. Plain JUnit tests call {@link #get()}.
 */
public final class PalisadeTestDatabase {

    private static TestDatabase resolved;
    private static IllegalStateException failure;

    private PalisadeTestDatabase() {}

    /** The database of this JVM, never null; throws {@link IllegalStateException} when none can be found. */
    public static synchronized TestDatabase get() {
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        if (resolved == null) {
            try {
                resolved = defaultResolver().resolve();
            } catch (IllegalStateException e) {
                failure = e;
                throw e;
            }
        }
        return resolved;
    }

    static TestDatabaseResolver defaultResolver() {
        return new TestDatabaseResolver(
                System::getenv,
                PalisadeTestDatabase::localPostgres,
                ContainerPostgres::dockerAvailable,
                ContainerPostgres::start);
    }

    private static Optional<TestDatabase> localPostgres() {
        return LocalPostgres.createDatabase();
    }
}
