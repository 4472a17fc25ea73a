package io.palisade.core;

import io.palisade.core.pipeline.PipelineProperties;
import io.palisade.core.queue.WorkQueueProperties;
import io.palisade.core.scan.DetectionProperties;
import io.palisade.core.work.WorkerProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * Core's Spring set-up, found by component scanning of {@code io.palisade} (the web application scans it). Entities
 * and repositories of every Palisade module under {@code io.palisade} are picked up here, once.
 */
@Configuration(proxyBeanMethods = false)
@EntityScan("io.palisade")
@EnableJpaRepositories("io.palisade")
@EnableTransactionManagement
@EnableConfigurationProperties({
    WorkQueueProperties.class,
    WorkerProperties.class,
    DetectionProperties.class,
    PipelineProperties.class
})
public class CoreConfiguration {

    /** The clock every time-dependent rule reads (leases, backoff, retention), so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
