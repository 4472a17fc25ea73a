package io.palisade.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL on 127.0.0.1:5432 (user {@code postgres}, trust authentication): a fresh database per test JVM,
 * dropped when the JVM exits.
 */
final class LocalPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

    static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String USER = "postgres";
    static final String DATABASE_PREFIX = "palisade_test_";

    private static final Pattern DATABASE_NAME = Pattern.compile(DATABASE_PREFIX + "[0-9a-f]{16}");
    private static final String CONNECT_OPTIONS = "?connectTimeout=3&loginTimeout=5";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalPostgres() {}

    /** Creates a fresh database and schedules its drop at JVM exit; empty when the server does not answer. */
    static Optional<TestDatabase> createDatabase() {
        String name = DATABASE_PREFIX + HexFormat.of().formatHex(RANDOM.generateSeed(8));
        try (Connection server = connectToServer();
                Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            LOG.info("event=local_postgres_unavailable url={} reason={}", SERVER_URL, e.getMessage());
            return Optional.empty();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name), "palisade-test-database-drop"));
        LOG.info("event=test_database_created database={}", name);
        String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
        return Optional.of(new TestDatabase(url, USER, "", TestDatabase.Source.LOCAL_POSTGRES));
    }

    /** Terminates the database's connections (pools may still be open at exit), then drops it. */
    static void drop(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a test database name: " + name);
        }
        try (Connection server = connectToServer()) {
            try (PreparedStatement terminate = server.prepareStatement("SELECT pg_terminate_backend(pid)"
                    + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, name);
                terminate.execute();
            }
            try (Statement statement = server.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            LOG.info("event=test_database_dropped database={}", name);
        } catch (SQLException e) {
            LOG.warn("event=test_database_drop_failed database={} reason={}", name, e.getMessage());
        }
    }

    /** Whether a database of this name exists on the local server. */
    static boolean exists(String name) throws SQLException {
        try (Connection server = connectToServer();
                PreparedStatement query = server.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            return query.executeQuery().next();
        }
    }

    private static Connection connectToServer() throws SQLException {
        return DriverManager.getConnection(SERVER_URL + CONNECT_OPTIONS, USER, "");
    }
}
