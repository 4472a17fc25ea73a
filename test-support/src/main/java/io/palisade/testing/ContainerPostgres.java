package io.palisade.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A PostgreSQL container for machines without a local server; it lives as long as the test JVM. */
final class ContainerPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerPostgres.class);

    static final String IMAGE = "postgres:16-alpine";

    private ContainerPostgres() {}

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts the container; Testcontainers' reaper removes it when the JVM exits. */
    @SuppressWarnings("resource")
    static TestDatabase start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        LOG.info("event=test_database_container_started image={}", IMAGE);
        return new TestDatabase(
                container.getJdbcUrl(),
                container.getUsername(),
                container.getPassword(),
                TestDatabase.Source.TESTCONTAINERS);
    }
}
