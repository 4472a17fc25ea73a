package io.palisade.core.retention;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Schedules the {@link RetentionJob} on the clustered Quartz scheduler (hourly by default). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionConfiguration {

    static final String JOB_NAME = "palisade.retention";

    @Bean
    JobDetail retentionJob() {
        return JobBuilder.newJob(RetentionJob.class)
                .withIdentity(JOB_NAME)
                .withDescription("Purges raw messages past retention and old finished work items")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger retentionTrigger(JobDetail retentionJob, RetentionProperties properties) {
        return TriggerBuilder.newTrigger()
                .forJob(retentionJob)
                .withIdentity(JOB_NAME)
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.schedule())
                        .withMisfireHandlingInstructionDoNothing())
                .build();
    }
}
