package io.palisade.core.lifecycle;

import io.palisade.lifecycle.LifecycleTestApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** One Spring context for every lifecycle test: fast workers, short backoff, the shared in-memory platform. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = LifecycleTestApplication.class,
        properties = {
            "palisade.workers.threads=8",
            "palisade.workers.idle-poll=20ms",
            "palisade.queue.backoff-base=100ms",
            "palisade.queue.backoff-cap=2s",
            "palisade.queue.max-attempts=20",
            "palisade.notifications.delivery-attempts=3",
            // Campaign decisions span several chunks even in small tests; a stopped caller is taken over quickly.
            "palisade.campaigns.verdict-chunk=4",
            "palisade.campaigns.resume-after=2s",
            // The tests read a decision's versions as soon as its request returns, so the request applies every
            // chunk itself; handing the rest to a worker has its own test (CampaignVerdictsTest).
            "palisade.campaigns.answer-within=10m"
        })
public @interface LifecycleTest {}
