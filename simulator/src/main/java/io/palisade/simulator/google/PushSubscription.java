package io.palisade.simulator.google;

/**
 * A Pub/Sub push subscription on a topic that Gmail publishes to.
 *
 * @param name {@code projects/{project}/subscriptions/{name}}
 * @param topic {@code projects/{project}/topics/{name}}
 * @param endpoint the URL pushes are POSTed to
 * @param audience the OIDC token's audience (the endpoint unless configured)
 * @param serviceAccountEmail the identity the OIDC token names in {@code email}
 */
public record PushSubscription(
        String name, String topic, String endpoint, String audience, String serviceAccountEmail) {}
