package io.palisade.web.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo mode's settings.
 *
 * @param enabled whether the demo runs when no Microsoft 365 app is configured
 * @param seed the simulator's and traffic's seed: the same seed gives the same tenant and the same mail
 * @param mailboxes how many mailboxes the simulated tenant has
 * @param messagesPerMinute how much mail the traffic generator delivers
 * @param domain the simulated tenant's domain
 */
@ConfigurationProperties("palisade.demo")
public record DemoProperties(boolean enabled, Long seed, Integer mailboxes, Integer messagesPerMinute, String domain) {

    public DemoProperties {
        seed = seed == null ? 20261203L : seed;
        mailboxes = mailboxes == null ? 50 : mailboxes;
        messagesPerMinute = messagesPerMinute == null ? 20 : messagesPerMinute;
        domain = domain == null ? "contoso-demo.example" : domain;
    }
}
