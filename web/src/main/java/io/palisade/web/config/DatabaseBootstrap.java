package io.palisade.web.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Creates the service's PostgreSQL database when it does not exist yet, so that the first run on a machine with a
 * bare PostgreSQL works without manual set-up. Runs before the data source exists; switched off by
 * {@code palisade.database.create-if-missing=false}.
 */
public class DatabaseBootstrap implements EnvironmentPostProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);
    private static final Pattern POSTGRES_URL =
            Pattern.compile("^jdbc:postgresql://(?<server>[^/]+)/(?<database>[A-Za-z0-9_]+)(?<params>\\?.*)?$");
    private static final String INVALID_CATALOG = "3D000";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("palisade.database.create-if-missing", Boolean.class, true)) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url == null) {
            return;
        }
        Matcher matcher = POSTGRES_URL.matcher(url);
        if (!matcher.matches()) {
            return;
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", environment.getProperty("spring.datasource.username", "postgres"));
        credentials.setProperty("password", environment.getProperty("spring.datasource.password", ""));
        createIfMissing(url, matcher, credentials);
    }

    private static void createIfMissing(String url, Matcher matcher, Properties credentials) {
        try (Connection ignored = DriverManager.getConnection(url, credentials)) {
            return;
        } catch (SQLException e) {
            if (!INVALID_CATALOG.equals(e.getSQLState())) {
                // The data source reports connection problems with its own, clearer context at start-up.
                LOG.debug("event=database_probe_failed sqlState={}", e.getSQLState());
                return;
            }
        }
        String database = matcher.group("database");
        String maintenanceUrl = "jdbc:postgresql://" + matcher.group("server") + "/postgres";
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
            LOG.info("event=database_created database={}", database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Database " + database + " does not exist and could not be created: " + e.getMessage(), e);
        }
    }
}
