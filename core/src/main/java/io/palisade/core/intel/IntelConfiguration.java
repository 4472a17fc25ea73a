package io.palisade.core.intel;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Schedules the {@link TaxiiPollJob} on the clustered Quartz scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntelProperties.class)
public class IntelConfiguration {

    static final String JOB_NAME = "palisade.intel.taxii";

    @Bean
    JobDetail taxiiPollJob() {
        return JobBuilder.newJob(TaxiiPollJob.class)
                .withIdentity(JOB_NAME)
                .withDescription("Polls the tenants' TAXII 2.1 collections for new indicators")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger taxiiPollTrigger(JobDetail taxiiPollJob, IntelProperties properties) {
        return TriggerBuilder.newTrigger()
                .forJob(taxiiPollJob)
                .withIdentity(JOB_NAME)
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.taxiiSchedule())
                        .withMisfireHandlingInstructionDoNothing())
                .build();
    }
}
